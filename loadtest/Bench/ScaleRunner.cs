using Spectre.Console;

namespace TangerangLive.LoadTest.Bench;

/// <summary>Runs every phase of the benchmark for one officer count, each with its progress bar.</summary>
internal static class ScaleRunner
{
    public static async Task<ScaleResult> RunAsync(ProgressContext progress, CityWorld world, int officers, BenchOptions options)
    {
        var rng = new Random(unchecked((options.Seed * 7919) + officers));
        var label = $"N={officers:N0}";

        var place = progress.AddTask($"{label}: place officers", maxValue: officers);
        var index = new ZoneIndex(world.Map);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        OfficerPopulation.Place(world, index, officers, rng, placed => place.Value = placed);
        var heapBytesPerOfficer = (double)(GC.GetTotalMemory(forceFullCollection: true) - before) / officers;

        var draw = progress.AddTask($"{label}: draw query points", maxValue: 1);
        var queries = world.RandomQueries(rng, options.Queries);
        var samples = world.RandomQueries(rng, BenchOptions.CorrectnessSamples);
        draw.Value = 1;

        var latency = new List<LatencyResult>();
        foreach (var config in SearchConfig.All)
        {
            var task = progress.AddTask(Markup.Escape($"{label}: latency {config}"), maxValue: queries.Count);
            latency.Add(await LatencyBenchmark.RunAsync(index, queries, config, done => task.Value = done));
        }

        var move = progress.AddTask($"{label}: position updates", maxValue: BenchOptions.UpdateDuration.TotalSeconds);
        var updates = UpdateBenchmark.Run(index, rng, BenchOptions.UpdateDuration, elapsed => move.Value = Math.Min(elapsed.TotalSeconds, move.MaxValue));
        move.Value = move.MaxValue;

        var check = progress.AddTask($"{label}: compare with brute force", maxValue: samples.Count);
        var correctness = await CorrectnessCheck.RunAsync(index, samples, rng, done => check.Value = done);

        return new ScaleResult(officers, heapBytesPerOfficer, latency, updates, correctness);
    }
}
