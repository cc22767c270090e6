namespace TangerangLive.Grains.Attendance;

/// <summary>Limits used by <see cref="FixIntegrityChecker"/>.</summary>
public sealed class FixIntegrityOptions
{
    /// <summary>Configuration section these options bind to.</summary>
    public const string SectionName = "Attendance:Integrity";

    /// <summary>The highest believable speed between two fixes, in km/h.</summary>
    public double MaxPlausibleSpeedKmh { get; set; } = 150;

    /// <summary>The largest allowed difference between device and server clocks.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many fixes in a row with exactly the same coordinates raise a flag.</summary>
    public int RepeatedFixCount { get; set; } = 10;
}
