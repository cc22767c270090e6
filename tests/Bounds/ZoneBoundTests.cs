using TangerangLive.Grains;
using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Zones;
using TangerangLive.Tests.Dispatch;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Bounds;

/// <summary>A zone's open reports: a bounded duplicate index, an exact open count, stale entries found again.</summary>
public sealed class ZoneBoundTests(DispatchDatabase database) : DispatchTestBase(database)
{
    private const double Radius = 100;

    [Fact]
    public async Task Past_the_bound_the_oldest_open_report_leaves_the_index_but_stays_counted_until_it_closes()
    {
        var total = ZoneBounds.MaxOpenReports + 1;
        var zoneCode = DispatchCluster.City.Map.All[94].Code;
        var zone = Grains.Zone(zoneCode);
        var point = Scenario.ZoneCentre(94);
        var start = Engine.Time.GetUtcNow();
        var reports = Enumerable.Range(0, total)
            .Select(i => new OpenComplaint($"{Scenario.Tag}-r{i:D4}", "garbage", point.Lat, point.Lon, start.AddSeconds(i)))
            .ToList();
        foreach (var report in reports)
        {
            // "since" is the report's own time, so no earlier report is its duplicate and every one is indexed.
            Assert.Null(await zone.RegisterOpenComplaintAsync(report, Radius, report.SubmittedAt));
        }

        // The oldest indexed report is the second one: exactly one was spilled.
        Assert.Equal(total, (await zone.GetCountersAsync()).OpenComplaints);
        Assert.Equal(reports[1].ComplaintId, await FindAsync(zone, reports[0]));
        Assert.Equal(reports[^1].ComplaintId, await FindAsync(zone, reports[^1]));

        // The index survives a re-activation with its bound and its count.
        await Engine.Cluster.DeactivateNowAsync(zone);
        Assert.Equal(total, (await zone.GetCountersAsync()).OpenComplaints);
        Assert.Equal(reports[1].ComplaintId, await FindAsync(zone, reports[0]));

        await zone.CloseComplaintAsync(reports[0].ComplaintId, reports[0].SubmittedAt);
        Assert.Equal(total - 1, (await zone.GetCountersAsync()).OpenComplaints);
        await zone.CloseComplaintAsync(reports[1].ComplaintId, reports[1].SubmittedAt);
        Assert.Equal(total - 2, (await zone.GetCountersAsync()).OpenComplaints);
        Assert.Equal(reports[2].ComplaintId, await FindAsync(zone, reports[0]));

        foreach (var report in reports.Skip(2))
        {
            await zone.CloseComplaintAsync(report.ComplaintId, report.SubmittedAt);
        }

        Assert.Equal(0, (await zone.GetCountersAsync()).OpenComplaints);
    }

    [Fact]
    public async Task A_closed_report_the_zone_still_lists_is_dropped_by_the_rescan()
    {
        var point = Scenario.ZoneCentre(96);
        var (grain, report) = await Scenario.ReportAsync("damaged-road", point);
        await WaitForReportAsync(report.Report.Id, "Escalated");
        var zone = Grains.Zone(report.Report.ZoneCode);
        Assert.Equal(1, (await zone.GetCountersAsync()).OpenComplaints);
        Assert.True((await grain.CancelAsync(Operator("reported twice"))).Ok);
        Assert.Equal(0, (await zone.GetCountersAsync()).OpenComplaints);

        // The close the zone heard is lost again (as when a silo dies between the report's write and the zone's):
        // the zone lists a cancelled report.
        var r = report.Report;
        await zone.AddOpenComplaintAsync(new OpenComplaint(r.Id, r.Category, r.Lat, r.Lon, r.SubmittedAt));
        Assert.Equal(1, (await zone.GetCountersAsync()).OpenComplaints);

        // Past the duplicate window the sweep's rescan asks the report, which tells the zone it is closed.
        Engine.Time.Advance(TimeSpan.FromMinutes(DispatchCluster.City.Definition.Duplicates.WindowMinutes) + ZoneBounds.RescanPeriod);
        Engine.Time.Advance(ZoneGrain.SweepPeriod);
        await Poll.UntilAsync(async () => (await zone.GetCountersAsync()).OpenComplaints == 0, TimeSpan.FromSeconds(20), () => "the rescan to drop the cancelled report");
        Assert.Equal(ComplaintStatus.Cancelled, (await grain.GetAsync())!.Status);
    }

    /// <summary>The oldest indexed report at the same point submitted no earlier than this one.</summary>
    private static Task<string?> FindAsync(IZoneGrain zone, OpenComplaint report) =>
        zone.FindDuplicateAsync(report.Category, report.Lat, report.Lon, Radius, report.SubmittedAt, "another-report");
}
