using TangerangLive.Grains.Attendance;
using static TangerangLive.Tests.Attendance.TestClock;

namespace TangerangLive.Tests.Attendance;

public class OnlineIntervalTrackerTests
{
    private static readonly DateTimeOffset T0 = Wib(2025, 3, 3, 8, 0);
    private static readonly TimeSpan Threshold = TimeSpan.FromSeconds(60);

    [Fact]
    public void Heartbeat_exactly_at_the_threshold_extends_the_open_interval()
    {
        var tracker = new OnlineIntervalTracker(Threshold);
        tracker.Heartbeat(T0);
        tracker.Heartbeat(T0 + Threshold);

        Assert.Equal([new Interval(T0, T0 + Threshold)], tracker.Intervals(T0.AddHours(1)));
        Assert.True(tracker.IsOnline);
    }

    [Fact]
    public void Heartbeat_one_tick_past_the_threshold_closes_at_the_last_heartbeat_and_opens_a_new_interval()
    {
        var tracker = new OnlineIntervalTracker(Threshold);
        tracker.Heartbeat(T0);
        tracker.Heartbeat(T0.AddSeconds(30));
        var late = T0.AddSeconds(30) + Threshold + TimeSpan.FromTicks(1);
        tracker.Heartbeat(late);
        tracker.Heartbeat(late.AddSeconds(10));

        Assert.Equal(
            [new Interval(T0, T0.AddSeconds(30)), new Interval(late, late.AddSeconds(10))],
            tracker.Intervals(T0.AddHours(1)));
    }

    [Fact]
    public void MarkOffline_closes_at_the_last_heartbeat_and_the_next_heartbeat_opens_a_new_interval()
    {
        var tracker = new OnlineIntervalTracker(Threshold);
        tracker.Heartbeat(T0);
        tracker.Heartbeat(T0.AddSeconds(20));

        Assert.True(tracker.IsSilentAt(T0.AddSeconds(81)));
        Assert.True(tracker.MarkOffline(T0.AddSeconds(90)));
        Assert.False(tracker.IsOnline);
        Assert.False(tracker.MarkOffline(T0.AddSeconds(95)));

        tracker.Heartbeat(T0.AddSeconds(100));
        tracker.Heartbeat(T0.AddSeconds(105));
        Assert.Equal(
            [new Interval(T0, T0.AddSeconds(20)), new Interval(T0.AddSeconds(100), T0.AddSeconds(105))],
            tracker.Intervals(T0.AddHours(1)));
    }

    [Fact]
    public void MarkOffline_from_a_sweep_older_than_the_last_heartbeat_is_ignored()
    {
        var tracker = new OnlineIntervalTracker(Threshold);
        tracker.Heartbeat(T0);
        tracker.Heartbeat(T0.AddSeconds(20));

        Assert.False(tracker.MarkOffline(T0.AddSeconds(10)));
        Assert.True(tracker.IsOnline);
    }

    [Fact]
    public void Old_or_repeated_heartbeats_change_nothing()
    {
        var tracker = new OnlineIntervalTracker(Threshold);
        Assert.True(tracker.Heartbeat(T0.AddSeconds(10)));
        Assert.False(tracker.Heartbeat(T0.AddSeconds(10)));
        Assert.False(tracker.Heartbeat(T0));

        Assert.Equal(T0.AddSeconds(10), tracker.LastHeartbeat);
        Assert.Empty(tracker.Intervals(T0.AddHours(1)));
    }

    [Fact]
    public void Intervals_are_cut_at_upTo_and_the_open_interval_ends_at_the_last_heartbeat()
    {
        var tracker = new OnlineIntervalTracker(Threshold);
        Beat(tracker, T0, T0.AddMinutes(10), TimeSpan.FromSeconds(5));

        Assert.Equal([new Interval(T0, T0.AddMinutes(10))], tracker.Intervals(T0.AddHours(1)));
        Assert.Equal([new Interval(T0, T0.AddMinutes(4))], tracker.Intervals(T0.AddMinutes(4)));
        Assert.Empty(tracker.Intervals(T0));
    }

    [Fact]
    public void A_lone_heartbeat_makes_no_interval()
    {
        var tracker = new OnlineIntervalTracker(Threshold);
        tracker.Heartbeat(T0);
        tracker.MarkOffline(T0.AddMinutes(5));

        Assert.Empty(tracker.Intervals(T0.AddHours(1)));
    }

    [Fact]
    public void TrimOlderThan_drops_only_closed_intervals_that_ended_before_the_cutoff()
    {
        var tracker = new OnlineIntervalTracker(Threshold);
        var day1 = Wib(2025, 3, 1, 8, 0);
        var day5 = Wib(2025, 3, 5, 8, 0);
        Beat(tracker, day1, day1.AddMinutes(5), TimeSpan.FromSeconds(5));
        Beat(tracker, day5, day5.AddMinutes(5), TimeSpan.FromSeconds(5));

        var removed = tracker.TrimOlderThan(day5.AddMinutes(5), days: 2);

        Assert.Equal(1, removed);
        Assert.Equal([new Interval(day5, day5.AddMinutes(5))], tracker.Intervals(day5.AddHours(1)));
    }

    [Fact]
    public void A_non_positive_threshold_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnlineIntervalTracker(TimeSpan.Zero));
    }
}
