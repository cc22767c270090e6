using System.Globalization;
using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>A calendar month that honorarium is paid for.</summary>
[GenerateSerializer, Immutable]
public sealed record PayrollMonth(
    [property: Id(0)] int Year,
    [property: Id(1)] int Month)
{
    /// <summary>The first day of the month.</summary>
    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>True when <paramref name="day"/> falls in this month.</summary>
    public bool Contains(DateOnly day) => day.Year == Year && day.Month == Month;

    /// <summary>Throws unless the year and month name a real month.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Year, 1, nameof(Year));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Year, 9999, nameof(Year));
        ArgumentOutOfRangeException.ThrowIfLessThan(Month, 1, nameof(Month));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Month, 12, nameof(Month));
    }

    /// <summary>The month as <c>yyyy-MM</c>.</summary>
    public override string ToString() => FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
