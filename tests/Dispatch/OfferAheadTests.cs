using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Dispatch;

/// <summary>
/// The first offer goes out while the report's first write is under way: the officer holds the report (its own write)
/// and hears of it before the report names it. An acknowledgement arriving in between is taken; a write that fails
/// lets the officer go; a report that repeats an open one or waits on a pause is never offered. The report's insert
/// is held or refused by a trigger on the grain storage table of the real PostgreSQL, for that report's row only.
/// </summary>
public sealed class OfferAheadTests(DispatchDatabase database) : DispatchTestBase(database)
{
    [Fact]
    public async Task The_officer_hears_of_the_report_while_it_is_written_and_may_acknowledge_before_the_report_names_it()
    {
        var (officer, officerId, point, id, grain) = await OfficerBesideANewReportAsync("ahead", 41);

        Task<SubmitOutcome> submit;
        Task<ComplaintCommandResult> acknowledge;
        await using (await InsertTriggerAsync(id, "PERFORM pg_sleep(2); RETURN NEW;"))
        {
            submit = grain.SubmitAsync(Submission(point, "ahead-1"));
            var offer = await Engine.Live.WaitForAsync<AssignmentPushed>(p => p.ComplaintId == id && p.Kind == "offer", "the offer made beside the report's write");
            Assert.Equal(officerId, offer.OfficerId);
            Assert.False(submit.IsCompleted, "the report's write should still be held");
            Assert.Equal((OfficerDuty.Offered, id), ((await officer.GetAsync())!.Duty, (await officer.GetAsync())!.Assignment?.ComplaintId));

            // The app acknowledges at once: the call waits for the report, which records its offer first.
            acknowledge = grain.AcknowledgeAsync(officerId);
            Assert.Equal(SubmitOutcomeKind.Created, (await submit).Kind);
        }

        var acknowledged = await acknowledge;
        Assert.True(acknowledged.Ok, acknowledged.Error);
        var stored = await ReportAsync(grain);
        Assert.Equal((ComplaintStatus.Acknowledged, officerId), (stored.Status, stored.OfficerId));
        Assert.Equal(["received", "offered", "acknowledged"], stored.Timeline.Select(t => t.Kind));
        Assert.Single(Engine.Live.Events.OfType<AssignmentPushed>(), p => p.ComplaintId == id && p.Kind == "offer");
    }

    [Fact]
    public async Task An_officer_offered_beside_a_write_that_failed_is_let_go_and_the_retry_is_offered_again()
    {
        var (officer, officerId, point, id, grain) = await OfficerBesideANewReportAsync("let-go", 42);
        var submission = Submission(point, "ahead-2");

        await using (await InsertTriggerAsync(id, "PERFORM pg_sleep(0.5); RAISE EXCEPTION 'injected storage fault';"))
        {
            var withdrawn = Engine.Live.WaitForAsync<AssignmentPushed>(
                p => p.ComplaintId == id && p.OfficerId == officerId && p.Kind == "withdrawn", "the officer offered ahead to be let go");
            await Assert.ThrowsAnyAsync<Exception>(() => grain.SubmitAsync(submission));
            Assert.Equal("the report could not be stored", (await withdrawn).Reason);
            Assert.Contains(Engine.Live.Events.OfType<AssignmentPushed>(), p => p.ComplaintId == id && p.Kind == "offer");
            var free = (await officer.GetAsync())!;
            Assert.Equal((OfficerDuty.Available, (OfficerAssignment?)null), (free.Duty, free.Assignment));
        }

        // The client's retry with its key stores the report, and it goes to the same officer.
        Assert.Equal(SubmitOutcomeKind.Created, (await grain.SubmitAsync(submission)).Kind);
        await WaitForReportAsync(id, "Offered");
        Assert.Equal(officerId, (await ReportAsync(grain)).OfficerId);
        Assert.Equal(id, (await officer.GetAsync())!.Assignment?.ComplaintId);
    }

    [Fact]
    public async Task No_officer_hears_of_a_report_that_repeats_an_open_one_or_waits_on_a_pause()
    {
        var point = Scenario.ZoneCentre(43);
        await Scenario.OnDutyAsync("first", "DKP", Scenario.Offset(point, 50, 0));
        await Scenario.OnDutyAsync("second", "DKP", Scenario.Offset(point, 400, 0));
        var (_, original) = await Scenario.ReportAsync("garbage", point);
        await WaitForReportAsync(original.Report.Id, "Offered");

        // The same garbage a few metres on: a duplicate, with a free officer right beside it.
        var (_, repeat) = await Scenario.ReportAsync("garbage", Scenario.Offset(point, 15, 0));
        await WaitForReportAsync(repeat.Report.Id, "Duplicate");

        // Park damage while its dispatch is paused: it waits for the operators, offered to nobody meanwhile.
        var control = Grains.CategoryControl("park-damage");
        await control.PauseAsync("operator-ani", "offer-ahead test");
        try
        {
            var (waiting, paused) = await Scenario.ReportAsync("park-damage", Scenario.Offset(point, 350, 0));
            await WaitForReportAsync(paused.Report.Id, "Queued");
            Assert.DoesNotContain(Engine.Live.Events.OfType<AssignmentPushed>(), p => p.ComplaintId == repeat.Report.Id || p.ComplaintId == paused.Report.Id);

            // Resumed, it goes to the free officer, offered once.
            await control.ResumeAsync("operator-ani", "offer-ahead test over");
            await WaitForReportAsync(paused.Report.Id, "Offered");
            Assert.Equal(Scenario.OfficerId("second"), (await ReportAsync(waiting)).OfficerId);
            Assert.Single(Engine.Live.Events.OfType<AssignmentPushed>(), p => p.ComplaintId == paused.Report.Id);
        }
        finally
        {
            await control.ResumeAsync("operator-ani", "offer-ahead test over");
        }
    }

    /// <summary>A DKP officer on duty 70 m from a zone's centre, and a report's id and grain, not yet submitted, at the centre.</summary>
    private async Task<(IOfficerGrain Officer, string OfficerId, (double Lat, double Lon) Point, string Id, IComplaintGrain Grain)> OfficerBesideANewReportAsync(string name, int zone)
    {
        var point = Scenario.ZoneCentre(zone);
        var officer = await Scenario.OnDutyAsync(name, "DKP", Scenario.Offset(point, 70, 0));
        var id = ComplaintKey.NewId();
        return (officer, Scenario.OfficerId(name), point, id, Grains.Complaint(id));
    }

    private ComplaintSubmission Submission((double Lat, double Lon) at, string fingerprint) =>
        new("garbage", "Sampah menumpuk", at.Lat, at.Lon, [], new Reporter($"{Scenario.Tag}-citizen", "Warga", null), "app", fingerprint);

    /// <summary>Runs <paramref name="body"/> (plpgsql) before the insert of one report's row, until the handle is disposed.</summary>
    private Task<IAsyncDisposable> InsertTriggerAsync(string complaintId, string body) =>
        StorageTrigger.OnRowAsync(ConnectionString, $"complaint/{complaintId}", "INSERT", body);
}
