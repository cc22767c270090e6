using System.Diagnostics;

namespace TangerangLive.LoadTest.Core;

/// <summary>
/// Monotonic time as <see cref="Stopwatch"/> ticks: the one clock every intended send time,
/// measured latency and interval snapshot of the load tester is read from.
/// </summary>
public static class MonotonicClock
{
    /// <summary>Now, in <see cref="Stopwatch"/> ticks.</summary>
    public static long Now => Stopwatch.GetTimestamp();

    /// <summary>A timestamp <paramref name="offset"/> after <paramref name="timestamp"/>.</summary>
    public static long Add(long timestamp, TimeSpan offset) =>
        timestamp + (long)(offset.TotalSeconds * Stopwatch.Frequency);

    /// <summary>The time from <paramref name="from"/> to <paramref name="to"/> (negative when before).</summary>
    public static TimeSpan Between(long from, long to) =>
        TimeSpan.FromSeconds((double)(to - from) / Stopwatch.Frequency);

    /// <summary>The time since <paramref name="from"/>.</summary>
    public static TimeSpan Since(long from) => Between(from, Now);

    /// <summary>Microseconds from <paramref name="from"/> to <paramref name="to"/>, at least 1 (HdrHistogram unit).</summary>
    public static long MicrosecondsBetween(long from, long to) =>
        Math.Max(1, (to - from) * 1_000_000 / Stopwatch.Frequency);
}
