using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Dispatch;

public sealed class AssignmentFlowTests(DispatchDatabase database) : DispatchTestBase(database)
{
    [Fact]
    public async Task Report_is_offered_to_the_nearest_available_officer_of_the_right_agency()
    {
        var point = Scenario.ZoneCentre(10);
        await Scenario.OnDutyAsync("far", "Dishub", Scenario.Offset(point, 900, 0));
        await Scenario.OnDutyAsync("near", "Dishub", Scenario.Offset(point, 0, 300));
        await Scenario.OnDutyAsync("nearest-wrong-agency", "DKP", Scenario.Offset(point, 50, 0));

        var (grain, submitted) = await Scenario.ReportAsync("traffic-jam", point);
        await WaitForReportAsync(submitted.Report.Id, "Offered");

        var report = await ReportAsync(grain);
        Assert.Equal(ComplaintStatus.Offered, report.Status);
        Assert.Equal(Scenario.OfficerId("near"), report.OfficerId);
        Assert.InRange(report.Offer!.DistanceMetres!.Value, 299.0, 301.0);
        Assert.Equal(DispatchCluster.Start.AddSeconds(60), report.Offer.Deadline);
        var officer = await Grains.Officer(Scenario.OfficerId("near")).GetAsync();
        Assert.Equal(OfficerDuty.Offered, officer!.Duty);
        Assert.Equal(submitted.Report.Id, officer.Assignment!.ComplaintId);
    }

    [Fact]
    public async Task Officer_works_the_report_from_acknowledgement_to_resolution()
    {
        var point = Scenario.ZoneCentre(20);
        var officer = await Scenario.OnDutyAsync("a", "DKP", Scenario.Offset(point, 100, 100));
        var (grain, submitted) = await Scenario.ReportAsync("garbage", point);
        await WaitForReportAsync(submitted.Report.Id, "Offered");
        var id = Scenario.OfficerId("a");

        Assert.True((await grain.AcknowledgeAsync(id)).Ok);
        Assert.True((await grain.EnRouteAsync(id)).Ok);
        Assert.True((await grain.OnSceneAsync(id)).Ok);
        var noPhoto = await grain.ResolveAsync(id, "", null);
        Assert.False(noPhoto.Ok);
        Assert.Equal("A proof photo is required to resolve a report.", noPhoto.Error);
        Assert.True((await grain.ResolveAsync(id, "photos/proof-1.jpg", "cleared")).Ok);

        var report = await ReportAsync(grain);
        Assert.Equal(ComplaintStatus.Resolved, report.Status);
        Assert.Equal(["received", "offered", "acknowledged", "en-route", "on-scene", "resolved"], report.Timeline.Select(t => t.Kind));
        var after = await officer.GetAsync();
        Assert.Equal(OfficerDuty.Available, after!.Duty);
        Assert.Null(after.Assignment);
    }

    [Fact]
    public async Task Invalid_transitions_are_refused_with_a_reason()
    {
        var point = Scenario.ZoneCentre(30);
        var officer = await Scenario.OnDutyAsync("a", "SatpolPP", point);
        await Scenario.OnDutyAsync("b", "SatpolPP", Scenario.Offset(point, 2000, 0));
        var (grain, submitted) = await Scenario.ReportAsync("security", point);
        await WaitForReportAsync(submitted.Report.Id, "Offered");

        var onSceneBeforeAck = await grain.OnSceneAsync(Scenario.OfficerId("a"));
        Assert.False(onSceneBeforeAck.Ok);
        Assert.Equal("Not allowed while the report is Offered; allowed from Acknowledged, EnRoute.", onSceneBeforeAck.Error);

        var otherOfficer = await grain.AcknowledgeAsync(Scenario.OfficerId("b"));
        Assert.Equal($"Report {submitted.Report.Id} is not assigned to officer {Scenario.OfficerId("b")}.", otherOfficer.Error);

        var endShiftWhileHolding = await officer.EndShiftAsync();
        Assert.False(endShiftWhileHolding.Ok);
        Assert.StartsWith($"Holding report {submitted.Report.Id}", endShiftWhileHolding.Error, StringComparison.Ordinal);

        var startTwice = await officer.StartShiftAsync();
        Assert.Equal("Already on duty (Offered).", startTwice.Error);
    }

