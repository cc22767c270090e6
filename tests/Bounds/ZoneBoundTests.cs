using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using TangerangLive.Grains;
using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Dispatch;
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

    [Fact]
    public async Task The_open_index_is_written_behind_to_PostgreSQL_while_the_zone_stays_active()
    {
        var zoneCode = DispatchCluster.City.Map.All[90].Code;
        var zone = Grains.Zone(zoneCode);
        var centre = Scenario.ZoneCentre(90);
        var start = Engine.Time.GetUtcNow();

        // Fifty reports 220 m apart (outside each other's radius) registered at once: each is answered before its
        // write, and the writes in between are coalesced; what lands is all fifty, with no deactivation to flush them.
        var reports = Enumerable.Range(0, 50)
            .Select(i => new OpenComplaint($"{Scenario.Tag}-w{i:D2}", "garbage", centre.Lat + (i * 0.002), centre.Lon, start.AddSeconds(i)))
            .ToList();
        var answers = await Task.WhenAll(reports.Select(r => zone.RegisterOpenComplaintAsync(r, Radius, r.SubmittedAt)));
        Assert.All(answers, Assert.Null);
        Assert.Equal(50, (await zone.GetCountersAsync()).OpenComplaints);
        await Poll.UntilAsync(
            async () => (await StoredAsync(zone)).Open.Keys.Order(StringComparer.Ordinal).SequenceEqual(reports.Select(r => r.ComplaintId)),
            TimeSpan.FromSeconds(10), () => "the fifty reports to land in the zone's stored state");

        // Closing is written behind the same way.
        foreach (var report in reports.Take(20))
        {
            await zone.CloseComplaintAsync(report.ComplaintId, report.SubmittedAt);
        }

        await Poll.UntilAsync(async () => (await StoredAsync(zone)).Open.Count == 30, TimeSpan.FromSeconds(10), () => "the twenty closes to land");
        Assert.DoesNotContain(reports[0].ComplaintId, (await StoredAsync(zone)).Open.Keys);

        // A new activation starts from what was written.
        await Engine.Cluster.DeactivateNowAsync(zone);
        Assert.Equal(30, (await zone.GetCountersAsync()).OpenComplaints);
        Assert.Equal(reports[20].ComplaintId, await zone.FindDuplicateAsync("garbage", reports[20].Lat, reports[20].Lon, Radius, start, "another-report"));
    }

    [Fact]
    public async Task Changes_made_within_the_write_window_reach_PostgreSQL_in_one_write()
    {
        // Reports arriving one by one, slower than a write takes but inside one window (1 s by default), go to storage
        // together: without the window each would be written on its own (four writes after the first).
        Assert.Equal(TimeSpan.FromSeconds(1), Engine.Cluster.Silos[0].ServiceProvider.GetRequiredService<IOptions<DispatchTimingOptions>>().Value.ZoneIndexWriteWindow);
        var zone = Grains.Zone(DispatchCluster.City.Map.All[91].Code);
        var centre = Scenario.ZoneCentre(91);
        var start = Engine.Time.GetUtcNow();
        var reports = Enumerable.Range(0, 5)
            .Select(i => new OpenComplaint($"{Scenario.Tag}-g{i}", "garbage", centre.Lat + (i * 0.002), centre.Lon, start.AddSeconds(i)))
            .ToList();
        Assert.Null(await zone.RegisterOpenComplaintAsync(reports[0], Radius, reports[0].SubmittedAt));
        await Poll.UntilAsync(async () => (await StoredStateAsync(zone)).State?.Open.Count == 1, TimeSpan.FromSeconds(10), () => "the first report to land");
        var firstVersion = int.Parse((await StoredStateAsync(zone)).ETag!, CultureInfo.InvariantCulture);

        foreach (var report in reports.Skip(1))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(60));
            Assert.Null(await zone.RegisterOpenComplaintAsync(report, Radius, report.SubmittedAt));
        }

        await Poll.UntilAsync(async () => (await StoredStateAsync(zone)).State?.Open.Count == 5, TimeSpan.FromSeconds(10), () => "the other four to land");
        var writes = int.Parse((await StoredStateAsync(zone)).ETag!, CultureInfo.InvariantCulture) - firstVersion;
        // One write, or two should the machine stall past the window between two registrations.
        Assert.InRange(writes, 1, 2);

        // A change inside a window is written before a deactivation lets the activation go.
        await zone.CloseComplaintAsync(reports[0].ComplaintId, reports[0].SubmittedAt);
        await Engine.Cluster.DeactivateNowAsync(zone);
        Assert.Equal(4, (await StoredStateAsync(zone)).State!.Open.Count);
    }

    /// <summary>The zone's state as PostgreSQL holds it now, read past the grain.</summary>
    private async Task<ZoneState> StoredAsync(IZoneGrain zone) => (await StoredStateAsync(zone)).State ?? new ZoneState();

    /// <summary>The zone's state and its version (the ETag) as PostgreSQL holds them now, read past the grain.</summary>
    private async Task<GrainState<ZoneState>> StoredStateAsync(IZoneGrain zone)
    {
        var storage = Engine.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
        var stored = new GrainState<ZoneState>(new ZoneState());
        await storage.ReadStateAsync("zone", zone.GetGrainId(), stored);
        return stored;
    }

    /// <summary>The oldest indexed report at the same point submitted no earlier than this one.</summary>
    private static Task<string?> FindAsync(IZoneGrain zone, OpenComplaint report) =>
        zone.FindDuplicateAsync(report.Category, report.Lat, report.Lon, Radius, report.SubmittedAt, "another-report");
}
