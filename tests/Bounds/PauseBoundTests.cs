using TangerangLive.Grains;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Live;
using TangerangLive.Tests.Dispatch;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Bounds;

/// <summary>A long pause lists a bounded number of waiting reports; the rest are counted and still resumed.</summary>
public sealed class PauseBoundTests(DispatchDatabase database) : DispatchTestBase(database)
{
    [Fact]
    public async Task Reports_waiting_past_the_bound_are_counted_once_and_resumed_by_their_watch()
    {
        var point = Scenario.ZoneCentre(93);
        var zoneCode = DispatchCluster.City.Map.FindZone(point.Lat, point.Lon)!.Code;
        var control = Grains.ZoneControl(zoneCode);
        await control.PauseAsync("operator-ani", "flood, the kelurahan office dispatches by hand");
        for (var i = 0; i < DispatchControlGrain.MaxListedWaiting; i++)
        {
            Assert.True(await control.HoldIfPausedAsync($"{Scenario.Tag}-w{i:D4}", alreadyQueued: false));
        }

        var (first, firstSnap) = await Scenario.ReportAsync("damaged-road", point);
        var (_, secondSnap) = await Scenario.ReportAsync("damaged-road", Scenario.Offset(point, 200, 0));
        await WaitForReportAsync(firstSnap.Report.Id, "Queued");
        await WaitForReportAsync(secondSnap.Report.Id, "Queued");

        var status = await control.GetAsync();
        Assert.Equal((DispatchControlGrain.MaxListedWaiting + 2, DispatchControlGrain.MaxListedWaiting), (status.Waiting, status.WaitingListed));

        // The watch asks again while the pause lasts (as its reminder does): still counted once.
        await first.DispatchAsync();
        status = await control.GetAsync();
        Assert.Equal((DispatchControlGrain.MaxListedWaiting + 2, DispatchControlGrain.MaxListedWaiting), (status.Waiting, status.WaitingListed));

        // On resume the listed ones are woken at once; the counted ones by their watch (every 20 s).
        await control.ResumeAsync("operator-ani", "water gone");
        Assert.Equal(0, (await control.GetAsync()).Waiting);
        foreach (var id in new[] { firstSnap.Report.Id, secondSnap.Report.Id })
        {
            await Engine.Live.WaitForAsync<ComplaintChanged>(c => c.ComplaintId == id && c.Status == "Escalated", $"{id} to be dispatched after the resume", TimeSpan.FromSeconds(60));
        }
    }
}
