using System.Globalization;
using Orleans;

namespace TangerangLive.Grains.City;

/// <summary>
/// A duty shift in the city's local time: it starts at <see cref="Start"/> ("HH:mm") and lasts
/// <see cref="DurationHours"/>; a shift may cross midnight (Malam 22:00 for 8 h ends 06:00).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ShiftDefinition(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string Start,
    [property: Id(3)] double DurationHours)
{
    /// <summary>The format of <see cref="Start"/>.</summary>
    public const string StartFormat = "HH:mm";

    /// <summary>The local start time; valid once the definition has passed validation.</summary>
    public TimeOnly StartTime => TimeOnly.ParseExact(Start, StartFormat, CultureInfo.InvariantCulture);

    /// <summary>The shift length.</summary>
    public TimeSpan Duration => TimeSpan.FromHours(DurationHours);

    /// <summary>True when the shift ends on the next local day.</summary>
    public bool CrossesMidnight => StartTime.ToTimeSpan() + Duration > TimeSpan.FromDays(1);

    /// <summary>The shift as attendance computes its windows (name, local start, length).</summary>
    public Attendance.ShiftDefinition Window() => new(Name, StartTime, Duration);

    /// <summary>Parses a start time, or returns null when it is not "HH:mm".</summary>
    public static TimeOnly? TryParseStart(string? start) =>
        TimeOnly.TryParseExact(start, StartFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
}
