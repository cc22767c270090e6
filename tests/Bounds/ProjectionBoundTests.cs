using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using TangerangLive.Grains.Complaints;
using TangerangLive.Silo.Projections;
using TangerangLive.Tests.Dispatch;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Bounds;

/// <summary>The query-model writer forgets its per-report bookkeeping once it is no longer needed, and loses no row.</summary>
public sealed class ProjectionBoundTests(DispatchDatabase database) : DispatchTestBase(database)
{
    private readonly string _connectionString = database.ConnectionString;

    [Fact]
    public async Task A_closed_report_leaves_the_writer_bookkeeping_and_its_rows_are_complete()
    {
        var reports = new List<(IComplaintGrain Grain, ComplaintSnapshot Snapshot)>();
        for (var i = 0; i < 6; i++)
        {
            reports.Add(await Scenario.ReportAsync("damaged-road", Scenario.Offset(Scenario.ZoneCentre(98), i * 150, 0)));
        }

        foreach (var (_, snapshot) in reports)
        {
            await WaitForReportAsync(snapshot.Report.Id, "Escalated");
        }

        await Engine.Projection.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(reports.Count, Engine.Projection.TrackedReports);

        foreach (var (grain, _) in reports)
        {
            Assert.True((await grain.CancelAsync(Operator("not a road"))).Ok);
        }

        await Engine.Projection.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, Engine.Projection.TrackedReports);
        var model = new QueryModel(_connectionString);
        var ids = reports.Select(r => r.Snapshot.Report.Id).ToList();
        Assert.All((await model.StatusesAsync(ids)).Values, status => Assert.Equal("Cancelled", status));
        foreach (var (grain, snapshot) in reports)
        {
            var kept = (await grain.GetAsync())!;
            Assert.Equal(kept.Timeline.Select(e => e.Seq), (await model.TimelineAsync(snapshot.Report.Id)).Select(r => r.Seq));
        }

        // A closed report may still change (a note): its new entry is written although its mark was forgotten.
        Assert.True((await reports[0].Grain.AddNoteAsync(Operator("call back"), "citizen called back")).Ok);
        await Engine.Projection.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var timeline = await model.TimelineAsync(reports[0].Snapshot.Report.Id);
        Assert.Equal(("note", "citizen called back"), (timeline[^1].Kind, timeline[^1].Detail));
        Assert.Equal((await reports[0].Grain.GetAsync())!.Timeline.Count, timeline.Count);
    }

    [Fact]
    public async Task Open_reports_past_the_bound_reset_the_bookkeeping_and_every_entry_is_still_written()
    {
        const int bound = 10;
        const int count = 25;
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        var writer = new ComplaintProjectionWriter(
            dataSource, Options.Create(new ProjectionOptions { MaxTrackedReports = bound }), NullLogger<ComplaintProjectionWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        try
        {
            var (_, template) = await Scenario.ReportAsync("damaged-road", Scenario.ZoneCentre(99));
            var versions = Enumerable.Range(0, count).Select(i => Version(template, $"{Scenario.Tag}-p{i:D2}", entries: 1)).ToList();
            var peak = 0;
            foreach (var version in versions)
            {
                writer.Enqueue(version);
                await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
                peak = Math.Max(peak, writer.TrackedReports);
            }

            Assert.Equal(bound, peak);
            Assert.Equal(count % bound, writer.TrackedReports);

            // Every report changes again: forgotten or not, each one's new entry lands and none is written twice.
            foreach (var version in versions)
            {
                writer.Enqueue(Version(template, version.Report.Id, entries: 2));
            }

            await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var model = new QueryModel(_connectionString);
            foreach (var version in versions)
            {
                Assert.Equal([1, 2], (await model.TimelineAsync(version.Report.Id)).Select(r => r.Seq));
            }
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Versions_in_one_batch_write_every_entry_even_one_the_newest_version_no_longer_keeps()
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        var writer = new ComplaintProjectionWriter(dataSource, Options.Create(new ProjectionOptions()), NullLogger<ComplaintProjectionWriter>.Instance);
        var (_, template) = await Scenario.ReportAsync("damaged-road", Scenario.ZoneCentre(97));
        var id = $"{Scenario.Tag}-elided";
        var older = Version(template, id, entries: 3);

        // The newer version's grain had already elided entry 1 (its timeline keeps only the newest entries).
        var newer = Version(template, id, entries: 4);
        newer = newer with { Timeline = newer.Timeline.Skip(1).ToList(), TimelineElided = 1 };

        // Both are queued before the writer starts, so they are one batch.
        writer.Enqueue(older);
        writer.Enqueue(newer);
        await writer.StartAsync(CancellationToken.None);
        try
        {
            await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal([1, 2, 3, 4], (await new QueryModel(_connectionString).TimelineAsync(id)).Select(r => r.Seq));
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    private static ComplaintSnapshot Version(ComplaintSnapshot template, string id, int entries) => template with
    {
        Report = template.Report with { Id = id },
        Status = ComplaintStatus.Escalated,
        Version = entries,
        Timeline = Enumerable.Range(1, entries).Select(seq => new TimelineEntry(seq, template.Report.SubmittedAt, "note", "test", null, null, $"entry {seq}")).ToList(),
    };
}
