using TangerangLive.Grains.Matching;

namespace TangerangLive.Grains.Zones;

/// <summary>
/// A zone's persisted state (state name "zone"): the roster, so that liveness sweeps resume after a
/// silo dies, and the open reports. Positions are saved in batches, not per heartbeat.
/// </summary>
[GenerateSerializer]
public sealed class ZoneState
{
    [Id(0)]
    public Dictionary<string, OfficerPosition> Roster { get; set; } = new(StringComparer.Ordinal);

    [Id(1)]
    public Dictionary<string, OpenComplaint> Open { get; set; } = new(StringComparer.Ordinal);
}
