using Orleans.Concurrency;
using TangerangLive.Grains.Matching;

namespace TangerangLive.Grains.Zones;

/// <summary>
/// One zone (kelurahan): the in-memory index of on-duty officers inside it, its open reports and its
/// live counters. Answers "nearest available officers of agency A to point P" and sweeps its officers
/// for liveness (on a timer, and on a reminder that brings the zone back after a silo dies). The
/// officer index (<see cref="IOfficerIndexGrain"/>) is soft state fed by one-way messages and rebuilt from the
/// position log on activation. Officers outside every zone are in <see cref="IOutsideOfficersGrain"/> instead.
/// Key: the zone code.
/// </summary>
public interface IZoneGrain : IOfficerIndexGrain
{
    /// <summary>
    /// In one turn: returns the open duplicate of the report (same category, within the radius, since the
    /// given time) or, when there is none, remembers the report as open.
    /// </summary>
    Task<string?> RegisterOpenComplaintAsync(OpenComplaint complaint, double radiusMetres, DateTimeOffset since);

    /// <summary>Updates an open report of this zone (e.g. its category changed).</summary>
    Task AddOpenComplaintAsync(OpenComplaint complaint);

    /// <summary>A report of this zone, submitted at the given time, closed.</summary>
    Task CloseComplaintAsync(string complaintId, DateTimeOffset submittedAt);

    /// <summary>The oldest open report of the category within the radius since the given time, if any.</summary>
    /// <remarks>Read-only: it only reads the open reports.</remarks>
    [ReadOnly]
    Task<string?> FindDuplicateAsync(string category, double lat, double lon, double radiusMetres, DateTimeOffset since, string excludeComplaintId);

    /// <summary>Live counters: officers online and available, per agency, open reports. O(agencies) to answer.</summary>
    /// <remarks>Read-only: it only reads counters kept as officers come and go.</remarks>
    [ReadOnly]
    Task<ZoneCounters> GetCountersAsync();

    /// <summary>Live counters and the officers now in the zone.</summary>
    /// <remarks>Read-only: it only reads the index.</remarks>
    [ReadOnly]
    Task<ZoneStatus> GetStatusAsync();
}
