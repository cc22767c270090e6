using Npgsql;
using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Officers;
using TangerangLive.Grains.Zones;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Dispatch;

/// <summary>
/// The first matching round runs beside the report's write; when that write is slow (seconds, on a saturated box) the
/// round is stale by the time dispatch starts, and dispatch must search again. Grain state writes are held here by a
/// lock on the storage table in this test's own database, the way a saturated database holds them.
/// </summary>
public sealed class LookAheadFreshnessTests(DispatchDatabase database) : DispatchTestBase(database)
{
    [Fact]
    public async Task A_report_whose_write_was_slow_goes_to_whoever_is_nearest_when_the_write_lands()
    {
        var point = Scenario.ZoneCentre(32);
        var zone = DispatchCluster.City.Map.FindZone(point.Lat, point.Lon)!.Code;
        await Scenario.OnDutyAsync("first-near", "BPBD", Scenario.Offset(point, 300, 0));
        var walker = await Scenario.OnDutyAsync("walker", "BPBD", Scenario.Offset(point, 0, 600));

        Task<(IComplaintGrain Grain, ComplaintSnapshot Snapshot)> submitted;
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var hold = await connection.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE orleans_storage IN SHARE MODE", connection, hold))
            {
                await lockTable.ExecuteNonQueryAsync();
            }

            // The report's write waits; its first round (looked ahead now) finds "first-near" at 300 m.
            submitted = Scenario.ReportAsync("fire", point);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            Assert.False(submitted.IsCompleted, "the report's write should be held by the lock");

            // Meanwhile the other officer walks to 50 m from the report (a heartbeat writes nothing, so the lock does not hold it).
            Engine.Time.Advance(TimeSpan.FromSeconds(60));
            var close = Scenario.Offset(point, 0, 50);
            await walker.ReportPositionAsync(new PositionReport(close.Lat, close.Lon, Engine.Time.GetUtcNow()));
            await Poll.UntilAsync(
                async () => await Grains.Zone(zone).NearestAsync("BPBD", point.Lat, point.Lon, 1, 5_000, []) is [{ } top] && top.OfficerId == Scenario.OfficerId("walker"),
                TimeSpan.FromSeconds(10), () => "the zone index to see the walk");
            await hold.RollbackAsync();
        }

        var (grain, snapshot) = await submitted;
        await WaitForReportAsync(snapshot.Report.Id, "Offered");
        Assert.Equal(Scenario.OfficerId("walker"), (await ReportAsync(grain)).OfficerId);
    }
}
