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

    /// <summary>The stats of the named operation (created on first use).</summary>
    public OperationStats For(string name) => _operations.GetOrAdd(name, static n => new OperationStats(n));

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
