using System.Diagnostics;
using HdrHistogram;
using TangerangLive.Grains.City;

namespace TangerangLive.LoadTest.Bench;

/// <summary>Times one operation per query point into an HdrHistogram, after a warm-up.</summary>
internal static class LatencyBenchmark
{
    private const long HighestTrackableNanoseconds = 60_000_000_000;
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>Times <see cref="ZoneIndex.FindAsync"/> with one search configuration.</summary>
    public static Task<LatencyResult> RunAsync(ZoneIndex index, IReadOnlyList<QueryPoint> queries, SearchConfig config, Action<int> done) =>
        MeasureAsync(
            queries,
            config,
            async query => (await index.FindAsync(query, config.K, config.MaxRadiusMetres)).ZonesVisited,
            done);

    /// <summary>Times a full zone ranking (<c>ZoneMap.ZonesByDistance</c>), for comparison with the lazy walk the search uses.</summary>
    public static Task<LatencyResult> RunZoneRankingAsync(ZoneMap map, IReadOnlyList<QueryPoint> queries, Action<int> done) =>
        MeasureAsync(
            queries,
            new SearchConfig(0, double.PositiveInfinity),
            query => ValueTask.FromResult(map.ZonesByDistance(query.Lat, query.Lon).Count),
            done);

    private static async Task<LatencyResult> MeasureAsync(
        IReadOnlyList<QueryPoint> queries, SearchConfig config, Func<QueryPoint, ValueTask<int>> run, Action<int> done)
    {
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < BenchOptions.WarmUpQueries || warmUp.Elapsed < BenchOptions.WarmUpTime; i++)
        {
            await run(queries[i % queries.Count]);
        }

        var histogram = new LongHistogram(HighestTrackableNanoseconds, 3);
        long zones = 0;
        for (var i = 0; i < queries.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            zones += await run(queries[i]);
            var elapsed = Stopwatch.GetTimestamp() - start;
            histogram.RecordValue(Math.Max(1, elapsed * NanosecondsPerSecond / Stopwatch.Frequency));
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
            (double)zones / queries.Count);
    }

    private static double Micro(long nanoseconds) => nanoseconds / 1_000.0;
}
