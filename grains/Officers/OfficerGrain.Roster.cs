namespace TangerangLive.Grains.Officers;

/// <summary>
/// The roster entry. The roster table (officer_directory, written by bulk imports and by
/// <see cref="RegisterAsync"/>) is where an officer's entry lives; a grain reads it when it activates, so an
/// import writes one table, not 100,000 grains, and tells only the active grains.
/// </summary>
public sealed partial class OfficerGrain
{
    /// <summary>An officer unknown to the roster is looked up again at most this often (an import may add it).</summary>
    private static readonly TimeSpan RosterRecheckPeriod = TimeSpan.FromSeconds(2);

    private DateTimeOffset _rosterCheckedAt = DateTimeOffset.MinValue;

    public async Task RefreshFromRosterAsync()
    {
        if (await _services.Directory.FindAsync(OfficerId) is { } profile)
        {
            await ApplyProfileAsync(profile);
        }
    }

    /// <summary>Takes a new roster entry: saved before answering, and the zone index follows an agency change or a deactivation.</summary>
    private async Task ApplyProfileAsync(OfficerProfile profile)
    {
        var now = _services.Clock.Now;
        if (S.Profile is null)
        {
            S.RegisteredAt = now;
        }

        var agencyChanged = S.Profile is not null && S.Profile.Agency != profile.Agency;
        S.Profile = Shared(profile);
        S.UpdatedAt = now;
        await SaveAsync();
        if (agencyChanged || !profile.Active)
        {
            await SyncZoneAsync();
        }
    }

    /// <summary>On activation: the roster table's entry wins over the saved one (an import may have changed it while inactive).</summary>
    private async Task ReadRosterAsync(CancellationToken cancellationToken)
    {
        _rosterCheckedAt = _services.Clock.Now;
        if (await _services.Directory.FindAsync(OfficerId, cancellationToken) is not { } profile || SameEntry(S.Profile, profile))
        {
            return;
        }

        if (S.Profile is null)
        {
            S.RegisteredAt = _services.Clock.Now;
        }

        S.Profile = Shared(profile);
        S.UpdatedAt = _services.Clock.Now;
    }

    /// <summary>
    /// The officer's state with the strings that every officer repeats (agency, team, shift, zone code) replaced by
    /// one shared instance each: read from storage or the roster table, each officer would otherwise hold copies.
    /// </summary>
    private void ShareRepeatedStrings()
    {
        if (S.Profile is { } profile)
        {
            S.Profile = Shared(profile);
        }

        S.ZoneCode = SharedStrings.Get(S.ZoneCode);
        if (S.Flags is { Count: 0 })
        {
            S.Flags = null; // stored by earlier versions as an empty list
        }
    }

    /// <summary>
    /// The entry with the codes every officer repeats shared, and the officer id the grain already holds (the roster
    /// table's and storage's copies are strings of their own: about 50 B per officer).
    /// </summary>
    private OfficerProfile Shared(OfficerProfile profile)
    {
        var shared = profile.WithSharedCodes();
        return ReferenceEquals(shared.OfficerId, OfficerId) ? shared : shared with { OfficerId = OfficerId };
    }

    /// <summary>
    /// When this grain has no profile yet, takes the officer's entry from the roster table (an import may have
    /// added it since the grain activated). Nothing is saved until the officer's first transition.
    /// </summary>
    private async Task LoadImportedProfileAsync()
    {
        if (S.Profile is not null || _services.Clock.Now - _rosterCheckedAt < RosterRecheckPeriod)
        {
            return;
        }

        await ReadRosterAsync(CancellationToken.None);
    }

    private static bool SameEntry(OfficerProfile? saved, OfficerProfile roster) =>
        saved is not null && saved with { DeviceIds = roster.DeviceIds } == roster && saved.DeviceIds.SequenceEqual(roster.DeviceIds, StringComparer.Ordinal);
}
