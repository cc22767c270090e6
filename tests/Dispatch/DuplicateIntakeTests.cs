using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Live;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Dispatch;

public sealed class DuplicateIntakeTests(DispatchDatabase database) : DispatchTestBase(database)
{
    [Fact]
    public async Task Same_category_nearby_and_recent_is_linked_not_dispatched()
    {
        var point = Scenario.ZoneCentre(70);
        await Scenario.OnDutyAsync("a", "DKP", point);
        await Scenario.OnDutyAsync("b", "DKP", Scenario.Offset(point, 300, 0));
        var (original, first) = await Scenario.ReportAsync("garbage", point);
        await WaitForReportAsync(first.Report.Id, "Offered");

        var (_, nearby) = await Scenario.ReportAsync("garbage", Scenario.Offset(point, 60, 40));
        var linked = await WaitForReportAsync(nearby.Report.Id, "Duplicate");
        Assert.Null(linked.OfficerId);
        var (_, otherCategory) = await Scenario.ReportAsync("fallen-tree", Scenario.Offset(point, 10, 0));
        await WaitForReportAsync(otherCategory.Report.Id, "Offered");
        var (_, farther) = await Scenario.ReportAsync("garbage", Scenario.Offset(point, 0, 400));
        await Engine.Live.WaitForAsync<ComplaintChanged>(c => c.ComplaintId == farther.Report.Id && c.Status is "Offered" or "Escalated", "the farther report to be dispatched");
        await Engine.Live.WaitForAsync<ComplaintChanged>(c => c.ComplaintId == first.Report.Id && c.Event == "duplicate-linked", "the link on the original");

        Assert.Equal([nearby.Report.Id], (await ReportAsync(original)).Duplicates);
        Assert.DoesNotContain(Engine.Live.Events.OfType<AssignmentPushed>(), p => p.ComplaintId == nearby.Report.Id);
    }

    [Fact]
    public async Task After_the_time_window_the_same_report_is_dispatched_again()
    {
        var point = Scenario.ZoneCentre(72);
        var (_, first) = await Scenario.ReportAsync("damaged-road", point);
        await WaitForReportAsync(first.Report.Id, "Escalated");

        Engine.Time.Advance(TimeSpan.FromMinutes(61));
        var (_, again) = await Scenario.ReportAsync("damaged-road", point);

        await WaitForReportAsync(again.Report.Id, "Escalated");
        Assert.Null((await Grains.Complaint(again.Report.Id).GetAsync())!.DuplicateOf);
    }

    [Fact]
    public async Task Identical_reports_arriving_together_dispatch_exactly_once()
    {
        var point = Scenario.ZoneCentre(74);
        await Scenario.OnDutyAsync("a", "Dishub", point);
        await Scenario.OnDutyAsync("b", "Dishub", Scenario.Offset(point, 200, 0));

        var burst = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Scenario.ReportAsync("traffic-jam", Scenario.Offset(point, i * 5, 0))));
        foreach (var (_, snapshot) in burst)
        {
            await Engine.Live.WaitForAsync<ComplaintChanged>(c => c.ComplaintId == snapshot.Report.Id && c.Status is "Offered" or "Duplicate", $"{snapshot.Report.Id} to settle");
        }

        var reports = await Task.WhenAll(burst.Select(b => b.Grain.GetAsync()));
        var dispatched = Assert.Single(reports, r => r!.Status != ComplaintStatus.Duplicate);
        Assert.All(reports.Where(r => r!.Status == ComplaintStatus.Duplicate), r => Assert.Equal(dispatched!.Report.Id, r!.DuplicateOf));
    }
}