    [Fact]
    public async Task Missed_deadline_moves_to_the_next_nearest_and_refusal_too()
    {
        var point = Scenario.ZoneCentre(40);
        await Scenario.OnDutyAsync("first", "Dishub", Scenario.Offset(point, 100, 0));
        await Scenario.OnDutyAsync("second", "Dishub", Scenario.Offset(point, 200, 0));
        await Scenario.OnDutyAsync("third", "Dishub", Scenario.Offset(point, 300, 0));
        var (grain, submitted) = await Scenario.ReportAsync("traffic-jam", point);
        var id = submitted.Report.Id;
        await WaitForReportAsync(id, "Offered");

        Engine.Time.Advance(TimeSpan.FromSeconds(61));
        await Engine.Live.WaitForAsync<Grains.Live.ComplaintChanged>(c => c.ComplaintId == id && c.OfficerId == Scenario.OfficerId("second"), "offer to the second officer");

        Assert.True((await grain.RefuseAsync(Scenario.OfficerId("second"), "motorbike broke down")).Ok);
        await Engine.Live.WaitForAsync<Grains.Live.ComplaintChanged>(c => c.ComplaintId == id && c.OfficerId == Scenario.OfficerId("third"), "offer to the third officer");

        var report = await ReportAsync(grain);
        Assert.Equal(["received", "offered", "offer-expired", "offered", "refused", "offered"], report.Timeline.Select(t => t.Kind));
        Assert.Equal("motorbike broke down", report.Timeline[4].Reason);
        Assert.Equal(3, report.Attempts);
        Assert.Equal(OfficerDuty.Available, (await Grains.Officer(Scenario.OfficerId("first")).GetAsync())!.Duty);
        Assert.Equal(OfficerDuty.Available, (await Grains.Officer(Scenario.OfficerId("second")).GetAsync())!.Duty);
    }

    [Fact]
    public async Task Report_is_escalated_after_the_maximum_attempts()
    {
        var point = Scenario.ZoneCentre(50);
        for (var i = 0; i < 4; i++)
        {
            await Scenario.OnDutyAsync($"o{i}", "Dishub", Scenario.Offset(point, 100 * (i + 1), 0));
        }

        // street-light: 3 attempts, 120 s to acknowledge.
        var (grain, submitted) = await Scenario.ReportAsync("street-light", point);
        var id = submitted.Report.Id;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var officer = Scenario.OfficerId($"o{attempt}");
            await Engine.Live.WaitForAsync<Grains.Live.ComplaintChanged>(c => c.ComplaintId == id && c.OfficerId == officer && c.Status == "Offered", $"offer {attempt + 1}");
            await Scenario.PassTimeAsync(Engine.Time, TimeSpan.FromSeconds(121));
        }

        await WaitForReportAsync(id, "Escalated");
        var report = await ReportAsync(grain);
        Assert.Equal("no acknowledgement after 3 offers", report.Timeline[^1].Reason);
        Assert.Contains(Engine.Live.Events.OfType<Grains.Live.OperatorAlert>(), a => a.ComplaintId == id && a.Kind == "escalated");
    }

    [Fact]
    public async Task Report_with_nobody_within_the_maximum_radius_is_escalated()
    {
        var point = Scenario.ZoneCentre(60);
        await Scenario.OnDutyAsync("too-far", "Dishub", Scenario.Offset(point, 0, 5200));
        var (grain, submitted) = await Scenario.ReportAsync("traffic-jam", point);

        await WaitForReportAsync(submitted.Report.Id, "Escalated");
        Assert.Equal("no available Dishub officer within 5000 m", (await ReportAsync(grain)).Timeline[^1].Reason);
    }
}
