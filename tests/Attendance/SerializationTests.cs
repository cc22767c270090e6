using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using TangerangLive.Grains.Attendance;
using static TangerangLive.Tests.Attendance.TestClock;

namespace TangerangLive.Tests.Attendance;

/// <summary>The records that cross grain calls survive an Orleans serializer round trip.</summary>
public sealed class SerializationTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(DailyAttendance).Assembly))
        .BuildServiceProvider();

    [Fact]
    public void Sealed_day_record_round_trips_with_every_field()
    {
        var flag = new IntegrityFlag(IntegrityFlagType.RepeatedFix, Wib(2025, 3, 3, 9, 0), "10 fixes");
        var record = AttendanceRecords.Pagi("OFF-1", new DateOnly(2025, 3, 3), 300) with { Flags = [flag] };
        var sealedRecord = AttendanceChain.Seal(record, AttendanceChain.GenesisHash);

        var copy = RoundTrip(sealedRecord);

        Assert.Equal(sealedRecord.Hash, copy.Hash);
        Assert.Equal(ChainVerification.Valid, AttendanceChain.Verify([copy]));
        Assert.Equal(record.Online.AsEnumerable(), copy.Record.Online.AsEnumerable());
        Assert.Equal(record.Gaps.AsEnumerable(), copy.Record.Gaps.AsEnumerable());
        Assert.Equal(flag, Assert.Single(copy.Record.Flags));
    }

    [Fact]
    public void Tracker_state_round_trips_and_keeps_tracking()
    {
        var t0 = Wib(2025, 3, 3, 8, 0);
        var tracker = new OnlineIntervalTracker(TimeSpan.FromSeconds(30));
        Beat(tracker, t0, t0.AddMinutes(1), TimeSpan.FromSeconds(5));
        tracker.MarkOffline(t0.AddMinutes(2));
        tracker.Heartbeat(t0.AddMinutes(3));

        var copy = RoundTrip(tracker);
        copy.Heartbeat(t0.AddMinutes(3).AddSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), copy.OfflineThreshold);
        Assert.Equal(
            [new Interval(t0, t0.AddMinutes(1)), new Interval(t0.AddMinutes(3), t0.AddMinutes(3).AddSeconds(30))],
            copy.Intervals(t0.AddHours(1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_tracker_stored_by_earlier_versions_reads_back_and_keeps_tracking(int closed)
    {
        var t0 = Wib(2025, 3, 3, 8, 0);
        var stored = new TrackerShapeV1
        {
            Closed = [.. Enumerable.Range(0, closed).Select(i => new Interval(t0.AddMinutes(10 * i), t0.AddMinutes(10 * i + 5)))],
            OpenStart = t0.AddMinutes(30),
            LastHeartbeat = t0.AddMinutes(31),
            OfflineThreshold = TimeSpan.FromSeconds(60),
        };
        var writer = _services.GetRequiredService<Serializer<TrackerShapeV1>>();

        var tracker = _services.GetRequiredService<Serializer<OnlineIntervalTracker>>().Deserialize(writer.SerializeToArray(stored))
            ?? throw new InvalidOperationException("The stored tracker read back as null.");
        tracker.Heartbeat(t0.AddMinutes(35)); // a silence past the threshold closes the open interval

        Assert.Equal(closed + 1, tracker.ClosedCount);
        Assert.Equal([.. stored.Closed, new Interval(t0.AddMinutes(30), t0.AddMinutes(31))], tracker.Intervals(t0.AddHours(1)));
        Assert.Equal(TimeSpan.FromSeconds(60), tracker.OfflineThreshold);
    }

    [Fact]
    public void A_tracker_that_never_closed_an_interval_round_trips_and_closes_its_first()
    {
        var t0 = Wib(2025, 3, 3, 8, 0);
        var tracker = new OnlineIntervalTracker(TimeSpan.FromSeconds(30));
        tracker.Heartbeat(t0);
        tracker.Heartbeat(t0.AddSeconds(20));

        var copy = RoundTrip(tracker);
        Assert.Equal(0, copy.ClosedCount);
        Assert.Equal(0, copy.TrimOlderThan(t0.AddDays(10), 3));
        copy.MarkOffline(t0.AddMinutes(1));

        Assert.Equal(1, copy.ClosedCount);
        Assert.Equal([new Interval(t0, t0.AddSeconds(20))], copy.Intervals(t0.AddHours(1)));
    }

    [Fact]
    public void Roster_shift_fix_track_and_recap_round_trip()
    {
        var roster = new RosterEntry("OFF-1", "Pagi").WithDayOff(new DateOnly(2025, 3, 9));
        var track = new FixTrack(new Fix(-6.18, 106.65, Wib(2025, 3, 3, 8, 0), Wib(2025, 3, 3, 8, 0), 5), 3);
        var recap = HonorariumRecap.Build(
            new PayrollMonth(2025, 3), [AttendanceRecords.Present("OFF-1", new DateOnly(2025, 3, 3))], _ => null, 100m);

        Assert.Null(RoundTrip(roster).ShiftNameOn(new DateOnly(2025, 3, 9)));
        Assert.Equal(ShiftDefinition.Malam, RoundTrip(ShiftDefinition.Malam));
        Assert.Equal(track, RoundTrip(track));
        Assert.Equal(recap.Officers.AsEnumerable(), RoundTrip(recap).Officers.AsEnumerable());
    }

    public void Dispose() => _services.Dispose();

    private T RoundTrip<T>(T value)
    {
        var serializer = _services.GetRequiredService<Serializer<T>>();
        return serializer.Deserialize(serializer.SerializeToArray(value)) ?? throw new InvalidOperationException("Round trip gave null.");
    }
}
