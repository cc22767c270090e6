namespace TangerangLive.Grains.Zones;

/// <summary>
/// How many open reports a zone keeps in its duplicate index, and how it finds entries whose close it never heard.
/// The zone's whole state is written on every change, so the index stays small even when a kelurahan's backlog
/// does not.
/// </summary>
public static class ZoneBounds
{
    /// <summary>
    /// Open reports indexed per zone. Past it the oldest are spilled: counted in the zone's open count until they
    /// close, but no longer found as the original of a new report (a backlog this deep is far older than the
    /// duplicate window, which is what the index is for).
    /// </summary>
    public const int MaxOpenReports = 500;

    /// <summary>How often (business time, on the sweep) the zone re-checks its oldest entries with their reports.</summary>
    public static readonly TimeSpan RescanPeriod = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Entries re-checked per rescan: those older than the duplicate window, oldest first, in turn. A report that
    /// closed while its close message was lost (its silo died between the two writes) is dropped.
    /// </summary>
    public const int RescanBatch = 10;
}
