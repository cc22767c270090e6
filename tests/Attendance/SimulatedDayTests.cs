using TangerangLive.Grains.Attendance;
using static TangerangLive.Tests.Attendance.TestClock;

namespace TangerangLive.Tests.Attendance;

/// <summary>One Monday of the Pagi and Malam shifts, driven by heartbeats every 5 seconds.</summary>
public class SimulatedDayTests
{
    private static readonly DateOnly Monday = new(2025, 3, 3);
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    [Fact]
    public void Officer_online_all_shift_is_present_with_full_coverage_and_no_gaps()
    {
        var tracker = new OnlineIntervalTracker();
        Beat(tracker, Wib(2025, 3, 3, 5, 55), Wib(2025, 3, 3, 14, 5), Every);

        var day = Compute("OFF-A", ShiftDefinition.Pagi, tracker);

        Assert.Equal(AttendanceStatus.Present, day.Status);
        Assert.Equal(28_800, day.CoveredSeconds);
        Assert.Equal(1.0, day.Coverage);
        Assert.Empty(day.Gaps);
        Assert.Equal<Interval>([new Interval(Wib(2025, 3, 3, 6, 0), Wib(2025, 3, 3, 14, 0))], day.Online);
        Assert.Equal(Wib(2025, 3, 3, 6, 0), day.FirstSeen);
        Assert.Equal(Wib(2025, 3, 3, 14, 0), day.LastSeen);
    }

    [Fact]
    public void Officer_dropping_off_for_ten_minutes_has_the_gap_recorded_and_exact_covered_seconds()
    {
        var tracker = new OnlineIntervalTracker();
        Beat(tracker, Wib(2025, 3, 3, 6, 0), Wib(2025, 3, 3, 10, 0), Every);
        Beat(tracker, Wib(2025, 3, 3, 10, 10), Wib(2025, 3, 3, 14, 0), Every);

        var day = Compute("OFF-B", ShiftDefinition.Pagi, tracker);

        var gap = Assert.Single(day.Gaps);
        Assert.Equal(Wib(2025, 3, 3, 10, 0), gap.Start);
        Assert.Equal(Wib(2025, 3, 3, 10, 10), gap.End);
        Assert.Equal(600, gap.Seconds);
        Assert.Equal(28_200, day.CoveredSeconds);
        Assert.Equal(28_200.0 / 28_800, day.Coverage);
        Assert.Equal(AttendanceStatus.Present, day.Status);
        Assert.Equal(2, day.Online.Length);

        var strict = Compute("OFF-B", ShiftDefinition.Pagi, tracker, new AttendanceThresholds(0.99, 0.5));
        Assert.Equal(AttendanceStatus.Partial, strict.Status);
    }

    [Fact]
    public void Explain_lists_the_intervals_and_gaps_behind_the_status()
    {
        var tracker = new OnlineIntervalTracker();
        Beat(tracker, Wib(2025, 3, 3, 6, 0), Wib(2025, 3, 3, 10, 0), Every);
        Beat(tracker, Wib(2025, 3, 3, 10, 10), Wib(2025, 3, 3, 14, 0), Every);

        var text = Compute("OFF-B", ShiftDefinition.Pagi, tracker).Explain(Jakarta);

        Assert.Equal(
            "Officer OFF-B, 2025-03-03, shift Pagi 2025-03-03 06:00:00 +07:00 - 2025-03-03 14:00:00 +07:00\n"
            + "Status Present: online 28200 s of 28800 s (97.92 %); present needs 90.00 %, partial 50.00 %\n"
            + "Online (2), first seen 2025-03-03 06:00:00 +07:00, last seen 2025-03-03 14:00:00 +07:00:\n"
            + "  2025-03-03 06:00:00 +07:00 - 2025-03-03 10:00:00 +07:00 (14400 s)\n"
            + "  2025-03-03 10:10:00 +07:00 - 2025-03-03 14:00:00 +07:00 (13800 s)\n"
            + "Offline gaps (1):\n"
            + "  2025-03-03 10:00:00 +07:00 - 2025-03-03 10:10:00 +07:00 (600 s)\n"
            + "Integrity flags (0):\n",
            text);
    }

