using System.Globalization;
using System.Text;

namespace TangerangLive.Grains.Attendance;

/// <summary>
/// The canonical text of a <see cref="DailyAttendance"/> that seals hash: one <c>name=value</c> line
/// per field in a fixed order, invariant culture, times as UTC ticks, doubles round-trippable, and
/// strings length-prefixed so no field's content can imitate another field.
/// </summary>
internal static class CanonicalAttendance
{
    private const string Version = "tangerang-live/attendance/v1";

    public static string Write(DailyAttendance record, string previousHash)
    {
        var text = new StringBuilder();
        Field(text, "version", Text(Version));
        Field(text, "previous", Text(previousHash));
        Field(text, "officer", Text(record.OfficerId));
        Field(text, "day", record.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Field(text, "shift", Text(record.ShiftName));
        Field(text, "window", Span(record.ShiftWindow.Start, record.ShiftWindow.End));
        Field(text, "online.count", Number(record.Online.Length));
        foreach (var interval in record.Online)
        {
            Field(text, "online", Span(interval.Start, interval.End));
        }

        Field(text, "covered", Number(record.Covered.Ticks));
        Field(text, "coverage", record.Coverage.ToString("R", CultureInfo.InvariantCulture));
        Field(text, "first", Time(record.FirstSeen));
        Field(text, "last", Time(record.LastSeen));
        Field(text, "gaps.count", Number(record.Gaps.Length));
        foreach (var gap in record.Gaps)
        {
            Field(text, "gap", Span(gap.Start, gap.End));
        }

        Field(text, "status", record.Status.ToString());
        Field(text, "flags.count", Number(record.Flags.Length));
        foreach (var flag in record.Flags)
        {
            Field(text, "flag", $"{flag.Type} {Time(flag.At)} {Text(flag.Detail)}");
        }

        Field(text, "present", record.Thresholds.PresentCoverage.ToString("R", CultureInfo.InvariantCulture));
        Field(text, "partial", record.Thresholds.PartialCoverage.ToString("R", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    private static void Field(StringBuilder text, string name, string value) =>
        text.Append(name).Append('=').Append(value).Append('\n');

    private static string Text(string value) => Number(value.Length) + ":" + value;

    private static string Span(DateTimeOffset start, DateTimeOffset end) => Time(start) + " " + Time(end);

    private static string Time(DateTimeOffset? at) => at is { } value ? Number(value.UtcTicks) : "-";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
