using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Dispatch;

public sealed class OverrideTests(DispatchDatabase database) : DispatchTestBase(database)
{
    [Fact]
    public async Task Assigning_a_busy_officer_is_refused_unless_the_operator_preempts()
    {
        var point = Scenario.ZoneCentre(12);
        await Scenario.OnDutyAsync("busy", "BPBD", Scenario.Offset(point, 50, 0));
        var (first, firstSnap) = await Scenario.ReportAsync("fire", point);
        await WaitForReportAsync(firstSnap.Report.Id, "Offered");
        await Scenario.OnDutyAsync("backup", "BPBD", Scenario.Offset(point, 3000, 0));

        var (second, secondSnap) = await Scenario.ReportAsync("flood-emergency", Scenario.Offset(point, 100, 100));
        await Engine.Live.WaitForAsync<ComplaintChanged>(c => c.ComplaintId == secondSnap.Report.Id && c.OfficerId == Scenario.OfficerId("backup"), "second report offered to backup");

        var refused = await second.AssignAsync(Operator("closest crew"), Scenario.OfficerId("busy"), preempt: false);
        Assert.False(refused.Ok);
        Assert.Equal($"Officer {Scenario.OfficerId("busy")} cannot take the report: Officer is busy with report {firstSnap.Report.Id} (Offered).", refused.Error);

        var preempted = await second.AssignAsync(Operator("flood is worse"), Scenario.OfficerId("busy"), preempt: true);
        Assert.True(preempted.Ok, preempted.Error);

        // The first report went back to dispatch and found the officer the operator freed.
        await Engine.Live.WaitForAsync<ComplaintChanged>(c => c.ComplaintId == firstSnap.Report.Id && c.OfficerId == Scenario.OfficerId("backup"), "first report offered to backup");
        var firstAfter = await ReportAsync(first);
        var preemptEntry = Assert.Single(firstAfter.Timeline, t => t.Kind == "preempted");
        Assert.Equal("operator-ani", preemptEntry.Actor);
        var secondAfter = await ReportAsync(second);
        Assert.Equal(Scenario.OfficerId("busy"), secondAfter.OfficerId);
        Assert.Contains(secondAfter.Timeline, t => t.Kind == "unassigned" && t.OfficerId == Scenario.OfficerId("backup"));
        var assigned = Assert.Single(secondAfter.Timeline, t => t.Kind == "assigned");
        Assert.Equal(("operator-ani", "flood is worse"), (assigned.Actor, assigned.Reason));
        Assert.Equal(firstSnap.Report.Id, (await Grains.Officer(Scenario.OfficerId("backup")).GetAsync())!.Assignment!.ComplaintId);
    }

    [Fact]
    public async Task Unassign_change_priority_note_and_cancel_are_recorded_with_who_and_why()
    {
        var point = Scenario.ZoneCentre(14);
        await Scenario.OnDutyAsync("a", "DKP", point);
        var (grain, snap) = await Scenario.ReportAsync("fallen-tree", point);
        await WaitForReportAsync(snap.Report.Id, "Offered");

        Assert.True((await grain.UnassignAsync(Operator("wrong crew"))).Ok);
        Assert.True((await grain.ChangePriorityAsync(Operator("blocking a school road"), 1)).Ok);
        Assert.False((await grain.ChangePriorityAsync(Operator("typo"), 9)).Ok);
        Assert.True((await grain.AddNoteAsync(Operator(""), "caller says two trees")).Ok);
        Assert.True((await grain.CancelAsync(Operator("cleared by residents"))).Ok);
        var again = await grain.CancelAsync(Operator("twice"));
        Assert.Equal("The report is already Cancelled.", again.Error);

        var report = await ReportAsync(grain);
        Assert.Equal(ComplaintStatus.Cancelled, report.Status);
        Assert.Equal(1, report.Report.Priority);
        Assert.Equal(["received", "offered", "unassigned", "priority-changed", "note", "cancelled"], report.Timeline.Select(t => t.Kind));
        Assert.All(report.Timeline.Skip(2), t => Assert.Equal("operator-ani", t.Actor));
        Assert.Equal("2 -> 1", report.Timeline[3].Detail);
        Assert.Equal(OfficerDuty.Available, (await Grains.Officer(Scenario.OfficerId("a")).GetAsync())!.Duty);
    }

