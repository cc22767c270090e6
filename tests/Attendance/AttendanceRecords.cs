using TangerangLive.Grains.Attendance;
using static TangerangLive.Tests.Attendance.TestClock;

namespace TangerangLive.Tests.Attendance;

/// <summary>Builds day records with a chosen coverage through the real calculator.</summary>
internal static class AttendanceRecords
{
    /// <summary>A Pagi-shift record for <paramref name="day"/> online from 06:00 for <paramref name="onlineMinutes"/>.</summary>
    public static DailyAttendance Pagi(string officerId, DateOnly day, int onlineMinutes)
    {
        var start = Wib(day.Year, day.Month, day.Day, 6, 0);
        Interval[] online = onlineMinutes > 0 ? [new Interval(start, start.AddMinutes(onlineMinutes))] : [];
        return AttendanceCalculator.Compute(officerId, day, ShiftDefinition.Pagi, Jakarta, online);
    }

    public static DailyAttendance Present(string officerId, DateOnly day) => Pagi(officerId, day, 480);

    public static DailyAttendance Partial(string officerId, DateOnly day) => Pagi(officerId, day, 300);

    public static DailyAttendance Absent(string officerId, DateOnly day) => Pagi(officerId, day, 0);
}
