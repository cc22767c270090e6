using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Officers;
using TangerangLive.Grains.Zones;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Dispatch;

/// <summary>
/// A zone's officer index is soft state. When the zone is lost while officers keep heartbeating, the
/// re-activated zone rebuilds its index from the batched position log and the next heartbeats, and the
/// next report still goes to the truly nearest available officer (checked against a brute-force scan).
/// </summary>
public sealed class ZoneLossMatchingTests(DispatchDatabase database) : DispatchTestBase(database)
{
    [Fact]
    public async Task A_zone_lost_while_officers_heartbeat_rebuilds_its_index_and_the_next_reports_go_to_the_truly_nearest_officers()
    {
        var point = Scenario.ZoneCentre(40);
        var zoneCode = DispatchCluster.City.Map.FindZone(point.Lat, point.Lon)!.Code;
        var known = new Dictionary<string, (double Lat, double Lon)>(StringComparer.Ordinal);

        async Task OnDutyAsync(string name, string agency, double east, double north)
        {
            var at = Scenario.Offset(point, east, north);
            await Scenario.OnDutyAsync(name, agency, at);
            if (agency == "Dishub")
            {
                known[Scenario.OfficerId(name)] = at;
            }
        }

        // "still" officers send nothing after the loss: the zone can only learn of them from the position log.
        await OnDutyAsync("still-near", "Dishub", 150, 0);
        await OnDutyAsync("still-mid", "Dishub", 0, -450);
        await OnDutyAsync("mover", "Dishub", 1_000, 0);
        await OnDutyAsync("walker", "Dishub", -600, 300);
        await OnDutyAsync("far", "Dishub", 2_500, 2_500);
        await OnDutyAsync("other-agency", "DKP", 20, 0);
        Assert.Equal(zoneCode, (await Grains.Officer(Scenario.OfficerId("still-near")).GetAsync())!.ZoneCode);
        await Engine.Positions().FlushAsync();

        var zone = Grains.Zone(zoneCode);
        await Engine.Cluster.DeactivateNowAsync(zone);

        // Sixty seconds of heartbeats after the loss (below the 90 s offline threshold): the mover rides
        // 900 m towards the point at 54 km/h, the walker strolls; the still officers stay silent.
        for (var step = 1; step <= 3; step++)
        {
            Engine.Time.Advance(TimeSpan.FromSeconds(20));
            var mover = Scenario.Offset(point, 1_000 - (300 * step), 0);
            var walker = Scenario.Offset(point, -600 + (20 * step), 300);
            await HeartbeatAsync("mover", mover);
            await HeartbeatAsync("walker", walker);
            await HeartbeatAsync("far", known[Scenario.OfficerId("far")]);
            known[Scenario.OfficerId("mover")] = mover;
            known[Scenario.OfficerId("walker")] = walker;
        }

        // The mover (now 100 m away) first; with the mover busy, the silent officer known only from the log.
        // Two Dishub categories, so that the second report is not linked to the first as its duplicate.
        var busy = new List<string>();
        foreach (var (expected, category) in new[] { ("mover", "traffic-jam"), ("still-near", "illegal-parking") })
        {
            var nearest = BruteForceNearest(known, point, busy);
            Assert.Equal(Scenario.OfficerId(expected), nearest);
            var (grain, submitted) = await Scenario.ReportAsync(category, point, $"after the zone loss, expecting {expected}");
            await WaitForReportAsync(submitted.Report.Id, "Offered");
            var report = await ReportAsync(grain);
            Assert.Equal(ComplaintStatus.Offered, report.Status);
            Assert.Equal(nearest, report.OfficerId);
            busy.Add(nearest);
        }

        var status = await zone.GetStatusAsync();
        Assert.Equal(
            new[] { "mover", "still-near" }.Select(Scenario.OfficerId).Order(StringComparer.Ordinal),
            status.Officers.Where(o => o.Agency == "Dishub" && !o.Available).Select(o => o.OfficerId).Order(StringComparer.Ordinal));
    }

    private async Task HeartbeatAsync(string name, (double Lat, double Lon) at)
    {
        var ack = await Grains.Officer(Scenario.OfficerId(name)).ReportPositionAsync(new PositionReport(at.Lat, at.Lon, Engine.Time.GetUtcNow(), 5));
        Assert.True(ack.Accepted, $"{name}'s heartbeat was not accepted: {string.Join(", ", ack.Flags)}");
    }

    /// <summary>Every known officer of the agency, scanned: the nearest not busy, by (distance, id).</summary>
    private static string BruteForceNearest(Dictionary<string, (double Lat, double Lon)> known, (double Lat, double Lon) point, List<string> busy) =>
        known.Where(o => !busy.Contains(o.Key))
            .OrderBy(o => DispatchCluster.City.Map.Metric.DistanceMetres(point.Lat, point.Lon, o.Value.Lat, o.Value.Lon))
            .ThenBy(o => o.Key, StringComparer.Ordinal)
            .First().Key;
}
