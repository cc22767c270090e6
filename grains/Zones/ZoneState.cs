namespace TangerangLive.Grains.Zones;

/// <summary>
/// A zone's persisted state (state name "zone"): only its open reports, for duplicate detection. The
/// officer index is soft state, never saved as a whole: a re-activated zone rebuilds it from the batched
/// position log and the next heartbeats. (Id 0 held the saved roster before; it is no longer written.)
/// </summary>
[GenerateSerializer]
public sealed class ZoneState
{
    /// <summary>The duplicate index: open reports, at most <see cref="ZoneBounds.MaxOpenReports"/>.</summary>
    [Id(1)]
    public Dictionary<string, OpenComplaint> Open { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Open reports spilled from <see cref="Open"/> past its bound, still counted until they close.</summary>
    [Id(2)]
    public int Spilled { get; set; }

    /// <summary>The newest submission time spilled: a report closing that is not indexed and not newer than this was spilled.</summary>
    [Id(3)]
    public DateTimeOffset? SpilledThrough { get; set; }

    /// <summary>Open reports of the zone: indexed and spilled.</summary>
    public int OpenCount => Open.Count + Spilled;

    /// <summary>A copy that shares the entries (immutable records) but not the dictionary.</summary>
    public ZoneState Copy() => new() { Open = new Dictionary<string, OpenComplaint>(Open, StringComparer.Ordinal), Spilled = Spilled, SpilledThrough = SpilledThrough };
}
