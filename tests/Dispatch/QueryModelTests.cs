using Npgsql;
using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Live;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Dispatch;

public sealed class QueryModelTests(DispatchDatabase database) : DispatchTestBase(database)
{
    private readonly string _connectionString = database.ConnectionString;

    [Fact]
    public async Task After_a_burst_the_query_tables_match_the_grains_exactly_and_rewrites_change_nothing()
    {
        var centre = Scenario.ZoneCentre(80);
        for (var i = 0; i < 4; i++)
        {
            await Scenario.OnDutyAsync($"o{i}", "DKP", Scenario.Offset(centre, i * 150, 0));
        }

        var burst = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Scenario.ReportAsync("garbage", Scenario.Offset(centre, (i % 6) * 300, (i / 6) * 300))));
        foreach (var (_, snapshot) in burst)
        {
            await Engine.Live.WaitForAsync<ComplaintChanged>(c => c.ComplaintId == snapshot.Report.Id && c.Status is "Offered" or "Escalated" or "Duplicate", $"{snapshot.Report.Id} to settle");
        }

        var acknowledged = burst.Select(b => b.Grain).ToList();
        foreach (var grain in acknowledged)
        {
            if ((await grain.GetAsync()) is { Status: ComplaintStatus.Offered } held)
            {
                Assert.True((await grain.AcknowledgeAsync(held.OfficerId!)).Ok);
            }
        }

        var grains = (await Task.WhenAll(burst.Select(b => b.Grain.GetAsync()))).Select(r => r!).ToList();
        await Engine.Projection.FlushAsync();
        var rows = await ReadRowsAsync(grains.Select(g => g.Report.Id).ToArray());

        Assert.Equal(grains.Count, rows.Count);
        foreach (var report in grains)
        {
            var row = rows[report.Report.Id];
            Assert.Equal((report.Version, report.Status.ToString(), report.OfficerId, report.Timeline.Count), (row.Version, row.Status, row.OfficerId, row.TimelineRows));
        }

        Assert.Equal(grains.GroupBy(g => g.Status.ToString()).ToDictionary(g => g.Key, g => g.Count()), rows.Values.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count()));

        // Replaying every version (old ones too), as a retry or a re-activation would, changes nothing.
        foreach (var report in grains)
        {
            Engine.Projection.Enqueue(report with { Version = report.Version - 1, Status = ComplaintStatus.Received });
            Engine.Projection.Enqueue(report);
        }

        await Engine.Projection.FlushAsync();
        Assert.Equal(rows, await ReadRowsAsync(grains.Select(g => g.Report.Id).ToArray()));
    }

    private async Task<Dictionary<string, Row>> ReadRowsAsync(string[] ids)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.id, c.version, c.status, c.officer_id, (SELECT count(*) FROM complaint_timeline t WHERE t.complaint_id = c.id)
              FROM complaints c WHERE c.id = ANY(@ids)
            """, connection);
        command.Parameters.AddWithValue("ids", ids);
        var rows = new Dictionary<string, Row>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = new Row(reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), (int)reader.GetInt64(4));
        }

        return rows;
    }

    private sealed record Row(int Version, string Status, string? OfficerId, int TimelineRows);
}
