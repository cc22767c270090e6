using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Dispatch;

public sealed class ConcurrencyTests(DispatchDatabase database) : DispatchTestBase(database)
{
    [Fact]
    public async Task Many_reports_at_once_never_give_one_officer_two_assignments()
    {
        const int officerCount = 6;
        const int reportCount = 40;
        var centre = Scenario.ZoneCentre(33);
        var random = new Random(20261123);
        for (var i = 0; i < officerCount; i++)
        {
            await Scenario.OnDutyAsync($"o{i}", "Dishub", Scenario.Offset(centre, random.Next(-800, 800), random.Next(-800, 800)));
        }

        // 200 m apart, so none is a duplicate of another (the duplicate radius is 100 m).
        var points = Enumerable.Range(0, reportCount).Select(i => Scenario.Offset(centre, (i % 8 * 200) - 800, (i / 8 * 200) - 500)).ToList();
        var submitted = await Task.WhenAll(points.Select(p => Scenario.ReportAsync("traffic-jam", p)));
        var ids = submitted.Select(s => s.Snapshot.Report.Id).ToHashSet();
        await Task.WhenAll(ids.Select(id => Engine.Live.WaitForAsync<ComplaintChanged>(
            c => c.ComplaintId == id && c.Status is "Offered" or "Escalated", $"report {id} to settle")));

        var reports = await Task.WhenAll(submitted.Select(s => s.Grain.GetAsync()));
        Assert.All(reports, r => Assert.True(r!.Status is ComplaintStatus.Offered or ComplaintStatus.Escalated, $"{r.Report.Id} ended {r.Status}"));
        var held = reports.Where(r => r!.Status == ComplaintStatus.Offered).ToList();
        Assert.Equal(officerCount, held.Count);
        Assert.Equal(officerCount, held.Select(r => r!.OfficerId).Distinct().Count());

        // Each officer holds exactly the report that names it, and was offered exactly one report.
        foreach (var report in held)
        {
            var officer = await Grains.Officer(report!.OfficerId!).GetAsync();
            Assert.Equal(report.Report.Id, officer!.Assignment!.ComplaintId);
            Assert.Equal(OfficerDuty.Offered, officer.Duty);
        }

        var offersPerOfficer = Engine.Live.Events.OfType<AssignmentPushed>().Where(p => p.Kind == "offer" && ids.Contains(p.ComplaintId))
            .GroupBy(p => p.OfficerId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(officerCount, offersPerOfficer.Count);
        Assert.All(offersPerOfficer.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task Operator_override_racing_the_dispatcher_ends_in_one_consistent_assignment()
    {
        var centre = Scenario.ZoneCentre(44);
        await Scenario.OnDutyAsync("auto", "DKP", Scenario.Offset(centre, 100, 0));
        await Scenario.OnDutyAsync("chosen", "DKP", Scenario.Offset(centre, 900, 0));
        var auto = Scenario.OfficerId("auto");
        var chosen = Scenario.OfficerId("chosen");
        var systemFirst = 0;
        var operatorFirst = 0;

        for (var round = 0; round < 12; round++)
        {
            var id = ComplaintKey.NewId();
            var grain = Grains.Complaint(id);
            var submit = grain.SubmitAsync(new ComplaintSubmission("garbage", $"race {round}", centre.Lat, centre.Lon, [], new Reporter(null, null, null), "app", $"race-{round}"));
            var assign = grain.AssignAsync(Operator("send the crew already nearby"), chosen, preempt: false);
            await Task.WhenAll(submit, assign);
            if ((await assign).Error == "No such report.")
            {
                // The operator's click arrived before the report itself; clicking again races the dispatcher's turn.
                Assert.True((await grain.AssignAsync(Operator("send the crew already nearby"), chosen, preempt: false)).Ok);
            }

            await Engine.Live.WaitForAsync<ComplaintChanged>(c => c.ComplaintId == id && c.Event is "assigned", $"operator assignment of {id}");
            await Engine.Live.WaitForAsync<ComplaintChanged>(c => c.ComplaintId == id && c.Event is "offered" or "dispatch-skipped", $"dispatcher's turn on {id}");

            var report = (await grain.GetAsync())!;
            Assert.Equal(ComplaintStatus.Offered, report.Status);
            Assert.Equal(chosen, report.OfficerId);
            var kinds = report.Timeline.Select(t => t.Kind).ToList();
            Assert.Contains("assigned", kinds);
            if (kinds.Contains("offered"))
            {
                systemFirst++;
                Assert.Equal(["received", "offered", "unassigned", "assigned"], kinds);
            }
            else
            {
                operatorFirst++;
                Assert.Equal(["received", "assigned", "dispatch-skipped"], kinds);
            }

            Assert.Equal(id, (await Grains.Officer(chosen).GetAsync())!.Assignment!.ComplaintId);
            var autoOfficer = (await Grains.Officer(auto).GetAsync())!;
            Assert.Null(autoOfficer.Assignment);
            Assert.Equal(OfficerDuty.Available, autoOfficer.Duty);

            Assert.True((await grain.CancelAsync(Operator("round over"))).Ok);
        }

        Assert.Equal(12, systemFirst + operatorFirst);
    }
}
