namespace TangerangLive.Grains.Officers;

/// <summary>
/// One field officer: profile, duty state, position and current assignment. The only arbiter of its
/// own availability. Key: <see cref="OfficerKey.For"/>.
/// </summary>
public interface IOfficerGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the officer's roster entry.</summary>
    Task<OfficerSnapshot> RegisterAsync(OfficerProfile profile);

    /// <summary>The officer as now, or null when nobody registered this id.</summary>
    Task<OfficerSnapshot?> GetAsync();

    /// <summary>The silo this activation lives on (operations and cluster tests).</summary>
    Task<string> GetHostingSiloAsync();
}
