using TangerangLive.Grains.City;
using TangerangLive.Grains.Matching;

namespace TangerangLive.LoadTest.Bench;

/// <summary>
/// One <see cref="OfficerRoster"/> per zone, as the Zone grains hold them, and the roster of officers outside
/// every zone (empty here: the bench places officers inside the city, but the search asks it every time, as the
/// grains do), searched in process by <see cref="NearestOfficerSearch"/> without any grain call in between.
/// </summary>
internal sealed class ZoneIndex
{
    private readonly Dictionary<string, OfficerRoster> _rosters;
    private readonly OfficerRoster _outside;

    public ZoneIndex(ZoneMap map)
    {
        Map = map;
        _rosters = map.All.ToDictionary(z => z.Code, z => new OfficerRoster(z.Code, map.Metric), StringComparer.Ordinal);
        _outside = new OfficerRoster(null, map.Metric);
    }

    public ZoneMap Map { get; }

    public IEnumerable<OfficerRoster> Rosters => _rosters.Values;

    public OfficerRoster Roster(string zoneCode) => _rosters[zoneCode];

    /// <summary>The k nearest available officers of the query's agency within the radius.</summary>
    public ValueTask<NearestOfficerResult> FindAsync(QueryPoint query, int k, double maxRadiusMetres) =>
        NearestOfficerSearch.FindAsync(
            Map,
            query.Lat,
            query.Lon,
            k,
            maxRadiusMetres,
            (zoneCode, zoneK, zoneMax) => ValueTask.FromResult(_rosters[zoneCode].Nearest(query.Agency, query.Lat, query.Lon, zoneK, zoneMax)),
            (outsideK, outsideMax) => ValueTask.FromResult(_outside.Nearest(query.Agency, query.Lat, query.Lon, outsideK, outsideMax)));
}
