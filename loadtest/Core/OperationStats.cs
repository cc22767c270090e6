using System.Collections.Concurrent;
using HdrHistogram;

namespace TangerangLive.LoadTest.Core;

/// <summary>
/// The outcomes of one named operation (e.g. "heartbeat"): latencies of successes in an
/// HdrHistogram (microseconds, 3 significant digits, up to 10 minutes) and errors counted by kind
/// (see <see cref="ErrorKind"/>). Recording is thread-safe and lock-free; only the
/// <see cref="StatsRegistry"/> sampler drains the interval histogram, once per sample.
/// </summary>
public sealed class OperationStats
{
    private const long HighestMicroseconds = 600_000_000;
    private readonly Recorder _recorder = HistogramFactory.With64BitBucketSize()
        .WithValuesFrom(1).WithValuesUpTo(HighestMicroseconds).WithPrecisionOf(3)
        .WithThreadSafeWrites().WithThreadSafeReads().Create();

    private readonly LongHistogram _total = new(HighestMicroseconds, 3);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly Lock _drain = new();
    private readonly StatsRegistry? _registry;
    private readonly bool _measured;
    private OperationStats? _warmup;
    private HistogramBase? _interval;
    private long _intervalErrors;

    internal OperationStats(string name, StatsRegistry? registry = null)
    {
        Name = name;
        _registry = registry;
        _measured = registry is not null && StatsRegistry.IsMeasured(name);
    }

    public string Name { get; }

    /// <summary>Records a success whose latency runs from the intended send time to now.</summary>
    public void Success(long intendedAt) => Success(intendedAt, MonotonicClock.Now);

    /// <summary>Records a success that took from <paramref name="intendedAt"/> to <paramref name="completedAt"/>.</summary>
    public void Success(long intendedAt, long completedAt)
    {
        if (InWarmup(intendedAt) is { } warmup)
        {
            warmup.Success(intendedAt, completedAt);
            return;
        }

        _recorder.RecordValue(Math.Min(HighestMicroseconds, MonotonicClock.MicrosecondsBetween(intendedAt, completedAt)));
    }

    /// <summary>Records a success with a latency measured elsewhere (that ended now).</summary>
    public void Success(TimeSpan latency)
    {
        if (InWarmup(MonotonicClock.Add(MonotonicClock.Now, -latency)) is { } warmup)
        {
            warmup.Success(latency);
            return;
        }

        _recorder.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 1, HighestMicroseconds));
    }

    /// <summary>Counts an error of the given kind (e.g. "http-503", "timeout", "socket").</summary>
    public void Error(string kind)
    {
        if (InWarmup(MonotonicClock.Now) is { } warmup)
        {
            warmup.Error(kind);
            return;
        }

        _errors.AddOrUpdate(kind, 1, static (_, n) => n + 1);
        Interlocked.Increment(ref _intervalErrors);
    }

    /// <summary>The warm-up's stats of this operation when <paramref name="startedAt"/> falls before the measured window.</summary>
    private OperationStats? InWarmup(long startedAt) =>
        _measured && startedAt < _registry!.MeasuredFrom
            ? _warmup ??= _registry.For($"{StatsRegistry.WarmupPrefix} {Name}")
            : null;

    /// <summary>Drains what was recorded since the previous call into the totals and describes it.</summary>
    internal OperationInterval TakeInterval()
    {
        lock (_drain)
        {
            _interval = _recorder.GetIntervalHistogram(_interval);
            _total.Add(_interval);
            var errors = Interlocked.Exchange(ref _intervalErrors, 0);
            return new OperationInterval(Name, _interval.TotalCount, errors,
                Ms(_interval, 50), Ms(_interval, 99), Ms(_interval, 100));
        }
    }

    /// <summary>The totals so far (drained by the last <see cref="TakeInterval"/>), over <paramref name="duration"/>.</summary>
    internal OperationSummary Summarize(TimeSpan duration)
    {
        lock (_drain)
        {
            var errors = _errors.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value);
            var count = _total.TotalCount;
            return new OperationSummary(Name, count, errors.Values.Sum(), errors,
                duration.TotalSeconds > 0 ? count / duration.TotalSeconds : 0,
                Ms(_total, 50), Ms(_total, 90), Ms(_total, 99), Ms(_total, 99.9), Ms(_total, 100));
        }
    }

    private static double Ms(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0
            : (percentile >= 100 ? histogram.GetMaxValue() : histogram.GetValueAtPercentile(percentile)) / 1_000.0;
}

/// <summary>One operation during one sampling interval: successes, errors, latencies in milliseconds.</summary>
public sealed record OperationInterval(string Name, long Successes, long Errors, double P50Ms, double P99Ms, double MaxMs);

/// <summary>One operation over the whole run: successes, errors by kind, successes per second, latencies in milliseconds.</summary>
public sealed record OperationSummary(
    string Name,
    long Successes,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    double PerSecond,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs);