    [Fact]
    public void Officer_never_online_is_absent_with_the_whole_shift_as_one_gap()
    {
        var day = Compute("OFF-C", ShiftDefinition.Pagi, new OnlineIntervalTracker());

        Assert.Equal(AttendanceStatus.Absent, day.Status);
        Assert.Equal(0, day.CoveredSeconds);
        Assert.Null(day.FirstSeen);
        Assert.Null(day.LastSeen);
        var gap = Assert.Single(day.Gaps);
        Assert.Equal(28_800, gap.Seconds);
        Assert.Contains("Online: never during the shift", day.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Officer_online_for_half_the_shift_is_partial()
    {
        var tracker = new OnlineIntervalTracker();
        Beat(tracker, Wib(2025, 3, 3, 6, 0), Wib(2025, 3, 3, 10, 0), Every);

        var day = Compute("OFF-H", ShiftDefinition.Pagi, tracker);

        Assert.Equal(0.5, day.Coverage);
        Assert.Equal(AttendanceStatus.Partial, day.Status);
    }

    [Fact]
    public void Night_shift_crossing_midnight_counts_on_the_day_it_starts()
    {
        var tracker = new OnlineIntervalTracker();
        Beat(tracker, Wib(2025, 3, 3, 21, 50), Wib(2025, 3, 4, 6, 10), Every);

        var monday = Compute("OFF-E", ShiftDefinition.Malam, tracker);
        var tuesday = AttendanceCalculator.Compute(
            "OFF-E", Monday.AddDays(1), ShiftDefinition.Malam, Jakarta, tracker.Intervals(Wib(2025, 3, 6, 0, 0)));

        Assert.Equal(AttendanceStatus.Present, monday.Status);
        Assert.Equal(28_800, monday.CoveredSeconds);
        Assert.Equal(Wib(2025, 3, 4, 6, 0), monday.LastSeen);
        Assert.Equal(AttendanceStatus.Absent, tuesday.Status);
        Assert.Equal(0, tuesday.CoveredSeconds);
    }

    [Fact]
    public void Teleporting_officer_is_flagged_and_the_flag_is_carried_on_the_day()
    {
        var checker = new FixIntegrityChecker();
        var t = Wib(2025, 3, 3, 9, 0);
        var first = checker.Check(null, new Fix(-6.1844, 106.6520, t, t, 10), InsideTangerang);
        var jump = checker.Check(
            first.Track, new Fix(-6.2088, 106.8456, t.AddSeconds(10), t.AddSeconds(10), 10), InsideTangerang);

        var tracker = new OnlineIntervalTracker();
        Beat(tracker, Wib(2025, 3, 3, 6, 0), Wib(2025, 3, 3, 14, 0), Every);
        var day = Compute("OFF-D", ShiftDefinition.Pagi, tracker, flags: [.. first.Flags, .. jump.Flags]);

        Assert.True(jump.Has(IntegrityFlagType.ImplausibleSpeed));
        var flag = Assert.Single(day.Flags, f => f.Type == IntegrityFlagType.ImplausibleSpeed);
        Assert.Equal(t.AddSeconds(10), flag.At);
        Assert.Equal(AttendanceStatus.Present, day.Status);
        Assert.Contains("ImplausibleSpeed", day.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_outside_the_shift_window_are_not_carried()
    {
        var inside = new IntegrityFlag(IntegrityFlagType.ClockSkew, Wib(2025, 3, 3, 13, 59), "in");
        var after = new IntegrityFlag(IntegrityFlagType.ClockSkew, Wib(2025, 3, 3, 14, 0), "after");

        var day = Compute("OFF-F", ShiftDefinition.Pagi, new OnlineIntervalTracker(), flags: [after, inside]);

        Assert.Equal<IntegrityFlag>([inside], day.Flags);
    }

    [Fact]
    public void Overlapping_unordered_intervals_are_merged_before_counting()
    {
        Interval[] online =
        [
            new(Wib(2025, 3, 3, 9, 0), Wib(2025, 3, 3, 12, 0)),
            new(Wib(2025, 3, 3, 5, 0), Wib(2025, 3, 3, 8, 0)),
            new(Wib(2025, 3, 3, 7, 0), Wib(2025, 3, 3, 9, 30)),
        ];

        var day = AttendanceCalculator.Compute("OFF-G", Monday, ShiftDefinition.Pagi, Jakarta, online);

        Assert.Equal<Interval>([new Interval(Wib(2025, 3, 3, 6, 0), Wib(2025, 3, 3, 12, 0))], day.Online);
        Assert.Equal(6 * 3600, day.CoveredSeconds);
        Assert.Equal<OfflineGap>([new OfflineGap(Wib(2025, 3, 3, 12, 0), Wib(2025, 3, 3, 14, 0))], day.Gaps);
    }

    private static DailyAttendance Compute(
        string officerId,
        ShiftDefinition shift,
        OnlineIntervalTracker tracker,
        AttendanceThresholds? thresholds = null,
        IEnumerable<IntegrityFlag>? flags = null) =>
        AttendanceCalculator.Compute(
            officerId, Monday, shift, Jakarta, tracker.Intervals(Wib(2025, 3, 5, 0, 0)), thresholds, flags);
}
