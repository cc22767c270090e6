using System.Collections.Immutable;
using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>One officer's attendance for one rostered shift, and the evidence behind it.</summary>
[GenerateSerializer, Immutable]
public sealed record DailyAttendance(
    [property: Id(0)] string OfficerId,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] string ShiftName,
    [property: Id(3)] Interval ShiftWindow,
    [property: Id(4)] ImmutableArray<Interval> Online,
    [property: Id(5)] TimeSpan Covered,
    [property: Id(6)] double Coverage,
    [property: Id(7)] DateTimeOffset? FirstSeen,
    [property: Id(8)] DateTimeOffset? LastSeen,
    [property: Id(9)] ImmutableArray<OfflineGap> Gaps,
    [property: Id(10)] AttendanceStatus Status,
    [property: Id(11)] ImmutableArray<IntegrityFlag> Flags,
    [property: Id(12)] AttendanceThresholds Thresholds)
{
    /// <summary>Online time inside the shift, in seconds.</summary>
    public double CoveredSeconds => Covered.TotalSeconds;

    /// <summary>
    /// A readable account of the status: the shift, the coverage against the thresholds, every online
    /// interval and offline gap, and any integrity flags. Times are shown in <paramref name="timeZone"/>
    /// when given, else in UTC.
    /// </summary>
    public string Explain(TimeZoneInfo? timeZone = null) => AttendanceExplanation.Write(this, timeZone);
}
