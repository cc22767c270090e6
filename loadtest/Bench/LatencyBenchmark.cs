using System.Diagnostics;
using HdrHistogram;

namespace TangerangLive.LoadTest.Bench;

/// <summary>Times <see cref="ZoneIndex.FindAsync"/> one query at a time into an HdrHistogram.</summary>
internal static class LatencyBenchmark
{
    private const long HighestTrackableNanoseconds = 60_000_000_000;
    private const long NanosecondsPerSecond = 1_000_000_000;

    public static async Task<LatencyResult> RunAsync(ZoneIndex index, IReadOnlyList<QueryPoint> queries, SearchConfig config, Action<int> done)
    {
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < BenchOptions.WarmUpQueries || warmUp.Elapsed < BenchOptions.WarmUpTime; i++)
        {
            await index.FindAsync(queries[i % queries.Count], config.K, config.MaxRadiusMetres);
        }

        var histogram = new LongHistogram(HighestTrackableNanoseconds, 3);
        long zonesVisited = 0;
        for (var i = 0; i < queries.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var result = await index.FindAsync(queries[i], config.K, config.MaxRadiusMetres);
            var elapsed = Stopwatch.GetTimestamp() - start;
            histogram.RecordValue(Math.Max(1, elapsed * NanosecondsPerSecond / Stopwatch.Frequency));
            zonesVisited += result.ZonesVisited;
            if ((i & 255) == 255 || i == queries.Count - 1)
            {
                done(i + 1);
            }
        }

        return new LatencyResult(
            config,
            queries.Count,
            Micro(histogram.GetValueAtPercentile(50)),
            Micro(histogram.GetValueAtPercentile(90)),
            Micro(histogram.GetValueAtPercentile(99)),
            Micro(histogram.GetMaxValue()),
            (double)zonesVisited / queries.Count);
    }

    private static double Micro(long nanoseconds) => nanoseconds / 1_000.0;
}
