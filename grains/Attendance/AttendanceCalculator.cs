using System.Collections.Immutable;

namespace TangerangLive.Grains.Attendance;

/// <summary>Computes a day's attendance from online intervals and the rostered shift.</summary>
public static class AttendanceCalculator
{
    /// <summary>
    /// The attendance of <paramref name="officerId"/> for <paramref name="shift"/> starting on
    /// <paramref name="day"/> (local date in <paramref name="timeZone"/>). Online intervals may be
    /// unordered or overlap; they are merged and clipped to the shift window. Integrity flags whose
    /// time falls in the window are carried on the record; they do not change the status.
    /// </summary>
    public static DailyAttendance Compute(
        string officerId,
        DateOnly day,
        ShiftDefinition shift,
        TimeZoneInfo timeZone,
        IEnumerable<Interval> online,
        AttendanceThresholds? thresholds = null,
        IEnumerable<IntegrityFlag>? flags = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(officerId);
        ArgumentNullException.ThrowIfNull(shift);
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(online);
        thresholds ??= AttendanceThresholds.Default;
        thresholds.Validate();

        var window = shift.WindowFor(day, timeZone);
        var clipped = MergeAndClip(online, window);
        var covered = TimeSpan.FromTicks(clipped.Sum(interval => interval.Duration.Ticks));
        var coverage = (double)covered.Ticks / window.Duration.Ticks;

        var windowFlags = (flags ?? [])
            .Where(flag => flag.At >= window.Start && flag.At < window.End)
            .OrderBy(flag => flag.At)
            .ToImmutableArray();

        return new DailyAttendance(
            officerId,
            day,
            shift.Name,
            window,
            clipped,
            covered,
            coverage,
            clipped.IsEmpty ? null : clipped[0].Start,
            clipped.IsEmpty ? null : clipped[^1].End,
            GapsIn(window, clipped),
            thresholds.StatusFor(coverage),
            windowFlags,
            thresholds);
    }

    private static ImmutableArray<Interval> MergeAndClip(IEnumerable<Interval> online, Interval window)
    {
        var result = ImmutableArray.CreateBuilder<Interval>();
        foreach (var interval in online
            .Select(interval => interval.ClipTo(window))
            .OfType<Interval>()
            .OrderBy(interval => interval.Start))
        {
            if (result.Count > 0 && interval.Start <= result[^1].End)
            {
                if (interval.End > result[^1].End)
                {
                    result[^1] = result[^1] with { End = interval.End };
                }
            }
            else
            {
                result.Add(interval);
            }
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<OfflineGap> GapsIn(Interval window, ImmutableArray<Interval> online)
    {
        var gaps = ImmutableArray.CreateBuilder<OfflineGap>();
        var cursor = window.Start;
        foreach (var interval in online)
        {
            if (interval.Start > cursor)
            {
                gaps.Add(new OfflineGap(cursor, interval.Start));
            }

            cursor = interval.End;
        }

        if (cursor < window.End)
        {
            gaps.Add(new OfflineGap(cursor, window.End));
        }

        return gaps.ToImmutable();
    }
}
