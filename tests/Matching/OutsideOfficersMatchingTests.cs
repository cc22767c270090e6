using TangerangLive.Grains.City;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Officers;
using TangerangLive.Grains.Zones;
using TangerangLive.Tests.Dispatch;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Matching;

/// <summary>
/// Officers whose last fix is outside every zone polygon, here just past the built-in city's western boundary:
/// they are indexed (by the outside index, not by a zone), matched exactly, moved between that index and the
/// zones as they cross the boundary, dropped when they go off duty, and swept offline when they fall silent.
/// </summary>
public sealed class OutsideOfficersMatchingTests(DispatchDatabase database) : DispatchTestBase(database)
{
    private static readonly TimeSpan OneWayWait = TimeSpan.FromSeconds(20);

    private static ZoneMap Map => DispatchCluster.City.Map;

    private IOutsideOfficersGrain OutsideIndex => Grains.OutsideOfficers(DispatchCluster.City.Definition.Id);

    [Fact]
    public async Task An_officer_just_outside_the_city_nearest_to_a_report_inside_gets_the_offer()
    {
        var edge = CityEdge.West(Map);
        var point = Scenario.Offset(edge, 150, 0);
        var outsideAt = Scenario.Offset(edge, -40, 0);
        var insideAt = Scenario.Offset(point, 250, 0);
        Assert.Null(Map.FindZone(outsideAt.Lat, outsideAt.Lon));
        Assert.NotNull(Map.FindZone(point.Lat, point.Lon));
        Assert.NotNull(Map.FindZone(insideAt.Lat, insideAt.Lon));
        Assert.True(Distance(point, outsideAt) < Distance(point, insideAt));

        var outside = await Scenario.OnDutyAsync("outside", "Dishub", outsideAt);
        await Scenario.OnDutyAsync("inside", "Dishub", insideAt);
        await Scenario.OnDutyAsync("outside-dkp", "DKP", Scenario.Offset(edge, -10, 0));
        Assert.Null((await outside.GetAsync())!.ZoneCode);

        var (grain, submitted) = await Scenario.ReportAsync("traffic-jam", point);
        await WaitForReportAsync(submitted.Report.Id, "Offered");
        Assert.Equal(Scenario.OfficerId("outside"), (await ReportAsync(grain)).OfficerId);

        // The outside index follows the officer's availability, as a zone does, and no zone lists the officer.
        await Poll.UntilAsync(
            async () => (await OutsideIndex.GetOfficersAsync()).Any(o => o.OfficerId == Scenario.OfficerId("outside") && !o.Available),
            OneWayWait,
            () => "the outside index to list the offered officer as unavailable");
        var zones = await Task.WhenAll(Map.All.Select(z => Grains.Zone(z.Code).GetStatusAsync()));
        Assert.DoesNotContain(zones.SelectMany(z => z.Officers), o => o.OfficerId == Scenario.OfficerId("outside"));
    }

    [Fact]
    public async Task Crossing_the_city_boundary_moves_the_officer_between_its_zone_and_the_outside_index_and_going_off_duty_drops_it()
    {
        var edge = CityEdge.West(Map);
        var inside = Scenario.Offset(edge, 150, 0);
        var outside = Scenario.Offset(edge, -40, 0);
        var zoneCode = Map.FindZone(inside.Lat, inside.Lon)!.Code;
        var officer = await Scenario.OnDutyAsync("walker", "DKP", inside);
        await WhereAsync(zoneCode, inZone: true, inOutsideIndex: false);

        foreach (var (at, inZone) in new[] { (outside, false), (inside, true), (outside, false) })
        {
            Engine.Time.Advance(TimeSpan.FromSeconds(30));
            var ack = await officer.ReportPositionAsync(new PositionReport(at.Lat, at.Lon, Engine.Time.GetUtcNow(), 5));
            Assert.True(ack.Accepted, string.Join(", ", ack.Flags));
            Assert.Equal(inZone ? zoneCode : null, ack.ZoneCode);
            await WhereAsync(zoneCode, inZone, inOutsideIndex: !inZone);
        }

        Assert.True((await officer.EndShiftAsync()).Ok);
        await WhereAsync(zoneCode, inZone: false, inOutsideIndex: false);
    }

    [Fact]
    public async Task An_officer_silent_outside_the_city_is_marked_offline_dropped_from_matching_and_back_with_its_next_heartbeat()
    {
        var edge = CityEdge.West(Map);
        var point = Scenario.Offset(edge, 150, 0);
        var quietAt = Scenario.Offset(edge, -40, 0);
        var quiet = await Scenario.OnDutyAsync("quiet", "Dishub", quietAt);
        await Scenario.OnDutyAsync("inside", "Dishub", Scenario.Offset(point, 250, 0));
        var quietId = Scenario.OfficerId("quiet");

        // Two minutes in which everyone but the quiet officer keeps sending heartbeats (threshold 90 s).
        await Scenario.PassTimeAsync(Engine.Time, TimeSpan.FromSeconds(120), quietId);
        var offline = await Engine.Live.WaitForAsync<OfficerStatusChanged>(
            e => e.OfficerId == quietId && e.Duty == "Offline", "the outside index's sweep to mark the silent officer offline");
        Assert.Null(offline.ZoneCode);
        await Engine.Live.WaitForAsync<OfficerStatusChanged>(
            e => e.OfficerId == quietId && e.Duty == "Available" && !e.Online && e.At >= offline.At, "the officer grain to record itself offline");
        Assert.False((await quiet.GetAsync())!.Online);
        Assert.DoesNotContain(quietId, (await OutsideIndex.GetOfficersAsync()).Select(o => o.OfficerId));

        var (first, submitted) = await Scenario.ReportAsync("traffic-jam", point);
        await WaitForReportAsync(submitted.Report.Id, "Offered");
        Assert.Equal(Scenario.OfficerId("inside"), (await ReportAsync(first)).OfficerId);

        var ack = await quiet.ReportPositionAsync(new PositionReport(quietAt.Lat, quietAt.Lon, Engine.Time.GetUtcNow(), 5));
        Assert.Null(ack.ZoneCode);
        var (second, again) = await Scenario.ReportAsync("illegal-parking", point);
        await WaitForReportAsync(again.Report.Id, "Offered");
        Assert.Equal(quietId, (await ReportAsync(second)).OfficerId);
    }

    private static double Distance((double Lat, double Lon) a, (double Lat, double Lon) b) => Map.Metric.DistanceMetres(a.Lat, a.Lon, b.Lat, b.Lon);

    /// <summary>Waits until the zone and the outside index both list the walker, or not, as expected.</summary>
    private Task WhereAsync(string zoneCode, bool inZone, bool inOutsideIndex)
    {
        var id = Scenario.OfficerId("walker");
        return Poll.UntilAsync(
            async () =>
                (await Grains.Zone(zoneCode).GetStatusAsync()).Officers.Any(o => o.OfficerId == id) == inZone
                && (await OutsideIndex.GetOfficersAsync()).Any(o => o.OfficerId == id) == inOutsideIndex,
            OneWayWait,
            () => $"the walker to be {(inZone ? "in" : "out of")} zone {zoneCode} and {(inOutsideIndex ? "in" : "out of")} the outside index");
    }
}
