using TangerangLive.Grains.City;
using TangerangLive.Grains.Matching;

namespace TangerangLive.Tests.Matching;

/// <summary>
/// Officers placed on a map as the cluster indexes them (each zone's roster, or the roster of officers outside
/// every zone), with the two answers the property tests compare: the zone search over those rosters, and a
/// brute-force scan of every officer ordered by (distance, id).
/// </summary>
internal sealed class IndexedCity
{
    private readonly Dictionary<string, OfficerRoster> _rosters;
    private readonly List<(OfficerPosition Officer, string? Zone)> _placed = [];

    public IndexedCity(ZoneMap map, IEnumerable<OfficerPosition> officers)
    {
        Map = map;
        _rosters = map.All.ToDictionary(z => z.Code, z => new OfficerRoster(z.Code, map.Metric));
        Outside = new OfficerRoster(null, map.Metric);
        foreach (var o in officers)
        {
            var zone = map.FindZone(o.Lat, o.Lon)?.Code;
            (zone is null ? Outside : _rosters[zone]).Upsert(o);
            _placed.Add((o, zone));
        }
    }

    public ZoneMap Map { get; }

    /// <summary>The officers outside every zone.</summary>
    public OfficerRoster Outside { get; }

    /// <summary>How many officers were placed.</summary>
    public int Count => _placed.Count;

    /// <summary>Every available officer of the agency within the radius, by (distance, id), the first k.</summary>
    public List<MatchCandidate> BruteForce(string agency, double lat, double lon, int k, double radius) => _placed
        .Where(p => p.Officer.Available && p.Officer.Agency == agency)
        .Select(p => new MatchCandidate(p.Officer.OfficerId, p.Zone, Map.Metric.DistanceMetres(lat, lon, p.Officer.Lat, p.Officer.Lon)))
        .Where(c => c.DistanceMetres <= radius)
        .Order(MatchCandidate.Order)
        .Take(k)
        .ToList();

    /// <summary>The search the dispatcher runs, over these rosters.</summary>
    public ValueTask<NearestOfficerResult> SearchAsync(string agency, double lat, double lon, int k, double radius) =>
        NearestOfficerSearch.FindAsync(
            Map, lat, lon, k, radius,
            (zone, kk, max) => ValueTask.FromResult(_rosters[zone].Nearest(agency, lat, lon, kk, max)),
            (kk, max) => ValueTask.FromResult(Outside.Nearest(agency, lat, lon, kk, max)));
}
