using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Officers;
using TangerangLive.Grains.Zones;
using TangerangLive.Tests.Dispatch;
using TangerangLive.Tests.Infrastructure;
using TangerangLive.Tests.Matching;

namespace TangerangLive.Tests.Reliability;

/// <summary>
/// The index of officers outside every zone is soft state, like a zone's. When it is lost while officers keep
/// heartbeating, the re-activated index rebuilds from the batched position log and the next heartbeats, and the
/// next reports still go to the truly nearest available officers (checked against a brute-force scan), even one
/// standing outside the city that has sent nothing since the loss. A lost index comes back by its reminder,
/// so an officer outside the city that falls silent is still marked offline.
/// </summary>
public sealed class OutsideIndexLossTests(DispatchDatabase database) : DispatchTestBase(database)
{
    [Fact]
    public async Task An_outside_index_lost_while_officers_heartbeat_rebuilds_and_the_next_reports_go_to_the_nearest_officers_outside_the_city()
    {
        var map = DispatchCluster.City.Map;
        var edge = CityEdge.West(map);
        var point = Scenario.Offset(edge, 150, 0);
        var known = new Dictionary<string, (double Lat, double Lon)>(StringComparer.Ordinal);

        async Task OnDutyAsync(string name, string agency, (double Lat, double Lon) at)
        {
            await Scenario.OnDutyAsync(name, agency, at);
            if (agency == "Dishub")
            {
                known[Scenario.OfficerId(name)] = at;
            }
        }

        // Outside the city: the beating officer keeps sending heartbeats, the still one sends nothing after the loss.
        await OnDutyAsync("beating-outside", "Dishub", Scenario.Offset(edge, -40, 0));
        await OnDutyAsync("still-outside", "Dishub", Scenario.Offset(edge, -100, 30));
        await OnDutyAsync("inside", "Dishub", Scenario.Offset(point, 300, 0));
        await OnDutyAsync("inside-far", "Dishub", Scenario.Offset(point, 700, 0));
        await OnDutyAsync("outside-dkp", "DKP", Scenario.Offset(edge, -10, 0));
        Assert.All(["beating-outside", "still-outside"], name => Assert.Null(map.FindZone(known[Scenario.OfficerId(name)].Lat, known[Scenario.OfficerId(name)].Lon)));
        await Engine.Positions().FlushAsync();

        var index = Grains.OutsideOfficers(DispatchCluster.City.Definition.Id);
        var outside = new[] { "beating-outside", "outside-dkp", "still-outside" }.Select(Scenario.OfficerId).Order(StringComparer.Ordinal).ToList();
        await Poll.UntilAsync(
            async () => (await index.GetOfficersAsync()).Select(o => o.OfficerId).SequenceEqual(outside),
            TimeSpan.FromSeconds(20),
            () => "the outside index to list the three officers outside the city");
        await Engine.Cluster.DeactivateNowAsync(index);

        // Sixty seconds of heartbeats after the loss (below the 90 s offline threshold), from all but the still officer.
        for (var step = 1; step <= 3; step++)
        {
            Engine.Time.Advance(TimeSpan.FromSeconds(20));
            foreach (var name in new[] { "beating-outside", "inside", "inside-far" })
            {
                var at = known[Scenario.OfficerId(name)];
                var ack = await Grains.Officer(Scenario.OfficerId(name)).ReportPositionAsync(new PositionReport(at.Lat, at.Lon, Engine.Time.GetUtcNow(), 5));
                Assert.True(ack.Accepted, $"{name}'s heartbeat was not accepted: {string.Join(", ", ack.Flags)}");
            }
        }

        // The beating officer first; with it busy, the still officer known only from the position log.
        // Two Dishub categories, so that the second report is not linked to the first as its duplicate.
        var busy = new List<string>();
        foreach (var (expected, category) in new[] { ("beating-outside", "traffic-jam"), ("still-outside", "illegal-parking") })
        {
            var nearest = BruteForceNearest(known, point, busy);
            Assert.Equal(Scenario.OfficerId(expected), nearest);
            var (grain, submitted) = await Scenario.ReportAsync(category, point, $"after the outside index was lost, expecting {expected}");
            await WaitForReportAsync(submitted.Report.Id, "Offered");
            var report = (await grain.GetAsync())!;
            Assert.Equal(ComplaintStatus.Offered, report.Status);
            Assert.Equal(nearest, report.OfficerId);
            busy.Add(nearest);
        }
    }

    [Fact]
    public async Task A_lost_outside_index_is_brought_back_by_its_reminder_and_marks_its_silent_officer_offline()
    {
        var edge = CityEdge.West(DispatchCluster.City.Map);
        var officer = await Scenario.OnDutyAsync("alone", "BPBD", Scenario.Offset(edge, -40, 0));
        var id = Scenario.OfficerId("alone");
        var index = Grains.OutsideOfficers(DispatchCluster.City.Definition.Id);
        await Poll.UntilAsync(
            async () => (await index.GetOfficersAsync()).Any(o => o.OfficerId == id),
            TimeSpan.FromSeconds(20),
            () => "the outside index to list the officer");
        await Engine.Positions().FlushAsync();

        // The index and the officer disappear (as with a dead silo); no message will reach either again.
        await Engine.Cluster.DeactivateNowAsync(index);
        await Engine.Cluster.DeactivateNowAsync(officer);
        Engine.Time.Advance(TimeSpan.FromSeconds(120));

        // Only the index's durable reminder (period 1 min, real time) can bring it back.
        var offline = await Engine.Live.WaitForAsync<OfficerStatusChanged>(
            e => e.OfficerId == id && e.Duty == "Offline", "the re-activated outside index to mark the silent officer offline", TimeSpan.FromSeconds(150));
        Assert.Null(offline.ZoneCode);
        await Engine.Live.WaitForAsync<OfficerStatusChanged>(
            e => e.OfficerId == id && e.Duty == "Available" && !e.Online && e.At >= offline.At, "the officer grain to record itself offline");
        Assert.False((await officer.GetAsync())!.Online);
        Assert.Empty(await index.GetOfficersAsync());
    }

    /// <summary>Every known officer of the agency, scanned: the nearest not busy, by (distance, id).</summary>
    private static string BruteForceNearest(Dictionary<string, (double Lat, double Lon)> known, (double Lat, double Lon) point, List<string> busy) =>
        known.Where(o => !busy.Contains(o.Key))
            .OrderBy(o => DispatchCluster.City.Map.Metric.DistanceMetres(point.Lat, point.Lon, o.Value.Lat, o.Value.Lon))
            .ThenBy(o => o.Key, StringComparer.Ordinal)
            .First().Key;
}
