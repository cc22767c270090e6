using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Ceiling;

/// <summary>
/// One constant-rate step of a ramp (or the hold): what was meant to be sent, what was sent and
/// answered, latency from the intended send time, errors by kind, the client's and the silo's CPU,
/// and whether the step stayed within the limits (and if not, which limits it passed).
/// </summary>
internal sealed record StepResult(
    string Target,
    string Path,
    int Step,
    double TargetRate,
    double Seconds,
    double StartSeconds,
    long Sent,
    long Skipped,
    long Faulted,
    long Ok,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    double SentPerSecond,
    double AchievedPerSecond,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    double ErrorRate,
    double ClientCpuCores,
    double? SiloCpuCores,
    double? SiloWorkingSetMiB,
    IReadOnlyList<LimitPassed> Failures)
{
    /// <summary>The silos' garbage collections (all generations) during the step, when their metrics answered.</summary>
    public long? SiloGcCollections { get; init; }

    /// <summary>The silos' total GC pause during the step in milliseconds, when their metrics answered.</summary>
    public double? SiloGcPauseMs { get; init; }

    /// <summary>The share of the target rate the client must have sent for the step to count.</summary>
    public const double MinSentShare = 0.95;

    public bool Passed => Failures.Count == 0;

    /// <summary>The limits passed, e.g. "p99, errors", or "none".</summary>
    public string Verdict => Passed ? "pass" : "FAIL: " + string.Join("; ", Failures.Select(f => f.Detail));

    /// <summary>Judges the step's figures against the limits: client kept up, error rate, p99.</summary>
    public static StepResult Measure(
        string target, string path, int step, double rate, TimeSpan duration, double startSeconds,
        OpenLoopScheduler scheduler, OperationSummary summary, double clientCpuCores, StepLimits limits)
    {
        var seconds = duration.TotalSeconds;
        var sent = scheduler.Started;
        var errors = summary.Errors + scheduler.Faulted;
        var errorsByKind = new SortedDictionary<string, long>(summary.ErrorsByKind.ToDictionary(), StringComparer.Ordinal);
        if (scheduler.Faulted > 0)
        {
            errorsByKind["faulted"] = scheduler.Faulted;
        }

        var errorRate = sent == 0 ? 0 : (double)errors / sent;
        var failures = new List<LimitPassed>();
        if (scheduler.Skipped > 0)
        {
            failures.Add(new LimitPassed(LimitPassed.Client, $"client skipped {scheduler.Skipped:N0} arrivals ({limits.MaxInFlight:N0} requests already in flight)"));
        }

        if (sent / seconds < MinSentShare * rate)
        {
            failures.Add(new LimitPassed(LimitPassed.Client, $"client sent {sent / seconds:N0}/s, under {MinSentShare:P0} of {rate:N0}/s"));
        }

        if (limits.ZeroErrors ? errors > 0 : errorRate > limits.MaxErrorRate)
        {
            failures.Add(new LimitPassed(LimitPassed.ErrorRate, limits.ZeroErrors
                ? $"{errors:N0} errors (the hold allows none)"
                : $"error rate {errorRate:P2} over {limits.MaxErrorRate:P2}"));
        }

        if (summary.Successes == 0 || summary.P99Ms >= limits.P99Ms)
        {
            failures.Add(new LimitPassed(LimitPassed.P99, summary.Successes == 0 ? "no successful request" : $"p99 {summary.P99Ms:0.#} ms at or over {limits.P99Ms:0.#} ms"));
        }

        return new StepResult(target, path, step, rate, seconds, startSeconds, sent, scheduler.Skipped, scheduler.Faulted, summary.Successes, errors,
            errorsByKind, sent / seconds, summary.Successes / seconds, summary.P50Ms, summary.P90Ms, summary.P99Ms, summary.P999Ms, summary.MaxMs,
            errorRate, clientCpuCores, null, null, failures);
    }
}

/// <summary>A limit a step passed: which (<see cref="Client"/>, <see cref="ErrorRate"/>, <see cref="P99"/>) and the figures.</summary>
internal sealed record LimitPassed(string Limit, string Detail)
{
    public const string Client = "client could not keep up";
    public const string ErrorRate = "error rate";
    public const string P99 = "p99 latency";
}

/// <summary>The limits a step is judged by; the hold allows no error at all.</summary>
internal sealed record StepLimits(double P99Ms, double MaxErrorRate, bool ZeroErrors, int MaxInFlight);
