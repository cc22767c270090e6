using System.Collections.Concurrent;

namespace TangerangLive.LoadTest.Core;

/// <summary>
/// The <see cref="OperationStats"/> of a run, by name, and their time series: call
/// <see cref="Sample"/> about once a second from one place (the progress loop) to append an
/// <see cref="StatsSample"/> per interval; <see cref="Summarize"/> takes a last sample and gives
/// each operation's totals. Operations are created on first use by <see cref="For"/>.
/// </summary>
public sealed class StatsRegistry
{
    private readonly ConcurrentDictionary<string, OperationStats> _operations = new(StringComparer.Ordinal);
    private readonly List<StatsSample> _samples = [];
    private readonly Lock _sampling = new();
    private readonly long _start = MonotonicClock.Now;

    /// <summary>Names of what is not the measured load: set-up, tear-down, checks and the warm-up.</summary>
    public static readonly string[] UnmeasuredPrefixes = ["setup:", "teardown:", "check:", WarmupPrefix];

    /// <summary>What an operation started during the warm-up is recorded under: "warm-up: " and its name.</summary>
    public const string WarmupPrefix = "warm-up:";

    /// <summary>
    /// The moment (<see cref="MonotonicClock"/>) the measured window opens: a measured operation that started before it
    /// (its intended send time, or its end minus its latency) is recorded under <see cref="WarmupPrefix"/> and its
    /// name instead, and an error counted before it likewise. No warm-up until set.
    /// </summary>
    public long MeasuredFrom { get; set; } = long.MinValue;

    /// <summary>The stats of the named operation (created on first use).</summary>
    public OperationStats For(string name) => _operations.GetOrAdd(name, static (n, registry) => new OperationStats(n, registry), this);

    /// <summary>Whether the named operation is part of the measured load.</summary>
    public static bool IsMeasured(string name) => !UnmeasuredPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>The samples taken so far, oldest first.</summary>
    public IReadOnlyList<StatsSample> Samples
    {
        get
        {
            lock (_sampling)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>Drains every operation's interval and appends it to <see cref="Samples"/>.</summary>
    public StatsSample Sample()
    {
        lock (_sampling)
        {
            var operations = _operations.Values.OrderBy(o => o.Name, StringComparer.Ordinal)
                .Select(o => o.TakeInterval()).ToArray();
            var sample = new StatsSample(MonotonicClock.Since(_start), operations);
            _samples.Add(sample);
            return sample;
        }
    }

    /// <summary>Takes a last sample and returns every operation's totals over <paramref name="duration"/>.</summary>
    public IReadOnlyList<OperationSummary> Summarize(TimeSpan duration)
    {
        Sample();
        return [.. _operations.Values.OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => o.Summarize(duration))];
    }
}

/// <summary>Every operation's interval ending <see cref="Elapsed"/> after the registry was created.</summary>
public sealed record StatsSample(TimeSpan Elapsed, IReadOnlyList<OperationInterval> Operations);
