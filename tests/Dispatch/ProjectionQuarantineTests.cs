using System.Diagnostics.Metrics;
using Npgsql;
using TangerangLive.Api.Ops;
using TangerangLive.Grains.Complaints;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Dispatch;

/// <summary>
/// A report version PostgreSQL refuses, put straight into the projection path (the API refuses such text
/// now): it is quarantined, counted and listed, and every later version still reaches the operators' queue.
/// </summary>
[Collection(Collection)]
public sealed class ProjectionQuarantineTests(DispatchDatabase database) : DispatchTestBase(database)
{
    /// <summary>Tests that quarantine versions: they share the process-wide metric, so they run one after another.</summary>
    public const string Collection = "projection quarantine";

    private readonly string _connectionString = database.ConnectionString;

    [Theory]
    [InlineData("NUL in the description")]
    [InlineData("NUL in a timeline reason")]
    public async Task A_version_the_database_refuses_is_quarantined_and_later_reports_reach_the_queue(string what)
    {
        var centre = Scenario.ZoneCentre(40);
        var (_, template) = await Scenario.ReportAsync("garbage", centre);
        await Engine.Projection.FlushAsync();
        var poisonId = ComplaintKey.NewId();
        var poison = what == "NUL in the description"
            ? template with { Report = template.Report with { Id = poisonId, Description = "Jalan rusak\0 di depan pasar" }, Version = 3 }
            : template with { Report = template.Report with { Id = poisonId }, Timeline = [.. template.Timeline, template.Timeline[^1] with { Seq = template.Timeline.Count + 1, Reason = "salah\0alamat" }], Version = 3 };

        using var counted = new QuarantineCounter();
        var before = Engine.Projection.Quarantined;
        Engine.Projection.Enqueue(poison);
        var (_, later) = await Scenario.ReportAsync("garbage", Scenario.Offset(centre, 200, 0), $"after the {what}");
        await Engine.Projection.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(Engine.Projection.ExecuteTask!.IsCompleted, $"the writer stopped: {Engine.Projection.ExecuteTask.Exception}");
        Assert.Equal(before + 1, Engine.Projection.Quarantined);
        Assert.Equal(1, counted.Total);

        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        var quarantined = Assert.Single(await new ProjectionQuarantine(dataSource).ListAsync(ProjectionQuarantine.MaxList, default), q => q.ComplaintId == poisonId);
        Assert.Equal(3, quarantined.Version);
        Assert.Contains("\\u0000", quarantined.Snapshot, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(quarantined.Error));

        // What /api/ops/reports reads: the later report is there, the refused one is not.
        var (rows, _) = await new ReportQueries(dataSource).ListAsync(new ReportFilter(ReporterId: template.Report.Reporter.UserId), 1, 200, default);
        Assert.Contains(rows, r => r.Id == later.Report.Id && r.Description == $"after the {what}");
        Assert.Contains(rows, r => r.Id == template.Report.Id);
        Assert.DoesNotContain(rows, r => r.Id == poisonId);

        // The writer keeps going with versions enqueued after the quarantine too.
        var (_, last) = await Scenario.ReportAsync("garbage", Scenario.Offset(centre, 400, 0), "last");
        await Engine.Projection.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        (rows, _) = await new ReportQueries(dataSource).ListAsync(new ReportFilter(ReporterId: template.Report.Reporter.UserId), 1, 200, default);
        Assert.Contains(rows, r => r.Id == last.Report.Id);
    }

    /// <summary>Listens to the tangerang.projection.quarantined counter of the TangerangLive meter.</summary>
    private sealed class QuarantineCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public QuarantineCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "TangerangLive" && instrument.Name == "tangerang.projection.quarantined")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
            _listener.Start();
        }

        /// <summary>Versions counted since this listener started (other tests that quarantine run in the same collection, not beside it).</summary>
        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }
}
