namespace TangerangLive.Grains.Officers;

/// <summary>Officers imported in bulk: the roster table holds them until their grain first saves state.</summary>
public sealed partial class OfficerGrain
{
    /// <summary>An officer unknown to the roster is looked up again at most this often (an import may add it).</summary>
    private static readonly TimeSpan RosterRecheckPeriod = TimeSpan.FromSeconds(2);

    private DateTimeOffset _rosterCheckedAt = DateTimeOffset.MinValue;

    /// <summary>
    /// When this grain has no profile yet, takes the officer's entry from the roster table (a bulk import
    /// writes the table, not every grain). Nothing is saved until the officer's first transition.
    /// </summary>
    private async Task<bool> LoadImportedProfileAsync(CancellationToken cancellationToken = default)
    {
        if (S.Profile is not null)
        {
            return true;
        }

        var now = clock.Now;
        if (now - _rosterCheckedAt < RosterRecheckPeriod)
        {
            return false;
        }

        _rosterCheckedAt = now;
        if (await directory.FindAsync(OfficerId, cancellationToken) is not { } profile)
        {
            return false;
        }

        S.Profile = profile;
        S.RegisteredAt = now;
        S.UpdatedAt = now;
        return true;
    }
}
