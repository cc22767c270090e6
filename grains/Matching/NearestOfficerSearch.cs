using TangerangLive.Grains.City;

namespace TangerangLive.Grains.Matching;

/// <summary>
/// Exact k-nearest-officer search over the officer indexes: the zones, and the index of officers outside every
/// zone. Zones are visited in order of the distance from the point to their polygon (in waves, see
/// <see cref="MaxWave"/>); each is asked for its own k nearest. Because every officer of a zone lies inside the zone's polygon and both distances are in the same
/// plane metric, a zone's distance is a lower bound of its officers' distances, so the search can stop as soon as
/// the k-th best distance found is strictly below the next zone's distance (strictly, so that an officer at
/// exactly the same distance with a smaller id is not missed), or when the next zone is beyond the radius.
/// <para>
/// An officer whose last fix is outside every polygon (just past the city boundary, in a gap between two
/// kelurahan) is in no zone, so no zone distance bounds it: the outside index has no lower bound and is asked
/// every time, for its own k nearest within the radius. It is asked first and without waiting, so that its
/// answer travels beside the zones' (one more call per search, no longer a search), and merged at the end. The
/// zone part alone is the exact top k of the zones' officers, the outside part the exact top k of the others, and
/// the top k of their union is the top k of all: the result equals a brute-force scan of every available officer
/// of the agency within the radius, inside or outside the zones, ordered by (distance, id).
/// </para>
/// </summary>
public static class NearestOfficerSearch
{
    /// <summary>
    /// Slack in metres for floating-point error between the polygon distance and the point distance;
    /// it can only make the search visit one more zone, never miss one.
    /// </summary>
    public const double ToleranceMetres = 1e-6;

    /// <summary>
    /// The most zones asked at once. The zones are asked in waves of 1, 2, 4, 4, ... zones: each wave is every zone the
    /// answers so far cannot rule out, up to the wave's size, asked together with the same distance limit, so a search
    /// through twenty zones waits for seven answers in a row instead of twenty. A wave may ask up to three zones the
    /// search would have ruled out one by one (their answers only add candidates no nearer than the k best); the
    /// result is the same.
    /// </summary>
    public const int MaxWave = 4;

    /// <summary>
    /// The k nearest officers within maxRadiusMetres of the point, asking each zone through
    /// <paramref name="queryZone"/> (zone code, k, max metres) for its own nearest officers, and the officers
    /// outside every zone through <paramref name="queryOutside"/> (k, max metres).
    /// </summary>
    public static async ValueTask<NearestOfficerResult> FindAsync(
        ZoneMap map,
        double lat,
        double lon,
        int k,
        double maxRadiusMetres,
        Func<string, int, double, ValueTask<IReadOnlyList<MatchCandidate>>> queryZone,
        Func<int, double, ValueTask<IReadOnlyList<MatchCandidate>>> queryOutside,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(queryZone);
        ArgumentNullException.ThrowIfNull(queryOutside);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (!(maxRadiusMetres >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxRadiusMetres), maxRadiusMetres, "The radius must be zero or positive.");
        }

        var outside = queryOutside(k, maxRadiusMetres).AsTask();
        var best = new TopK(k);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var visited = 0;
        var wave = new List<ValueTask<IReadOnlyList<MatchCandidate>>>(MaxWave);
        try
        {
            using var zones = map.ZonesInDistanceOrder(lat, lon).GetEnumerator();
            var more = zones.MoveNext();
            for (var size = 1; more; size = Math.Min(size * 2, MaxWave))
            {
                // A wave: the next zones that the best found so far cannot rule out, asked at once with the same limit.
                var limit = Math.Min(maxRadiusMetres, best.WorstDistance);
                while (more && wave.Count < size && Needed(zones.Current.DistanceMetres))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    wave.Add(queryZone(zones.Current.Zone.Code, k, limit));
                    more = zones.MoveNext();
                }

                if (wave.Count == 0)
                {
                    break;
                }

                // Every answer of the wave is awaited (and merged) before a fault is passed on.
                List<Exception>? faults = null;
                foreach (var answer in wave)
                {
                    try
                    {
                        Merge(await answer);
                        visited++;
                    }
                    catch (Exception ex)
                    {
                        (faults ??= []).Add(ex);
                    }
                }

                wave.Clear();
                if (faults is [var first, ..])
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
                }
            }
        }
        catch
        {
            // The search fails with the zone; the outside answer is not waited for, and its own fault, if any, is observed.
            outside.Ignore();
            throw;
        }

        Merge(await outside);
        return new NearestOfficerResult(best.ToList(), visited);

        // A zone is needed while it is within the radius and the k best found so far do not all lie strictly nearer.
        bool Needed(double zoneDistance) =>
            zoneDistance - ToleranceMetres <= maxRadiusMetres && !(best.IsFull && best.WorstDistance < zoneDistance - ToleranceMetres);

        void Merge(IReadOnlyList<MatchCandidate> found)
        {
            foreach (var candidate in found)
            {
                if (candidate.DistanceMetres <= maxRadiusMetres && seen.Add(candidate.OfficerId))
                {
                    best.Add(candidate);
                }
            }
        }
    }
}
