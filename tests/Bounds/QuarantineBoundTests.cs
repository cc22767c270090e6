using Npgsql;
using TangerangLive.Api.Ops;
using TangerangLive.Tests.Dispatch;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Bounds;

/// <summary>
/// The projection quarantine keeps a bounded number of versions per report. In the quarantine collection: the
/// quarantine tests count the process-wide metric, so no two of them run at once.
/// </summary>
[Collection(ProjectionQuarantineTests.Collection)]
public sealed class QuarantineBoundTests(DispatchDatabase database) : DispatchTestBase(database)
{
    private readonly string _connectionString = database.ConnectionString;

    [Fact]
    public async Task The_quarantine_keeps_the_newest_refused_versions_of_a_report()
    {
        const int refused = ProjectionQuarantine.MaxVersionsPerReport + 2;
        var (_, template) = await Scenario.ReportAsync("damaged-road", Scenario.ZoneCentre(95));
        var poisonId = $"{Scenario.Tag}-poison";
        var before = Engine.Projection.Quarantined;
        for (var version = 1; version <= refused; version++)
        {
            // One at a time: versions of one report in one batch are written as the newest only.
            Engine.Projection.Enqueue(template with { Report = template.Report with { Id = poisonId, Description = $"v{version}\0" }, Version = version });
            await Engine.Projection.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(before + refused, Engine.Projection.Quarantined);
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        var kept = (await new ProjectionQuarantine(dataSource).ListAsync(ProjectionQuarantine.MaxList, default)).Where(q => q.ComplaintId == poisonId);
        Assert.Equal(Enumerable.Range(refused - ProjectionQuarantine.MaxVersionsPerReport + 1, ProjectionQuarantine.MaxVersionsPerReport), kept.Select(q => q.Version).Order());
    }
}
