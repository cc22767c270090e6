using System.Diagnostics;
using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Ceiling;

/// <summary>
/// Runs constant-rate steps, open loop, each for <c>--step-seconds</c> with its own statistics: a ramp
/// grows the rate (times <c>--growth</c> or plus <c>--increment</c>) until a step passes a limit or the
/// time budget or <c>--max-rate</c> ends it; a hold runs one step at the hold rate. A short unrecorded
/// warm-up at the first rate comes first (connections opened, code jitted).
/// </summary>
internal sealed class RampRunner(CeilingOptions options, CeilingProgress progress, long runStart)
{
    /// <summary>How a ramp's stop reason begins when its share of --max-seconds ran out.</summary>
    public const string TimeBudget = "time budget";

    /// <summary>How long a cancelled step waits for its last requests to record their outcome.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The least warm-up rate before a hold: every officer heard once per <see cref="CeilingCast.KeepAliveEvery"/>, so a
    /// hold starts with every officer online (at the default 1,000/s, 100,000 officers would each beat every 100 s,
    /// past the offline threshold, and the hold would begin with their returns online).
    /// </summary>
    private double KeepAliveRate => options.Officers / CeilingCast.KeepAliveEvery.TotalSeconds;

    private StepLimits RampLimits => new(options.P99Ms, options.MaxErrorRate, ZeroErrors: false, options.MaxInFlight);

    public async Task<RampResult> RampAsync(string target, LoadSender sender, SiloScrape? silo, TimeSpan budget, CancellationToken cancellation)
    {
        var path = sender.Path;
        var start = MonotonicClock.Now;
        var rate = path == LoadPath.Reports ? options.ReportsStartRate : options.StartRate;
        await WarmUpAsync(target, sender, rate, cancellation);
        var steps = new List<StepResult>();
        string? stoppedBy = null;
        for (var step = 1; stoppedBy is null; step++)
        {
            var left = budget - MonotonicClock.Since(start);
            stoppedBy = cancellation.IsCancellationRequested ? "cancelled"
                : left < options.StepDuration + options.Drain ? $"{TimeBudget}: {left.TotalSeconds:0} s left of this ramp's {budget.TotalSeconds:0} s (--max-seconds)"
                : rate > options.MaxRate ? $"next rate {rate:N0}/s is over --max-rate {options.MaxRate:N0}"
                : path == LoadPath.Reports && rate > options.Citizens ? $"next rate {rate:N0}/s needs more than the {options.Citizens} citizen accounts (intake limit 60 a minute each; --citizens)"
                : null;
            if (stoppedBy is not null)
            {
                break;
            }

            var result = await StepAsync(target, sender, silo, step, rate, options.StepDuration, RampLimits, cancellation);
            steps.Add(result);
            if (!result.Passed)
            {
                stoppedBy = string.Join(", ", result.Failures.Select(f => f.Limit).Distinct()) + $" at {rate:N0}/s ({string.Join("; ", result.Failures.Select(f => f.Detail))})";
            }

            rate = options.Increment > 0 ? rate + options.Increment : rate * options.Growth;
        }

        return new RampResult(target, path.Option(), path.Name(), steps, steps.LastOrDefault(s => s.Passed), stoppedBy);
    }

    /// <summary>One step at the hold rate for the hold time; it holds when it passes with no error at all.</summary>
    public async Task<StepResult> HoldAsync(string target, LoadSender sender, SiloScrape? silo, CancellationToken cancellation)
    {
        var rate = options.HoldRate!.Value;
        await WarmUpAsync(target, sender, Math.Min(rate, Math.Max(options.StartRate, KeepAliveRate)), cancellation);
        return await StepAsync(target, sender, silo, 0, rate, options.HoldDuration, RampLimits with { ZeroErrors = true }, cancellation);
    }

    private async Task WarmUpAsync(string target, LoadSender sender, double rate, CancellationToken cancellation)
    {
        if (options.WarmUp > TimeSpan.Zero && !cancellation.IsCancellationRequested)
        {
            var stats = new StatsRegistry();
            var scheduler = new OpenLoopScheduler(rate, ArrivalPattern.FixedWithJitter, options.Seed, options.MaxInFlight);
            progress.Begin($"{target} {sender.Path.Option()} warm-up", rate, stats, options.WarmUp);
            using var end = new CancellationTokenSource();
            var op = stats.For(sender.Path.Name());
            await scheduler.RunAsync(a => sender.SendAsync(a, op, end.Token), options.WarmUp, options.Drain, cancellation);
            await end.CancelAsync();
            await SettleAsync(scheduler);
        }
    }

    private async Task<StepResult> StepAsync(
        string target, LoadSender sender, SiloScrape? silo, int step, double rate, TimeSpan duration, StepLimits limits, CancellationToken cancellation)
    {
        var siloBefore = silo is null ? null : await silo.ReadAsync(cancellation);
        var stats = new StatsRegistry();
        var op = stats.For(sender.Path.Name());
        var scheduler = new OpenLoopScheduler(rate, ArrivalPattern.FixedWithJitter, options.Seed + step, options.MaxInFlight);
        using var end = new CancellationTokenSource();
        progress.Begin($"{target} {sender.Path.Option()} {(step == 0 ? "hold" : $"step {step}")}", rate, stats, duration);
        var startSeconds = MonotonicClock.Since(runStart).TotalSeconds;
        var cpuBefore = ProcessCpu();
        var wallBefore = MonotonicClock.Now;
        await scheduler.RunAsync(a => sender.SendAsync(a, op, end.Token), duration, options.Drain, cancellation);
        await end.CancelAsync();
        await SettleAsync(scheduler);
        var clientCores = (ProcessCpu() - cpuBefore).TotalSeconds / Math.Max(0.001, MonotonicClock.Since(wallBefore).TotalSeconds);
        var summary = stats.Summarize(duration).Single();
        var siloFigures = silo is null ? null : SiloScrape.Between(siloBefore, await silo.ReadAsync(cancellation));
        var result = StepResult.Measure(target, sender.Path.Option(), step, rate, duration, startSeconds, scheduler, summary, clientCores, limits)
            with
            {
                SiloCpuCores = siloFigures?.CpuCores,
                SiloWorkingSetMiB = siloFigures?.WorkingSetMiB,
                SiloGcCollections = siloFigures?.GcCollections,
                SiloGcPauseMs = siloFigures?.GcPauseMs,
            };
        progress.End(result);
        return result;
    }

    private static async Task SettleAsync(OpenLoopScheduler scheduler)
    {
        var until = MonotonicClock.Add(MonotonicClock.Now, Settle);
        while (scheduler.InFlight > 0 && MonotonicClock.Now < until)
        {
            await Task.Delay(10, CancellationToken.None);
        }
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}

/// <summary>A ramp of one path against one target: its steps, the highest step that passed, and what stopped it.</summary>
internal sealed record RampResult(string Target, string Path, string Operation, IReadOnlyList<StepResult> Steps, StepResult? Highest, string? StoppedBy);
