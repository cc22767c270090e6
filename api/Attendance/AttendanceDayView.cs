using TangerangLive.Grains.Attendance;

namespace TangerangLive.Api.Attendance;

/// <summary>A sealed day as supervisors read it: the record, its explanation and its place in the chain.</summary>
public sealed record AttendanceDayView(
    string OfficerId,
    DateOnly Day,
    string Shift,
    DateTimeOffset ShiftStart,
    DateTimeOffset ShiftEnd,
    string Status,
    double Coverage,
    double CoveredSeconds,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    IReadOnlyList<Interval> Online,
    IReadOnlyList<OfflineGap> Gaps,
    IReadOnlyList<IntegrityFlag> Flags,
    string Explanation,
    string PreviousHash,
    string Hash)
{
    private static readonly TimeZoneInfo Wib = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

    public static AttendanceDayView From(SealedRecord sealedDay)
    {
        var r = sealedDay.Record;
        return new AttendanceDayView(
            r.OfficerId, r.Day, r.ShiftName, r.ShiftWindow.Start, r.ShiftWindow.End, r.Status.ToString(), r.Coverage, r.CoveredSeconds,
            r.FirstSeen, r.LastSeen, r.Online, r.Gaps, r.Flags, r.Explain(Wib), sealedDay.PreviousHash, sealedDay.Hash);
    }
}
