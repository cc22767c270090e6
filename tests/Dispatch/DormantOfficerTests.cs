using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Officers;
using TangerangLive.Grains.Zones;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Dispatch;

/// <summary>
/// Dormant officers, on PostgreSQL: an officer on shift that hears only heartbeats hands its hot state to its shard and
/// loses its activation; the shard applies its heartbeats as the grain would (index, position), and anything else (an
/// offer, a silence past the threshold, a flagged fix, the liveness sweep, a lost shard) reaches the grain, which takes
/// its state back and carries on exactly.
/// </summary>
public sealed class DormantOfficerTests(DispatchDatabase database) : IClassFixture<DispatchDatabase>, IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(20);

    private DispatchCluster _engine = null!;

    private IGrainFactory Grains => _engine.Grains;

    private CityScenario Scenario => _engine.Scenario;

    public async Task InitializeAsync() =>
        _engine = await DispatchCluster.StartAsync(database.ConnectionString, services: s => s.Configure<DispatchTimingOptions>(o => o.OfficerDormantAfterSeconds = 30));

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task A_quiet_officer_goes_dormant_its_shard_moves_it_in_the_index_and_an_offer_wakes_it_with_the_latest_position()
    {
        var point = Scenario.ZoneCentre(12);
        var zoneCode = DispatchCluster.City.Map.FindZone(point.Lat, point.Lon)!.Code;
        var id = await DormantAsync("quiet", Scenario.Offset(point, 400, 0));

        // Two heartbeats applied by the shard alone: the officer walks 100 m towards the point; no activation appears.
        var at = Scenario.Offset(point, 400, 0);
        for (var i = 1; i <= 2; i++)
        {
            _engine.Time.Advance(Step);
            at = Scenario.Offset(point, 400 - (50 * i), 0);
            var ack = await ViaShardAsync(id, at);
            Assert.True(ack.Accepted);
            Assert.Equal(zoneCode, ack.ZoneCode);
        }

        Assert.False(await IsActiveAsync(id), "a heartbeat applied by the shard activated the officer's grain");
        Assert.Equal(1, await Grains.OfficerShard(id).CountAsync());
        var indexed = (await Grains.Zone(zoneCode).GetStatusAsync()).Officers.Single(o => o.OfficerId == id);
        Assert.Equal((at.Lat, at.Lon, true), (indexed.Lat, indexed.Lon, indexed.Available));
        Assert.Equal(_engine.Time.GetUtcNow().UtcDateTime, indexed.LastSeenUtc);

        // A report at the point is offered to it: the offer activates the grain, which takes its state back.
        var (grain, submitted) = await Scenario.ReportAsync("traffic-jam", point, "near the dormant officer");
        await _engine.Live.WaitForAsync<ComplaintChanged>(c => c.ComplaintId == submitted.Report.Id && c.Status == "Offered", "the offer");
        Assert.Equal(id, (await grain.GetAsync())!.OfficerId);
        Assert.Equal(0, await Grains.OfficerShard(id).CountAsync());
        var officer = (await Grains.Officer(id).GetAsync())!;
        Assert.Equal(OfficerDuty.Offered, officer.Duty);
        Assert.True(officer.Online);
        Assert.Equal((at.Lat, at.Lon, _engine.Time.GetUtcNow()), (officer.LastFix!.Value.Lat, officer.LastFix.Value.Lon, officer.LastFix.Value.At));
        Assert.Equal(zoneCode, officer.ZoneCode);

        // Holding a report it stays active, heartbeats and all.
        for (var i = 0; i < 3; i++)
        {
            _engine.Time.Advance(Step);
            Assert.True((await ViaShardAsync(id, at)).Accepted);
        }

        Assert.Equal(0, await Grains.OfficerShard(id).CountAsync());
        Assert.True(await IsActiveAsync(id));
    }

    [Fact]
    public async Task A_dormant_officer_silent_past_the_threshold_is_marked_offline_by_the_sweep_and_its_grain_keeps_the_interval_exact()
    {
        var point = Scenario.ZoneCentre(20);
        var id = await DormantAsync("silent", point);

        // 100 s of silence (threshold 90 s): the zone's sweep marks the officer offline; its grain wakes to record it.
        for (var i = 0; i < 10; i++)
        {
            _engine.Time.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(20);
        }

        await Poll.UntilAsync(async () => (await Grains.Officer(id).GetAsync())!.Online == false, TimeSpan.FromSeconds(30), () => "the officer to be marked offline");
        Assert.Equal(0, await Grains.OfficerShard(id).CountAsync());

        // The phone comes back: a new interval opens; the first closed at the last heartbeat the shard applied.
        _engine.Time.Advance(Step);
        Assert.True((await ViaShardAsync(id, point)).Accepted);
        var officer = (await Grains.Officer(id).GetAsync())!;
        Assert.True(officer.Online);
        Assert.Equal(_engine.Time.GetUtcNow(), officer.LastFix!.Value.At);
        Assert.Contains(_engine.Live.Events.OfType<OfficerStatusChanged>(), e => e.OfficerId == id && !e.Online);
    }

    [Fact]
    public async Task A_heartbeat_after_a_silence_or_a_flagged_fix_reaches_the_grain_and_a_lost_shard_loses_no_officer()
    {
        var point = Scenario.ZoneCentre(30);
        var zoneCode = DispatchCluster.City.Map.FindZone(point.Lat, point.Lon)!.Code;
        var id = await DormantAsync("jumpy", point);

        // A fix 30 km away 20 s later is implausible: flagged by the grain, which the shard woke for it.
        _engine.Time.Advance(Step);
        var far = Scenario.Offset(point, 30_000, 0);
        var ack = await ViaShardAsync(id, far);
        Assert.False(ack.Accepted);
        Assert.NotEmpty(ack.Flags);
        Assert.True(await IsActiveAsync(id));
        Assert.Equal(0, await Grains.OfficerShard(id).CountAsync());
        Assert.NotEmpty((await Grains.Officer(id).GetAsync())!.OpenFlags!);

        // Dormant again, then its shard is lost: the next heartbeat goes to the grain, which resumes from storage and
        // the position log, and the officer is still indexed where it is.
        await QuietUntilDormantAsync(id, point);
        await _engine.Positions().FlushAsync();
        await _engine.Cluster.DeactivateNowAsync(Grains.OfficerShard(id));
        _engine.Time.Advance(Step);
        var moved = Scenario.Offset(point, 0, 150);
        Assert.True((await ViaShardAsync(id, moved)).Accepted);
        var officer = (await Grains.Officer(id).GetAsync())!;
        Assert.True(officer.Online);
        Assert.Equal(zoneCode, officer.ZoneCode);
        Assert.Equal((moved.Lat, moved.Lon), (officer.LastFix!.Value.Lat, officer.LastFix.Value.Lon));
        var indexed = (await Grains.Zone(zoneCode).GetStatusAsync()).Officers.Single(o => o.OfficerId == id);
        Assert.Equal((moved.Lat, moved.Lon), (indexed.Lat, indexed.Lon));
    }

    [Fact]
    public async Task Waking_a_dormant_officer_ahead_of_an_offer_activates_it_with_its_latest_position_and_changes_nothing_else()
    {
        var point = Scenario.ZoneCentre(40);
        var zoneCode = DispatchCluster.City.Map.FindZone(point.Lat, point.Lon)!.Code;
        var id = await DormantAsync("woken", point);
        _engine.Time.Advance(Step);
        var moved = Scenario.Offset(point, 120, 0);
        Assert.True((await ViaShardAsync(id, moved)).Accepted);
        Assert.False(await IsActiveAsync(id));

        // One way: the grain activates and takes its entry back from the shard, with the position the shard applied last.
        await Grains.Officer(id).WakeAsync();
        await Poll.UntilAsync(async () => await Grains.OfficerShard(id).CountAsync() == 0, TimeSpan.FromSeconds(30), () => "the woken officer to take its entry back");
        Assert.True(await IsActiveAsync(id));
        var officer = (await Grains.Officer(id).GetAsync())!;
        Assert.Equal((OfficerDuty.Available, true, zoneCode), (officer.Duty, officer.Online, officer.ZoneCode));
        Assert.Equal((moved.Lat, moved.Lon, _engine.Time.GetUtcNow()), (officer.LastFix!.Value.Lat, officer.LastFix.Value.Lon, officer.LastFix.Value.At));
        Assert.Null(officer.Assignment);
    }

    [Fact]
    public async Task An_active_officers_heartbeats_go_to_its_grain_directly_and_the_grain_hands_itself_to_its_shard_when_quiet()
    {
        var point = Scenario.ZoneCentre(44);
        var zoneCode = DispatchCluster.City.Map.FindZone(point.Lat, point.Lon)!.Code;
        await Scenario.OnDutyAsync("direct", "Dishub", point);
        var id = Scenario.OfficerId("direct");
        var timing = new DispatchTimingOptions { OfficerDormantAfterSeconds = 30 };

        // The first heartbeat goes through the shard, which finds the grain active: the next ones go to the grain.
        _engine.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.True((await Grains.ReportPositionAsync(id, new PositionReport(point.Lat, point.Lon, _engine.Time.GetUtcNow(), 5), timing)).Accepted);
        Assert.True(Grains.SendsDirectly(id));

        // 30 s after its last transition the grain, sent a heartbeat directly, gives its state to its shard before it answers.
        _engine.Time.Advance(Step);
        var moved = Scenario.Offset(point, 60, 0);
        var handedOver = await Grains.ReportPositionAsync(id, new PositionReport(moved.Lat, moved.Lon, _engine.Time.GetUtcNow(), 5), timing);
        Assert.Equal((true, zoneCode), (handedOver.Accepted, handedOver.ZoneCode));
        Assert.False(Grains.SendsDirectly(id));
        Assert.Equal(1, await Grains.OfficerShard(id).CountAsync());
        await Poll.UntilAsync(async () => !await IsActiveAsync(id), TimeSpan.FromSeconds(30), () => "the officer's grain to deactivate");

        // Dormant: the shard applies the next heartbeat, and no activation appears.
        _engine.Time.Advance(Step);
        var walked = Scenario.Offset(point, 90, 0);
        Assert.True((await Grains.ReportPositionAsync(id, new PositionReport(walked.Lat, walked.Lon, _engine.Time.GetUtcNow(), 5), timing)).Accepted);
        Assert.False(Grains.SendsDirectly(id));
        Assert.False(await IsActiveAsync(id), "a heartbeat to a dormant officer activated its grain");
        var indexed = (await Grains.Zone(zoneCode).GetStatusAsync()).Officers.Single(o => o.OfficerId == id);
        Assert.Equal((walked.Lat, walked.Lon), (indexed.Lat, indexed.Lon));

        // An offer wakes it; holding the report it stays active, and its heartbeats go to its grain directly again (40 s,
        // within the offer's 60 s to acknowledge).
        var (grain, submitted) = await Scenario.ReportAsync("traffic-jam", point, "beside the dormant officer");
        await _engine.Live.WaitForAsync<ComplaintChanged>(c => c.ComplaintId == submitted.Report.Id && c.Status == "Offered", "the offer");
        Assert.Equal(id, (await grain.GetAsync())!.OfficerId);
        for (var i = 0; i < 2; i++)
        {
            _engine.Time.Advance(Step);
            Assert.True((await Grains.ReportPositionAsync(id, new PositionReport(walked.Lat, walked.Lon, _engine.Time.GetUtcNow(), 5), timing)).Accepted);
            Assert.True(Grains.SendsDirectly(id));
        }

        Assert.Equal(0, await Grains.OfficerShard(id).CountAsync());
        var officer = (await Grains.Officer(id).GetAsync())!;
        Assert.Equal((OfficerDuty.Offered, submitted.Report.Id, _engine.Time.GetUtcNow()), (officer.Duty, officer.Assignment!.ComplaintId, officer.LastFix!.Value.At));
    }

    /// <summary>Puts an officer on duty at the point and heartbeats it through its shard until its grain hands over.</summary>
    private async Task<string> DormantAsync(string name, (double Lat, double Lon) at)
    {
        await Scenario.OnDutyAsync(name, "Dishub", at);
        var id = Scenario.OfficerId(name);
        await QuietUntilDormantAsync(id, at);
        return id;
    }

    /// <summary>
    /// Heartbeats every 20 s until the shard holds the officer: the hand-over follows the first heartbeat 30 s after the
    /// last transition, and completes a moment after its answer (the grain deactivates once idle), so each heartbeat
    /// waits for it a little before the next one is sent (which would otherwise wake the grain again).
    /// </summary>
    private async Task QuietUntilDormantAsync(string id, (double Lat, double Lon) at)
    {
        for (var i = 0; i < 6; i++)
        {
            _engine.Time.Advance(Step);
            Assert.True((await ViaShardAsync(id, at)).Accepted);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (DateTime.UtcNow < deadline && await Grains.OfficerShard(id).CountAsync() == 0)
            {
                await Task.Delay(25);
            }

            if (await Grains.OfficerShard(id).CountAsync() == 1)
            {
                break;
            }
        }

        Assert.Equal(1, await Grains.OfficerShard(id).CountAsync());
        await Poll.UntilAsync(async () => !await IsActiveAsync(id), TimeSpan.FromSeconds(30), () => "the officer's grain to deactivate");
    }

    private async Task<PositionAck> ViaShardAsync(string id, (double Lat, double Lon) at) =>
        (await Grains.OfficerShard(id).ReportPositionAsync(id, new PositionReport(at.Lat, at.Lon, _engine.Time.GetUtcNow(), 5))).Ack;

    private async Task<bool> IsActiveAsync(string id)
    {
        var grainId = Grains.Officer(id).GetGrainId();
        var active = await Grains.GetGrain<IManagementGrain>(0).GetActiveGrains(grainId.Type);
        return active.Contains(grainId);
    }
}
