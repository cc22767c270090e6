using Orleans.Concurrency;

namespace TangerangLive.Grains.Dispatch;

/// <summary>
/// Pause and resume of automatic dispatch for one category ("category/CODE") or one zone ("zone/CODE").
/// Reports that arrive while paused wait here and are woken on resume.
/// </summary>
public interface IDispatchControlGrain : IGrainWithStringKey
{
    Task<DispatchControlStatus> PauseAsync(string actor, string? reason);

    Task<DispatchControlStatus> ResumeAsync(string actor, string? reason);

    /// <summary>The switch as now.</summary>
    /// <remarks>Read-only: it reads the state in one synchronous turn.</remarks>
    [ReadOnly]
    Task<DispatchControlStatus> GetAsync();

    /// <summary>
    /// Returns true when dispatch is paused, and remembers the report to wake it on resume: the first
    /// <see cref="DispatchControlGrain.MaxListedWaiting"/> by id, later ones counted only (their watch reminder wakes
    /// them). <paramref name="alreadyQueued"/>: the report waits already (its watch asks again), so it is not counted twice.
    /// </summary>
    Task<bool> HoldIfPausedAsync(string complaintId, bool alreadyQueued);
}

/// <summary>A pause switch and who flipped it.</summary>
[GenerateSerializer, Immutable]
public sealed record DispatchControlStatus(
    [property: Id(0)] string Scope,
    [property: Id(1)] bool Paused,
    [property: Id(2)] string? By,
    [property: Id(3)] string? Reason,
    [property: Id(4)] DateTimeOffset? Since,
    [property: Id(5)] int Waiting,
    [property: Id(6)] int WaitingListed = 0);

public static class DispatchControlKey
{
    public static IDispatchControlGrain CategoryControl(this IGrainFactory grains, string category) =>
        grains.GetGrain<IDispatchControlGrain>("category/" + category.ToLowerInvariant());

    public static IDispatchControlGrain ZoneControl(this IGrainFactory grains, string zoneCode) =>
        grains.GetGrain<IDispatchControlGrain>("zone/" + zoneCode);
}
