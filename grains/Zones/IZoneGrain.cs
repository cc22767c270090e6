using TangerangLive.Grains.Matching;

namespace TangerangLive.Grains.Zones;

/// <summary>
/// One zone (kelurahan): the in-memory index of on-duty officers inside it, its open reports and its
/// live counters. Answers "nearest available officers of agency A to point P" and sweeps its officers
/// for liveness. Key: the zone code.
/// </summary>
public interface IZoneGrain : IGrainWithStringKey
{
    /// <summary>An officer inside this zone reported a position or changed availability.</summary>
    Task UpdateOfficerAsync(OfficerPosition position);

    /// <summary>An officer left this zone or went off duty.</summary>
    Task RemoveOfficerAsync(string officerId);

    /// <summary>The k nearest available officers of the agency within maxMetres, by (distance, id).</summary>
    Task<IReadOnlyList<MatchCandidate>> NearestAsync(string agency, double lat, double lon, int k, double maxMetres, IReadOnlyList<string> exclude);

    /// <summary>
    /// In one turn: returns the open duplicate of the report (same category, within the radius, since the
    /// given time) or, when there is none, remembers the report as open.
    /// </summary>
    Task<string?> RegisterOpenComplaintAsync(OpenComplaint complaint, double radiusMetres, DateTimeOffset since);

    /// <summary>Updates an open report of this zone (e.g. its category changed).</summary>
    Task AddOpenComplaintAsync(OpenComplaint complaint);

    /// <summary>A report of this zone closed.</summary>
    Task CloseComplaintAsync(string complaintId);

    /// <summary>The oldest open report of the category within the radius since the given time, if any.</summary>
    Task<string?> FindDuplicateAsync(string category, double lat, double lon, double radiusMetres, DateTimeOffset since, string excludeComplaintId);

    /// <summary>Officers silent past the offline threshold are marked offline. Called by the sweep timer.</summary>
    Task SweepAsync();

    /// <summary>Live counters and the officers now in the zone.</summary>
    Task<ZoneStatus> GetStatusAsync();
}
