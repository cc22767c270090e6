using TangerangLive.Grains;
using TangerangLive.Grains.Complaints;
using TangerangLive.Tests.Dispatch;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Bounds;

/// <summary>A report's duplicates and timeline stay bounded in its grain; the query model keeps all of them.</summary>
public sealed class ComplaintBoundTests(DispatchDatabase database) : DispatchTestBase(database)
{
    private readonly QueryModel _queryModel = new(database.ConnectionString);

    [Fact]
    public async Task Duplicates_past_the_bound_are_counted_not_listed_and_each_still_names_its_original()
    {
        const int extra = 5;
        var total = ComplaintBounds.MaxListedDuplicates + extra;
        var point = Scenario.ZoneCentre(90);
        var (original, first) = await Scenario.ReportAsync("garbage", point);
        await WaitForReportAsync(first.Report.Id, "Escalated");

        var duplicates = new List<string>();
        for (var i = 0; i < total; i++)
        {
            var (_, report) = await Scenario.ReportAsync("garbage", Scenario.Offset(point, i % 10 * 5, i / 10 * 5));
            duplicates.Add(report.Report.Id);
        }

        foreach (var id in duplicates)
        {
            await WaitForReportAsync(id, "Duplicate");
        }

        await Poll.UntilAsync(async () => (await ReportAsync(original)).DuplicateCount == total, TimeSpan.FromSeconds(30), () => $"{total} duplicates linked to the original");

        var parent = await ReportAsync(original);
        Assert.Equal(ComplaintBounds.MaxListedDuplicates, parent.Duplicates.Count);
        Assert.Equal(extra, parent.DuplicatesUnlisted);
        Assert.Equal(parent.Duplicates.Count, parent.Duplicates.Distinct().Count());
        Assert.Subset(duplicates.ToHashSet(), parent.Duplicates.ToHashSet());
        Assert.Equal(ComplaintBounds.MaxListedDuplicates, parent.Timeline.Count(e => e.Kind == "duplicate-linked"));
        foreach (var id in duplicates)
        {
            var duplicate = (await Grains.Complaint(id).GetAsync())!;
            Assert.Equal((ComplaintStatus.Duplicate, first.Report.Id), (duplicate.Status, duplicate.DuplicateOf));
        }

        await Engine.Projection.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(duplicates.Order(StringComparer.Ordinal), await _queryModel.DuplicatesOfAsync(first.Report.Id));
    }

    [Fact]
    public async Task A_long_timeline_keeps_its_newest_entries_and_the_query_model_keeps_every_entry()
    {
        const int notes = ComplaintBounds.MaxTimelineEntries + 50;
        var (grain, report) = await Scenario.ReportAsync("damaged-road", Scenario.ZoneCentre(92));
        await WaitForReportAsync(report.Report.Id, "Escalated");
        var before = (await ReportAsync(grain)).Timeline.Count;

        for (var i = 1; i <= notes; i++)
        {
            Assert.True((await grain.AddNoteAsync(Operator("follow-up"), $"note-{i}")).Ok);
        }

        var total = before + notes;
        var kept = await ReportAsync(grain);
        Assert.Equal(ComplaintBounds.MaxTimelineEntries, kept.Timeline.Count);
        Assert.Equal(total - ComplaintBounds.MaxTimelineEntries, kept.TimelineElided);
        Assert.Equal(Enumerable.Range(total - ComplaintBounds.MaxTimelineEntries + 1, ComplaintBounds.MaxTimelineEntries), kept.Timeline.Select(e => e.Seq));
        Assert.Equal($"note-{notes}", kept.Timeline[^1].Detail);

        // One more entry after a re-activation keeps counting from the stored sequence.
        await Engine.Cluster.DeactivateNowAsync(grain);
        Assert.True((await grain.AddNoteAsync(Operator("after restart"), "note-last")).Ok);
        kept = await ReportAsync(grain);
        Assert.Equal((ComplaintBounds.MaxTimelineEntries, total + 1), (kept.Timeline.Count, kept.Timeline[^1].Seq));

        await Engine.Projection.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var rows = await _queryModel.TimelineAsync(report.Report.Id);
        Assert.Equal(Enumerable.Range(1, total + 1), rows.Select(r => r.Seq));
        Assert.Equal(Enumerable.Range(1, notes).Select(i => $"note-{i}").Append("note-last"), rows.Where(r => r.Kind == "note").Select(r => r.Detail));
    }
}
