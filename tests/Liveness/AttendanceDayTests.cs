using Npgsql;
using TangerangLive.Grains.Attendance;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Officers;
using TangerangLive.Grains.Zones;
using TangerangLive.Silo.Storage;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Liveness;

/// <summary>A whole simulated working day on a fake clock, through the real grains and PostgreSQL.</summary>
public sealed class AttendanceDayTests(DispatchDatabase database) : IClassFixture<DispatchDatabase>
{
    private static readonly TimeZoneInfo Wib = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
    private static readonly DateOnly Day = new(2026, 11, 23);

    private static DateTimeOffset Local(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task A_simulated_day_gives_each_officer_the_status_the_rules_say_and_flags_the_teleporter()
    {
        await using var engine = await DispatchCluster.StartAsync(database.ConnectionString, Local(23, 5));
        var s = engine.Scenario;
        var home = s.ZoneCentre(5);
        var far = s.ZoneCentre(95);
        async Task<string> Register(string name, string shift)
        {
            var id = s.OfficerId(name);
            await engine.Grains.Officer(id).RegisterAsync(new OfficerProfile(id, name, "Dishub", "Team 1", shift, [], true));
            await engine.Grains.Officer(id).StartShiftAsync();
            return id;
        }

        var steady = await Register("steady", "pagi");
        var dropout = await Register("dropout", "pagi");
        var never = await Register("never", "pagi");
        var teleport = await Register("teleport", "pagi");
        var night = await Register("night", "malam");

        var day = new SimulatedDay(engine.Grains, engine.Time, DispatchCluster.City);
        day.Add(steady, _ => true, _ => home);
        day.Add(dropout, t => t <= Local(23, 9) || t >= Local(23, 9, 10), _ => s.Offset(home, 300, 0));
        day.Add(teleport, _ => true, t => t >= Local(23, 10) && t < Local(23, 10, 0).AddSeconds(10) ? far : s.Offset(home, 0, 300));
        day.Add(night, t => t >= Local(23, 21, 50) && t <= Local(24, 6, 5), _ => s.Offset(home, -300, 0));
        await day.RunUntilAsync(Local(24, 6, 30));

        var records = new Dictionary<string, DailyAttendance>();
        var sealedDays = new Dictionary<string, SealedRecord>();
        foreach (var id in new[] { steady, dropout, never, teleport, night })
        {
            var closed = await engine.Grains.Officer(id).CloseAttendanceAsync();
            sealedDays[id] = Assert.Single(closed, c => c.Record.Day == Day);
            records[id] = sealedDays[id].Record;
        }

        Assert.Equal((AttendanceStatus.Present, 28_800d), (records[steady].Status, records[steady].CoveredSeconds));
        Assert.Empty(records[steady].Gaps);

        var gap = Assert.Single(records[dropout].Gaps);
        Assert.Equal((Local(23, 9), Local(23, 9, 10)), (gap.Start, gap.End));
        Assert.Equal((AttendanceStatus.Present, 28_200d), (records[dropout].Status, records[dropout].CoveredSeconds));
        Assert.Equal(2, records[dropout].Online.Length);

        Assert.Equal((AttendanceStatus.Absent, 0d), (records[never].Status, records[never].CoveredSeconds));
        Assert.Null(records[never].FirstSeen);

        var speed = Assert.Single(records[teleport].Flags, f => f.Type == IntegrityFlagType.ImplausibleSpeed);
        Assert.Equal(Local(23, 10), speed.At);

        Assert.Equal(("Malam", AttendanceStatus.Present, 28_800d), (records[night].ShiftName, records[night].Status, records[night].CoveredSeconds));
        Assert.Equal(Local(23, 22), records[night].ShiftWindow.Start);

        // The dropout was announced offline within the threshold (90 s) plus 10 s of going silent.
        var offline = Assert.Single(engine.Live.Events.OfType<OfficerStatusChanged>(), e => e.OfficerId == dropout && e.Duty == "Offline");
        Assert.InRange(offline.At - Local(23, 9), TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(100));
        Assert.Contains("9:00", records[dropout].Explain(Wib), StringComparison.Ordinal);

        // Stored in PostgreSQL, chained per officer, and closing again changes nothing.
        var store = new PostgresAttendanceStore(NpgsqlDataSource.Create(database.ConnectionString));
        var stored = await store.ReadAsync(Day, Day, dropout);
        Assert.Equal(sealedDays[dropout].Hash, stored.Single().Hash);
        Assert.Equal(AttendanceChain.Seal(stored.Single().Record, stored.Single().PreviousHash).Hash, stored.Single().Hash);
        Assert.True(AttendanceChain.Verify(stored).IsValid);
        Assert.Empty(await engine.Grains.Officer(dropout).CloseAttendanceAsync());
    }

    [Fact]
    public async Task An_officer_silent_past_the_threshold_is_dropped_from_matching_and_comes_back_with_the_next_heartbeat()
    {
        await using var engine = await DispatchCluster.StartAsync(database.ConnectionString, Local(23, 8));
        var s = engine.Scenario;
        var point = s.ZoneCentre(7);
        var officer = await s.OnDutyAsync("quiet", "DKP", point);
        var zone = DispatchCluster.City.Map.FindZone(point.Lat, point.Lon)!.Code;
        var day = new SimulatedDay(engine.Grains, engine.Time, DispatchCluster.City);
        day.Add(s.OfficerId("quiet"), t => t < Local(23, 8, 0).AddSeconds(30), _ => point);

        await day.RunUntilAsync(Local(23, 8, 3));

        // The zone's sweep drops the officer from matching in its own turn; it tells the officer's grain one way (the
        // grain may first have to activate and take its state back from its shard), so the grain learns it shortly after.
        await Poll.UntilAsync(async () => !(await officer.GetAsync())!.Online, TimeSpan.FromSeconds(10), () => "the officer's grain to be told it is offline");
        Assert.Empty((await engine.Grains.Zone(zone).GetStatusAsync()).Officers);
        var (grain, report) = await s.ReportAsync("garbage", point);
        await engine.Live.WaitForAsync<ComplaintChanged>(c => c.ComplaintId == report.Report.Id && c.Status == "Escalated", "escalation with the only officer offline");

        await officer.ReportPositionAsync(new PositionReport(point.Lat, point.Lon, engine.Time.GetUtcNow()));
        Assert.True((await officer.GetAsync())!.Online);
        Assert.True((await grain.RedispatchAsync(new("operator-ani", "officer back online"))).Ok);
        Assert.Equal(s.OfficerId("quiet"), (await grain.GetAsync())!.OfficerId);
    }

    [Fact]
    public async Task A_silo_dying_mid_shift_loses_no_online_interval()
    {
        await using var engine = await DispatchCluster.StartAsync(database.ConnectionString, Local(23, 5), silos: 2);
        var s = engine.Scenario;
        var secondary = engine.Cluster.Silos[1];

        // An officer whose grain lives on the silo we will kill.
        string? id = null;
        for (var i = 0; id is null && i < 200; i++)
        {
            var candidate = s.OfficerId($"restart{i}");
            var grain = engine.Grains.Officer(candidate);
            await grain.RegisterAsync(new OfficerProfile(candidate, "Restart", "DKP", "Team 1", "pagi", [], true));
            if ((await grain.GetHostingSiloAsync()).Contains(secondary.SiloAddress.Endpoint.ToString(), StringComparison.Ordinal))
            {
                id = candidate;
            }
        }

        Assert.NotNull(id);
        await engine.Grains.Officer(id).StartShiftAsync();
        var point = s.ZoneCentre(9);
        var day = new SimulatedDay(engine.Grains, engine.Time, DispatchCluster.City);
        day.Add(id, _ => true, _ => point);

        await day.RunUntilAsync(Local(23, 10));
        var before = await engine.Grains.Officer(id).GetAsync();
        Assert.True(before!.Online, "online before the kill");

        // The officer's own state was last saved before its last heartbeats (it is saved on transitions only); the
        // position logs had written those heartbeats, as their batch writers do every two seconds: the dying silo's, and
        // the other's when the officer's shard, which applied them while the officer was dormant, lived there.
        Assert.True(before.UpdatedAt < before.LastFix!.Value.At, $"the officer's state was saved at {before.UpdatedAt:O}, at its last fix, so this test would not show the carry-on");
        await engine.Positions(0).FlushAsync();
        await engine.Positions(1).FlushAsync();
        await engine.Cluster.KillSiloAsync(secondary);
        var after = await engine.Grains.Officer(id).GetAsync();
        Assert.Equal(before.LastFix, after!.LastFix);
        await day.RunUntilAsync(Local(23, 10, 1));
        await day.RunUntilAsync(Local(23, 14, 30));

        var record = Assert.Single(await engine.Grains.Officer(id).CloseAttendanceAsync(), r => r.Record.Day == Day).Record;
        Assert.Single(record.Online);
        Assert.Empty(record.Gaps);
        Assert.Equal((AttendanceStatus.Present, 28_800d), (record.Status, record.CoveredSeconds));
    }

    [Fact]
    public async Task A_lost_zone_is_brought_back_by_its_reminder_and_marks_its_silent_officer_offline()
    {
        await using var engine = await DispatchCluster.StartAsync(database.ConnectionString, Local(23, 8));
        var s = engine.Scenario;
        var point = s.ZoneCentre(11);
        var officer = await s.OnDutyAsync("alone", "BPBD", point);
        var zone = engine.Grains.Zone(DispatchCluster.City.Map.FindZone(point.Lat, point.Lon)!.Code);

        // The zone and the officer disappear (as with a dead silo); no message will reach either again.
        await engine.Cluster.DeactivateNowAsync(zone);
        await engine.Cluster.DeactivateNowAsync(officer);
        engine.Time.Advance(TimeSpan.FromSeconds(120));

        // Only the zone's durable reminder (period 1 min, real time) can bring it back.
        var offline = await engine.Live.WaitForAsync<OfficerStatusChanged>(
            e => e.OfficerId == s.OfficerId("alone") && e.Duty == "Offline", "the re-activated zone to mark the silent officer offline", TimeSpan.FromSeconds(150));
        Assert.False(offline.Online);
        await engine.Live.WaitForAsync<OfficerStatusChanged>(
            e => e.OfficerId == s.OfficerId("alone") && e.Duty == "Available" && !e.Online && e.At >= offline.At, "the officer grain to record itself offline");
        Assert.False((await officer.GetAsync())!.Online);
    }

    [Fact]
    public async Task Crossing_a_zone_boundary_moves_the_officer_between_zone_indexes_without_a_database_write_per_heartbeat()
    {
        await using var engine = await DispatchCluster.StartAsync(database.ConnectionString, Local(23, 8));
        var s = engine.Scenario;
        var from = s.ZoneCentre(15);
        var to = s.ZoneCentre(16);
        var fromZone = DispatchCluster.City.Map.FindZone(from.Lat, from.Lon)!.Code;
        var toZone = DispatchCluster.City.Map.FindZone(to.Lat, to.Lon)!.Code;
        Assert.NotEqual(fromZone, toZone);
        var officer = await s.OnDutyAsync("mover", "Dishub", from);
        var id = s.OfficerId("mover");

        // Small steps from one centroid to the other (a motorbike, not a teleport), one heartbeat every 10 s.
        var writesBefore = await StateWritesAsync(id);
        for (var step = 1; step <= 40; step++)
        {
            engine.Time.Advance(TimeSpan.FromSeconds(10));
            var lat = from.Lat + ((to.Lat - from.Lat) * step / 40);
            var lon = from.Lon + ((to.Lon - from.Lon) * step / 40);
            await officer.ReportPositionAsync(new PositionReport(lat, lon, engine.Time.GetUtcNow(), 5));
        }

        Assert.DoesNotContain((await engine.Grains.Zone(fromZone).GetStatusAsync()).Officers, o => o.OfficerId == id);
        Assert.Contains((await engine.Grains.Zone(toZone).GetStatusAsync()).Officers, o => o.OfficerId == id);
        Assert.Equal(toZone, (await officer.GetAsync())!.ZoneCode);

        // Forty heartbeats over 400 s and a zone crossing, no transition: the officer's own state is not written at all
        // (positions and last-seen times go to the silo's batched position log).
        var writes = await StateWritesAsync(id) - writesBefore;
        Assert.Equal(0, writes);
    }

    private async Task<int> StateWritesAsync(string officerId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(max(version), 0) FROM orleans_storage WHERE grain_type_string = 'officer' AND grain_id_extension_string = $1", connection);
        command.Parameters.AddWithValue(OfficerKey.For(officerId));
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
