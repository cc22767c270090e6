using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Officers;
using TangerangLive.Silo.Hosting;
using TangerangLive.Tests.Dispatch;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Reliability;

/// <summary>
/// A report lets go of its officer only after its own write stopped naming the officer: when that write fails, the
/// officer still holds the report (in storage the report still names it), so it cannot take a second one; when the
/// officer's release fails instead, the report's change stands and the officer lets go at its next check. Writes
/// fail through a trigger on the grain storage table of the real PostgreSQL, for one grain's row only.
/// </summary>
public sealed class ReleaseOrderTests(DispatchDatabase database) : DispatchTestBase(database)
{
    [Theory]
    [InlineData("resolve")]
    [InlineData("refuse")]
    public async Task A_report_whose_write_fails_keeps_its_officer_holding_it_so_the_next_report_goes_elsewhere(string step)
    {
        var point = Scenario.ZoneCentre(21);
        var near = await Scenario.OnDutyAsync("near", "DKP", point);
        await Scenario.OnDutyAsync("far", "DKP", Scenario.Offset(point, 400, 0));
        var nearId = Scenario.OfficerId("near");
        var (grain, first) = await HeldAsync(nearId, Scenario.Offset(point, 30, 0));
        Task<ComplaintCommandResult> Step() =>
            step == "resolve" ? grain.ResolveAsync(nearId, "photos/proof.jpg", "done") : grain.RefuseAsync(nearId, "flat tyre");

        await using (await FailingWritesAsync($"complaint/{first.Report.Id}"))
        {
            var fault = await Assert.ThrowsAnyAsync<Exception>(Step);
            // The database's error reaches this out-of-silo client as itself or, not being serializable, named in a codec error.
            Assert.True(StorageFaultFilter.IsStorageFault(fault) || fault.Message.Contains("PostgresException", StringComparison.Ordinal), fault.ToString());

            // Storage kept the report with the officer at work on it, and the officer kept it too.
            var stored = (await grain.GetAsync())!;
            Assert.Equal((ComplaintStatus.Acknowledged, nearId), (stored.Status, stored.OfficerId));
            var officer = (await near.GetAsync())!;
            Assert.Equal((OfficerDuty.Acknowledged, first.Report.Id), (officer.Duty, officer.Assignment?.ComplaintId));

            // So the nearest officer is busy: the next report beside it (of another category, not to be taken for a
            // duplicate) goes to the other one.
            var (second, submitted) = await Scenario.ReportAsync("park-damage", Scenario.Offset(point, 20, 0));
            await WaitForReportAsync(submitted.Report.Id, "Offered");
            Assert.Equal(Scenario.OfficerId("far"), (await second.GetAsync())!.OfficerId);
            Assert.Equal(first.Report.Id, (await near.GetAsync())!.Assignment?.ComplaintId);
        }

        // The app's retry, with storage back, goes through once, and frees the officer.
        var retried = await Step();
        Assert.True(retried.Ok, retried.Error);
        Assert.Null((await near.GetAsync())!.Assignment);
        Assert.Single((await grain.GetAsync())!.Timeline, t => t.Kind == (step == "resolve" ? "resolved" : "refused"));
    }

    [Fact]
    public async Task A_resolve_whose_release_fails_stands_and_its_retry_answers_success_and_frees_the_officer()
    {
        var (near, id, grain, _) = await ResolvedWhileTheReleaseFailsAsync("solo", 23);

        // A retry of the resolve whose answer was lost is answered as the resolve was (and tries the release again);
        // without one, the officer's own check frees it.
        var again = await grain.ResolveAsync(id, "photos/proof.jpg", "done");
        Assert.True(again.Ok, again.Error);
        Assert.Single((await grain.GetAsync())!.Timeline, t => t.Kind == "resolved");
        var freed = (await near.GetAsync())!;
        Assert.Equal((OfficerDuty.Available, (OfficerAssignment?)null), (freed.Duty, freed.Assignment));
    }

    [Fact]
    public async Task Without_a_retry_an_officer_whose_release_failed_is_freed_by_its_next_check()
    {
        var (near, id, _, report) = await ResolvedWhileTheReleaseFailsAsync("lone", 25);

        var withdrawn = Engine.Live.WaitForAsync<AssignmentPushed>(
            p => p.OfficerId == id && p.ComplaintId == report.Report.Id && p.Kind == "withdrawn", "the officer's check to let the resolved report go");
        Engine.Time.Advance(new DispatchTimingOptions().ReconcilePeriod);
        Assert.StartsWith("reconciled: the report is Resolved", (await withdrawn).Reason, StringComparison.Ordinal);
        var freed = (await near.GetAsync())!;
        Assert.Equal((OfficerDuty.Available, (OfficerAssignment?)null), (freed.Duty, freed.Assignment));
    }

    /// <summary>
    /// An officer holding an acknowledged report resolves it while every write of the officer fails: the resolve stands,
    /// and the officer, whose release was refused (its activation dropped), still holds the report.
    /// </summary>
    private async Task<(IOfficerGrain Officer, string Id, IComplaintGrain Grain, ComplaintSnapshot Report)> ResolvedWhileTheReleaseFailsAsync(string name, int zone)
    {
        var point = Scenario.ZoneCentre(zone);
        var officer = await Scenario.OnDutyAsync(name, "DKP", point);
        var id = Scenario.OfficerId(name);
        var (grain, report) = await HeldAsync(id, Scenario.Offset(point, 30, 0));
        await using (await FailingWritesAsync($"officer/{id}"))
        {
            var resolved = await grain.ResolveAsync(id, "photos/proof.jpg", "done");
            Assert.True(resolved.Ok, resolved.Error);
            Assert.Equal(ComplaintStatus.Resolved, resolved.Complaint!.Status);
            Assert.Equal(report.Report.Id, (await officer.GetAsync())!.Assignment?.ComplaintId);
        }

        return (officer, id, grain, report);
    }

    /// <summary>A report beside the officer, offered to it and acknowledged.</summary>
    private async Task<(IComplaintGrain Grain, ComplaintSnapshot Report)> HeldAsync(string officerId, (double Lat, double Lon) at)
    {
        var (grain, report) = await Scenario.ReportAsync("garbage", at);
        await WaitForReportAsync(report.Report.Id, "Offered");
        Assert.Equal(officerId, (await grain.GetAsync())!.OfficerId);
        var acknowledged = await grain.AcknowledgeAsync(officerId);
        Assert.True(acknowledged.Ok, acknowledged.Error);
        return (grain, report);
    }

    /// <summary>Every state write of one grain fails until the returned handle is disposed.</summary>
    private Task<IAsyncDisposable> FailingWritesAsync(string grainId) => StorageTrigger.FailingWritesAsync(ConnectionString, grainId);
}