    [Fact]
    public async Task Changing_category_to_another_agency_releases_the_officer_and_redispatches()
    {
        var point = Scenario.ZoneCentre(16);
        await Scenario.OnDutyAsync("dishub", "Dishub", point);
        await Scenario.OnDutyAsync("pu", "DBMSDA", Scenario.Offset(point, 400, 0));
        var (grain, snap) = await Scenario.ReportAsync("traffic-jam", point);
        await WaitForReportAsync(snap.Report.Id, "Offered");

        Assert.True((await grain.ChangeCategoryAsync(Operator("it is a flood, not a jam"), "flood")).Ok);
        await Engine.Live.WaitForAsync<ComplaintChanged>(c => c.ComplaintId == snap.Report.Id && c.OfficerId == Scenario.OfficerId("pu"), "offer to the DBMSDA officer");

        var report = await ReportAsync(grain);
        Assert.Equal(("flood", "DBMSDA", 1), (report.Report.Category, report.Report.Agency, report.Report.Priority));
        Assert.Equal(OfficerDuty.Available, (await Grains.Officer(Scenario.OfficerId("dishub")).GetAsync())!.Duty);
    }

    [Fact]
    public async Task Marking_a_duplicate_links_both_reports()
    {
        var point = Scenario.ZoneCentre(18);
        await Scenario.OnDutyAsync("a", "Dishub", point);
        await Scenario.OnDutyAsync("b", "Dishub", Scenario.Offset(point, 600, 0));
        var (original, originalSnap) = await Scenario.ReportAsync("traffic-jam", point);
        await WaitForReportAsync(originalSnap.Report.Id, "Offered");
        var (later, laterSnap) = await Scenario.ReportAsync("illegal-parking", Scenario.Offset(point, 500, 0));
        await WaitForReportAsync(laterSnap.Report.Id, "Offered");

        Assert.True((await later.MarkDuplicateAsync(Operator("same car, same jam"), originalSnap.Report.Id)).Ok);
        await Engine.Live.WaitForAsync<ComplaintChanged>(c => c.ComplaintId == originalSnap.Report.Id && c.Event == "duplicate-linked", "link on the original");

        Assert.Equal(originalSnap.Report.Id, (await ReportAsync(later)).DuplicateOf);
        Assert.Equal([laterSnap.Report.Id], (await ReportAsync(original)).Duplicates);
    }

    [Fact]
    public async Task Pausing_a_category_queues_its_reports_until_resumed()
    {
        var point = Scenario.ZoneCentre(22);
        await Scenario.OnDutyAsync("a", "SatpolPP", point);
        var control = Grains.CategoryControl("street-vendor");
        await control.PauseAsync("operator-ani", "market day, handled by the market office");

        var (grain, snap) = await Scenario.ReportAsync("street-vendor", point);
        await WaitForReportAsync(snap.Report.Id, "Queued");
        Assert.Equal(1, (await control.GetAsync()).Waiting);

        await control.ResumeAsync("operator-ani", "market closed");
        await WaitForReportAsync(snap.Report.Id, "Offered");
        Assert.Contains(await ReportAsync(grain) is { } r ? r.Timeline : [], t => t.Kind == "dispatch-paused");
    }

