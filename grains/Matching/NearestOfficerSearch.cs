using TangerangLive.Grains.City;

namespace TangerangLive.Grains.Matching;

/// <summary>
/// Exact k-nearest-officer search over zones. Zones are visited in order of the distance from the
/// point to their polygon; each is asked for its own k nearest. Because every officer of a zone
/// lies inside the zone's polygon and both distances are in the same plane metric, a zone's
/// distance is a lower bound of its officers' distances, so the search can stop as soon as the k-th
/// best distance found is strictly below the next zone's distance (strictly, so that an officer at
/// exactly the same distance with a smaller id is not missed), or when the next zone is beyond
/// the radius. The result equals a brute-force scan of all officers ordered by (distance, id).
/// Officers whose position is outside every zone belong to no zone's roster and are therefore never
/// matched; the intake rejects reports outside the city, and the officer's zone comes from
/// <see cref="ZoneMap.FindZone"/>.
/// </summary>
public static class NearestOfficerSearch
{
    /// <summary>
    /// Slack in metres for floating-point error between the polygon distance and the point distance;
    /// it can only make the search visit one more zone, never miss one.
    /// </summary>
    public const double ToleranceMetres = 1e-6;

    /// <summary>
    /// The k nearest officers within maxRadiusMetres of the point, asking each zone through
    /// <paramref name="queryZone"/> (zone code, k, max metres) for its own nearest officers.
    /// </summary>
    public static async ValueTask<NearestOfficerResult> FindAsync(
        ZoneMap map,
        double lat,
        double lon,
        int k,
        double maxRadiusMetres,
        Func<string, int, double, ValueTask<IReadOnlyList<MatchCandidate>>> queryZone,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(queryZone);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (!(maxRadiusMetres >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxRadiusMetres), maxRadiusMetres, "The radius must be zero or positive.");
        }

        var best = new TopK(k);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var visited = 0;
        foreach (var (zone, zoneDistance) in map.ZonesInDistanceOrder(lat, lon))
        {
            if (zoneDistance - ToleranceMetres > maxRadiusMetres)
            {
                break;
            }

            if (best.IsFull && best.WorstDistance < zoneDistance - ToleranceMetres)
            {
                break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var limit = Math.Min(maxRadiusMetres, best.WorstDistance);
            var found = await queryZone(zone.Code, k, limit);
            visited++;
            foreach (var candidate in found)
            {
                if (candidate.DistanceMetres <= maxRadiusMetres && seen.Add(candidate.OfficerId))
                {
                    best.Add(candidate);
                }
            }
        }

        return new NearestOfficerResult(best.ToList(), visited);
    }
}
