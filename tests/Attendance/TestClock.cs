using TangerangLive.Grains.Attendance;

namespace TangerangLive.Tests.Attendance;

/// <summary>Explicit times and the Jakarta zone for attendance tests.</summary>
internal static class TestClock
{
    public static TimeZoneInfo Jakarta { get; } = FindJakarta();

    /// <summary>A WIB wall-clock time as an instant.</summary>
    public static DateTimeOffset Wib(int year, int month, int day, int hour, int minute, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.FromHours(7));

    /// <summary>Sends a heartbeat every <paramref name="every"/> from <paramref name="from"/> through <paramref name="to"/>.</summary>
    public static void Beat(OnlineIntervalTracker tracker, DateTimeOffset from, DateTimeOffset to, TimeSpan every)
    {
        for (var at = from; at <= to; at += every)
        {
            tracker.Heartbeat(at);
        }
    }

    public static bool InsideTangerang(double lat, double lon) =>
        lat is >= -6.2561 and <= -6.0971 && lon is >= 106.5526 and <= 106.7472;

    private static TimeZoneInfo FindJakarta()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Jakarta", TimeSpan.FromHours(7), "WIB", "WIB");
        }
    }
}