    [Fact]
    public async Task A_report_held_by_a_pause_goes_to_whoever_is_nearest_when_dispatch_resumes()
    {
        // Matching starts while a report is being written; that early round must not outlive the submission's dispatch.
        var point = Scenario.ZoneCentre(30);
        var near = await Scenario.OnDutyAsync("near", "BPBD", Scenario.Offset(point, 100, 0));
        await Scenario.OnDutyAsync("steady", "BPBD", Scenario.Offset(point, 0, 400));
        var control = Grains.CategoryControl("fire");
        await control.PauseAsync("operator-ani", "manual dispatch drill");
        var (grain, snap) = await Scenario.ReportAsync("fire", point);
        await WaitForReportAsync(snap.Report.Id, "Queued");

        // While the report waits, the officer nearest at its arrival walks 600 m further off, still available.
        Engine.Time.Advance(TimeSpan.FromSeconds(60));
        var away = Scenario.Offset(point, 700, 0);
        await near.ReportPositionAsync(new PositionReport(away.Lat, away.Lon, Engine.Time.GetUtcNow()));
        await Poll.UntilAsync(
            async () => await grain.RecommendAsync(1) is [{ } top] && top.OfficerId == Scenario.OfficerId("steady"),
            TimeSpan.FromSeconds(10), () => "the zone index to see the walk");

        await control.ResumeAsync("operator-ani", "drill over");
        await WaitForReportAsync(snap.Report.Id, "Offered");
        Assert.Equal(Scenario.OfficerId("steady"), (await ReportAsync(grain)).OfficerId);
    }

    [Fact]
    public async Task Pausing_a_zone_queues_reports_in_that_zone_only()
    {
        var point = Scenario.ZoneCentre(24);
        var zone = DispatchCluster.City.Map.FindZone(point.Lat, point.Lon)!.Code;
        await Scenario.OnDutyAsync("a", "DKP", point);
        await Grains.ZoneControl(zone).PauseAsync("operator-ani", "flooded area, crews redirected");

        var (_, inZone) = await Scenario.ReportAsync("garbage", point);
        await WaitForReportAsync(inZone.Report.Id, "Queued");

        await Grains.ZoneControl(zone).ResumeAsync("operator-ani", null);
        await WaitForReportAsync(inZone.Report.Id, "Offered");
    }

    [Fact]
    public async Task Recommendations_list_the_k_nearest_with_distances()
    {
        var point = Scenario.ZoneCentre(26);
        await Scenario.OnDutyAsync("r1", "BPBD", Scenario.Offset(point, 100, 0));
        await Scenario.OnDutyAsync("r2", "BPBD", Scenario.Offset(point, 0, 250));
        await Scenario.OnDutyAsync("r3", "BPBD", Scenario.Offset(point, -700, 0));
        await Grains.CategoryControl("fire").PauseAsync("operator-ani", "manual dispatch drill");
        var (grain, snap) = await Scenario.ReportAsync("fire", point);
        await WaitForReportAsync(snap.Report.Id, "Queued");

        var top = await grain.RecommendAsync(2);

        Assert.Equal([Scenario.OfficerId("r1"), Scenario.OfficerId("r2")], top.Select(r => r.OfficerId));
        Assert.Equal(100.0, top[0].DistanceMetres, 0.5);
        Assert.Equal(250.0, top[1].DistanceMetres, 0.5);
    }

    [Fact]
    public async Task Redispatch_sends_an_escalated_report_back_to_automatic_dispatch()
    {
        var point = Scenario.ZoneCentre(28);
        var (grain, snap) = await Scenario.ReportAsync("garbage", point);
        await WaitForReportAsync(snap.Report.Id, "Escalated");
        await Scenario.OnDutyAsync("late", "DKP", Scenario.Offset(point, 300, 0));

        var result = await grain.RedispatchAsync(Operator("crew came on shift"));

        Assert.True(result.Ok, result.Error);
        Assert.Equal(ComplaintStatus.Offered, result.Complaint!.Status);
        Assert.Equal(Scenario.OfficerId("late"), result.Complaint.OfficerId);
    }
}
