using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>A half-open span of time <c>[Start, End)</c>, in UTC.</summary>
[GenerateSerializer, Immutable]
public sealed record Interval(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] DateTimeOffset End)
{
    /// <summary>The length of the interval; zero when <see cref="End"/> is not after <see cref="Start"/>.</summary>
    public TimeSpan Duration => End > Start ? End - Start : TimeSpan.Zero;

    /// <summary>True when the interval holds no time at all.</summary>
    public bool IsEmpty => End <= Start;

    /// <summary>The part of this interval inside <paramref name="window"/>, or null when they do not overlap.</summary>
    public Interval? ClipTo(Interval window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var start = Start > window.Start ? Start : window.Start;
        var end = End < window.End ? End : window.End;
        return end > start ? new Interval(start, end) : null;
    }
}
