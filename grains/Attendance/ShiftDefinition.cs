using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>
/// A named shift: its local start time and its length. A shift that crosses midnight belongs to the
/// day on which it starts.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ShiftDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] TimeOnly LocalStart,
    [property: Id(2)] TimeSpan Duration)
{
    /// <summary>Morning shift, 06:00 for 8 hours.</summary>
    public static ShiftDefinition Pagi { get; } = new("Pagi", new TimeOnly(6, 0), TimeSpan.FromHours(8));

    /// <summary>Afternoon shift, 14:00 for 8 hours.</summary>
    public static ShiftDefinition Siang { get; } = new("Siang", new TimeOnly(14, 0), TimeSpan.FromHours(8));

    /// <summary>Night shift, 22:00 for 8 hours, ending the next morning.</summary>
    public static ShiftDefinition Malam { get; } = new("Malam", new TimeOnly(22, 0), TimeSpan.FromHours(8));

    /// <summary>The three default shifts (Pagi, Siang, Malam).</summary>
    public static IReadOnlyList<ShiftDefinition> Defaults { get; } = [Pagi, Siang, Malam];

    /// <summary>
    /// The UTC window of this shift on <paramref name="localDate"/> in <paramref name="timeZone"/>.
    /// The end is start plus <see cref="Duration"/> of elapsed time. A local start that falls in a
    /// daylight-saving gap is read with the zone's standard offset.
    /// </summary>
    public Interval WindowFor(DateOnly localDate, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Duration, TimeSpan.FromDays(1));

        var local = localDate.ToDateTime(LocalStart, DateTimeKind.Unspecified);
        var offset = timeZone.IsInvalidTime(local) ? timeZone.BaseUtcOffset : timeZone.GetUtcOffset(local);
        var start = new DateTimeOffset(local, offset).ToUniversalTime();
        return new Interval(start, start + Duration);
    }
}
