using Orleans.Concurrency;
using TangerangLive.Grains.Zones;

namespace TangerangLive.Grains.Matching;

/// <summary>
/// An index of on-duty officers that matching asks for the nearest ones: a zone's officers
/// (<see cref="Zones.IZoneGrain"/>), or the officers outside every zone (<see cref="Zones.IOutsideOfficersGrain"/>).
/// Every on-duty officer with a position is in exactly one of them, the one its last accepted fix falls in. Soft
/// state fed by the officer grain's one-way messages; the officer grain stays the arbiter of availability.
/// </summary>
public interface IOfficerIndexGrain : IGrainWithStringKey
{
    /// <summary>An officer of this index reported a position or changed availability.</summary>
    /// <remarks>One way: the index is soft state, the officer grain stays the arbiter of availability, so no caller needs to wait.</remarks>
    [OneWay]
    Task UpdateOfficerAsync(OfficerPosition position);

    /// <summary>An officer left this index (moved elsewhere, went off duty or offline, or was deactivated).</summary>
    /// <remarks>One way for the same reason: a stale entry can only lead to an offer the officer grain refuses.</remarks>
    [OneWay]
    Task RemoveOfficerAsync(string officerId);

    /// <summary>The k nearest available officers of the agency within maxMetres, by (distance, id), without the excluded ones.</summary>
    /// <remarks>Read-only: it only reads the index, so it may run beside other read-only calls.</remarks>
    [ReadOnly]
    Task<IReadOnlyList<MatchCandidate>> NearestAsync(string agency, double lat, double lon, int k, double maxMetres, IReadOnlyList<string> exclude);
}

/// <summary>Which index holds an officer.</summary>
public static class OfficerIndexes
{
    /// <summary>
    /// The officer index for a zone, or the city's outside index, or none (no accepted fix, or swept offline): the
    /// officer grain and the officer shard find an officer's index alike.
    /// </summary>
    public static IOfficerIndexGrain? IndexOf(this IGrainFactory grains, CityModel city, string? zone, bool outside) =>
        zone is not null ? grains.Zone(zone)
        : outside ? grains.OutsideOfficers(city.Definition.Id)
        : null;
}
