using TangerangLive.Grains.City;
using TangerangLive.Grains.Matching;

namespace TangerangLive.LoadTest.Bench;

/// <summary>
/// Compares the zone-by-zone search with a brute-force scan of every officer, ordered by
/// (distance, officer id): the same ids must come back in the same order.
/// </summary>
internal static class CorrectnessCheck
{
    private static readonly int[] Ks = [1, 3, 5, 10];
    private static readonly double[] Radii = [1_000, 5_000, double.PositiveInfinity];

    public static async Task<CorrectnessResult> RunAsync(ZoneIndex index, IReadOnlyList<QueryPoint> samples, Random rng, Action<int> done)
    {
        var everyone = index.Rosters.SelectMany(r => r.Officers).ToArray();
        var identical = 0;
        string? firstMismatch = null;
        for (var i = 0; i < samples.Count; i++)
        {
            var query = samples[i];
            var k = Ks[rng.Next(Ks.Length)];
            var radius = Radii[rng.Next(Radii.Length)];
            var found = (await index.FindAsync(query, k, radius)).Candidates.Select(c => c.OfficerId).ToArray();
            var expected = BruteForce(everyone, index.Map.Metric, query, k, radius);
            if (found.SequenceEqual(expected, StringComparer.Ordinal))
            {
                identical++;
            }
            else
            {
                firstMismatch ??= $"({query.Lat:F6}, {query.Lon:F6}) {query.Agency} k={k} r={radius}: " +
                    $"index [{string.Join(", ", found)}] vs scan [{string.Join(", ", expected)}]";
            }

            done(i + 1);
        }

        return new CorrectnessResult(identical, samples.Count, firstMismatch);
    }

    private static string[] BruteForce(OfficerPosition[] everyone, LocalMetric metric, QueryPoint query, int k, double radius)
    {
        var q = metric.Project(query.Lat, query.Lon);
        return everyone
            .Where(o => o.Available && string.Equals(o.Agency, query.Agency, StringComparison.OrdinalIgnoreCase))
            .Select(o => new MatchCandidate(o.OfficerId, string.Empty, LocalMetric.PlaneDistance(q, metric.Project(o.Lat, o.Lon))))
            .Where(c => c.DistanceMetres <= radius)
            .Order(MatchCandidate.Order)
            .Take(k)
            .Select(c => c.OfficerId)
            .ToArray();
    }
}
