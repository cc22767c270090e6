using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Dispatch;

/// <summary>
/// An officer and the report it holds come back into agreement when one of their two writes was lost (a silo
/// died between them): the officer lets go of a report that does not name it, and a report at work restores
/// the hold its officer lost.
/// </summary>
public sealed class ReconciliationTests(DispatchDatabase database) : DispatchTestBase(database)
{
    [Fact]
    public async Task An_officer_holding_an_offer_the_report_never_saved_is_freed_at_the_next_check()
    {
        var point = Scenario.ZoneCentre(12);
        var officer = await Scenario.OnDutyAsync("a", "DKP", point);
        var phantom = ComplaintKey.NewId();

        // The officer's write of the offer landed; the report's did not (it does not exist at all).
        var taken = await officer.TryOfferAsync(new AssignmentOffer(phantom, "DKP", "garbage", point.Lat, point.Lon, Engine.Time.GetUtcNow().AddSeconds(60)));
        Assert.True(taken.Accepted);
        Assert.Equal(OfficerDuty.Offered, (await officer.GetAsync())!.Duty);

        var freed = Engine.Live.WaitForAsync<AssignmentPushed>(p => p.OfficerId == Scenario.OfficerId("a") && p.ComplaintId == phantom && p.Kind == "withdrawn", "the phantom offer to be withdrawn");
        Engine.Time.Advance(new DispatchTimingOptions().ReconcilePeriod);
        var withdrawn = await freed;
        Assert.StartsWith("reconciled: the report does not exist", withdrawn.Reason);

        var after = (await officer.GetAsync())!;
        Assert.Equal((OfficerDuty.Available, (OfficerAssignment?)null), (after.Duty, after.Assignment));

        // Free again, so the next real report reaches it.
        var (_, report) = await Scenario.ReportAsync("garbage", Scenario.Offset(point, 50, 0));
        await WaitForReportAsync(report.Report.Id, "Offered");
        Assert.Equal(report.Report.Id, (await officer.GetAsync())!.Assignment!.ComplaintId);
    }

    [Fact]
    public async Task A_report_on_scene_whose_officer_lost_the_hold_gives_it_back_to_that_officer_on_its_watch()
    {
        var point = Scenario.ZoneCentre(14);
        var officer = await Scenario.OnDutyAsync("b", "DKP", point);
        var (grain, submitted) = await Scenario.ReportAsync("garbage", Scenario.Offset(point, 30, 0));
        await WaitForReportAsync(submitted.Report.Id, "Offered");
        var id = Scenario.OfficerId("b");
        Assert.True((await grain.AcknowledgeAsync(id)).Ok);
        Assert.True((await grain.OnSceneAsync(id)).Ok);

        // The officer's release was written; the report's resolution was not.
        Assert.True(await officer.ReleaseAsync(submitted.Report.Id, "lost write"));
        Assert.Null((await officer.GetAsync())!.Assignment);

        // The report's watch reminder runs on real time, every 20 s; business time moves on a second so the
        // restored hold is told apart from the first one.
        var released = Engine.Time.GetUtcNow();
        Engine.Time.Advance(TimeSpan.FromSeconds(1));
        await Engine.Live.WaitForAsync<OfficerStatusChanged>(
            s => s.OfficerId == id && s.ComplaintId == submitted.Report.Id && s.Duty == nameof(OfficerDuty.OnScene) && s.At > released,
            "the officer to hold the report again", TimeSpan.FromSeconds(60));
        var after = (await officer.GetAsync())!;
        Assert.Equal((OfficerDuty.OnScene, submitted.Report.Id), (after.Duty, after.Assignment!.ComplaintId));
        Assert.True((await grain.ResolveAsync(id, "photos/proof.jpg", "done")).Ok);
        Assert.Null((await officer.GetAsync())!.Assignment);
    }
}
