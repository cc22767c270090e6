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
        if (await directory.FindAsync(OfficerId) is { } profile)
        {
            await ApplyProfileAsync(profile);
        }
    }

    /// <summary>Takes a new roster entry: saved before answering, and the zone index follows an agency change or a deactivation.</summary>
    private async Task ApplyProfileAsync(OfficerProfile profile)
    {
        var now = clock.Now;
        if (S.Profile is null)
        {
            S.RegisteredAt = now;
        }

        var agencyChanged = S.Profile is not null && S.Profile.Agency != profile.Agency;
        S.Profile = (profile with { OfficerId = OfficerId }).WithSharedCodes();
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
        _rosterCheckedAt = clock.Now;
        if (await directory.FindAsync(OfficerId, cancellationToken) is not { } profile || SameEntry(S.Profile, profile))
        {
            return;
        }

        if (S.Profile is null)
        {
            S.RegisteredAt = clock.Now;
        }

        S.Profile = profile.WithSharedCodes();
        S.UpdatedAt = clock.Now;
    }

    /// <summary>
    /// The officer's state with the strings that every officer repeats (agency, team, shift, zone code) replaced by
    /// one shared instance each: read from storage or the roster table, each officer would otherwise hold copies.
    /// </summary>
    private void ShareRepeatedStrings()
    {
        if (S.Profile is { } profile)
        {
            S.Profile = profile.WithSharedCodes();
        }

        S.ZoneCode = SharedStrings.Get(S.ZoneCode);
    }

    /// <summary>
    /// When this grain has no profile yet, takes the officer's entry from the roster table (an import may have
    /// added it since the grain activated). Nothing is saved until the officer's first transition.
    /// </summary>
    private async Task LoadImportedProfileAsync()
    {
        if (S.Profile is not null || clock.Now - _rosterCheckedAt < RosterRecheckPeriod)
        {
            return;
        }

        await ReadRosterAsync(CancellationToken.None);
    }

    private static bool SameEntry(OfficerProfile? saved, OfficerProfile roster) =>
        saved is not null && saved with { DeviceIds = roster.DeviceIds } == roster && saved.DeviceIds.SequenceEqual(roster.DeviceIds, StringComparer.Ordinal);
}
