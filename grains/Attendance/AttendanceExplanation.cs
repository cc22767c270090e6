using System.Globalization;
using System.Text;

namespace TangerangLive.Grains.Attendance;

/// <summary>Writes the human-readable explanation of a <see cref="DailyAttendance"/>.</summary>
internal static class AttendanceExplanation
{
    public static string Write(DailyAttendance record, TimeZoneInfo? timeZone)
    {
        var text = new StringBuilder();
        var window = record.ShiftWindow;
        Line(text, $"Officer {record.OfficerId}, {record.Day:yyyy-MM-dd}, shift {record.ShiftName} {Time(window.Start, timeZone)} - {Time(window.End, timeZone)}");
        Line(text, $"Status {record.Status}: online {record.CoveredSeconds:0} s of {window.Duration.TotalSeconds:0} s ({record.Coverage * 100:0.00} %); present needs {record.Thresholds.PresentCoverage * 100:0.00} %, partial {record.Thresholds.PartialCoverage * 100:0.00} %");

        if (record.Online.IsEmpty)
        {
            Line(text, $"Online: never during the shift");
        }
        else
        {
            Line(text, $"Online ({record.Online.Length}), first seen {Time(record.FirstSeen!.Value, timeZone)}, last seen {Time(record.LastSeen!.Value, timeZone)}:");
            foreach (var interval in record.Online)
            {
                Line(text, $"  {Time(interval.Start, timeZone)} - {Time(interval.End, timeZone)} ({interval.Duration.TotalSeconds:0} s)");
            }
        }

        Line(text, $"Offline gaps ({record.Gaps.Length}):");
        foreach (var gap in record.Gaps)
        {
            Line(text, $"  {Time(gap.Start, timeZone)} - {Time(gap.End, timeZone)} ({gap.Seconds:0} s)");
        }

        Line(text, $"Integrity flags ({record.Flags.Length}):");
        foreach (var flag in record.Flags)
        {
            Line(text, $"  {Time(flag.At, timeZone)} {flag.Type}: {flag.Detail}");
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, FormattableString line) =>
        text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static string Time(DateTimeOffset at, TimeZoneInfo? timeZone)
    {
        var shown = timeZone is null ? at.ToUniversalTime() : TimeZoneInfo.ConvertTime(at, timeZone);
        return shown.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
    }
}
