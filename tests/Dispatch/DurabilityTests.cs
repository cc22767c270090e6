using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Dispatch;

public sealed class DurabilityTests(DispatchDatabase database) : DispatchTestBase(database)
{
    [Fact]
    public async Task Report_deactivated_with_an_open_offer_resumes_from_storage_when_the_deadline_passes()
    {
        var point = Scenario.ZoneCentre(90);
        await Scenario.OnDutyAsync("first", "SatpolPP", Scenario.Offset(point, 100, 0));
        await Scenario.OnDutyAsync("second", "SatpolPP", Scenario.Offset(point, 400, 0));
        var (grain, snap) = await Scenario.ReportAsync("security", point);
        await WaitForReportAsync(snap.Report.Id, "Offered");

        await Engine.Cluster.DeactivateNowAsync(grain);
        await Scenario.PassTimeAsync(Engine.Time, TimeSpan.FromSeconds(70));

        // Re-activation reads the open offer from PostgreSQL, finds its deadline passed and moves on.
        var reloaded = await grain.GetAsync();
        Assert.Equal(snap.Report.Id, reloaded!.Report.Id);
        await Engine.Live.WaitForAsync<ComplaintChanged>(c => c.ComplaintId == snap.Report.Id && c.OfficerId == Scenario.OfficerId("second"), "offer to the second officer after re-activation");
        var report = (await grain.GetAsync())!;
        Assert.Equal(["received", "offered", "offer-expired", "offered"], report.Timeline.Select(t => t.Kind));
        Assert.Equal(ComplaintStatus.Offered, report.Status);
    }

    [Fact]
    public async Task Officer_and_zone_state_survive_deactivation()
    {
        var point = Scenario.ZoneCentre(92);
        var officer = await Scenario.OnDutyAsync("a", "BPBD", point);
        var (grain, snap) = await Scenario.ReportAsync("fire", point);
        await WaitForReportAsync(snap.Report.Id, "Offered");
        Assert.True((await grain.AcknowledgeAsync(Scenario.OfficerId("a"))).Ok);

        await Engine.Cluster.DeactivateNowAsync(officer);
        var after = (await officer.GetAsync())!;

        Assert.Equal(OfficerDuty.Acknowledged, after.Duty);
        Assert.Equal(snap.Report.Id, after.Assignment!.ComplaintId);
        Assert.True(after.Online);
    }
}
