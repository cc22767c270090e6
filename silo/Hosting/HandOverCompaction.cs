using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.Options;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Silo.Hosting;

/// <summary>
/// Compacts the heap once after a wave of officers going dormant has ended (<see cref="DispatchTimingOptions.CompactHeapAfterHandOvers"/>).
/// A wave (a shift starting, the morning's officers falling quiet) deactivates thousands of officer grains at once;
/// the background collector frees their activations but does not compact the oldest generation, so the freed space
/// stays committed to the process for as long as no compacting collection runs. One blocking compaction after the
/// wave, when nothing else is being handed over, gives it back: measured at 100,000 officers, docs/benchmarks.md.
/// </summary>
public sealed partial class HandOverCompaction(IOptions<DispatchTimingOptions> timing, ILogger<HandOverCompaction> logger) : BackgroundService
{
    /// <summary>How often the hand-over count is looked at; a wave has ended when a whole period added almost none.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var threshold = timing.Value.CompactHeapAfterHandOvers;
        if (threshold <= 0 || timing.Value.OfficerDormantAfter is null)
        {
            return;
        }

        long compactedAt = OfficerShardGrain.HandOvers, previous = compactedAt;
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = OfficerShardGrain.HandOvers;
            var sinceCompaction = now - compactedAt;
            var inPeriod = now - previous;
            previous = now;
            if (!ShouldCompact(sinceCompaction, inPeriod, threshold))
            {
                continue;
            }

            compactedAt = now;
            Compact(sinceCompaction);
        }
    }

    /// <summary>
    /// True when at least <paramref name="threshold"/> officers went dormant since the last compaction and the last
    /// period added at most a twentieth of them (the wave has ended: compacting in the middle of one would leave the
    /// rest of its garbage behind and pause the silo twice).
    /// </summary>
    public static bool ShouldCompact(long sinceCompaction, long inLastPeriod, int threshold) =>
        threshold > 0 && sinceCompaction >= threshold && inLastPeriod * 20 <= sinceCompaction;

    private void Compact(long handOvers)
    {
        var before = Environment.WorkingSet;
        var started = Stopwatch.GetTimestamp();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        LogCompacted(logger, handOvers, Stopwatch.GetElapsedTime(started).TotalMilliseconds, before / (1024 * 1024), Environment.WorkingSet / (1024 * 1024));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Compacted the heap after {HandOvers} officers went dormant: {Milliseconds:F0} ms, working set {BeforeMiB} -> {AfterMiB} MiB")]
    private static partial void LogCompacted(ILogger logger, long handOvers, double milliseconds, long beforeMiB, long afterMiB);
}
