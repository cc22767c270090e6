namespace TangerangLive.Grains.Zones;

/// <summary>
/// A zone's persisted state (state name "zone"): only its open reports, for duplicate detection. The
/// officer index is soft state, never saved as a whole: a re-activated zone rebuilds it from the batched
/// position log and the next heartbeats. (Id 0 held the saved roster before; it is no longer written.)
/// </summary>
[GenerateSerializer]
public sealed class ZoneState
{
    [Id(1)]
    public Dictionary<string, OpenComplaint> Open { get; set; } = new(StringComparer.Ordinal);
}
