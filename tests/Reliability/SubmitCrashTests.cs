using System.Net;
using System.Net.Http.Json;
using Npgsql;
using TangerangLive.Api.Ops;
using TangerangLive.Api.Reports;
using TangerangLive.Grains;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Reliability;

/// <summary>
/// Submission writes the report and registers its watch together. A silo that dies between the two may leave the
/// report stored without its watch (the crash point <c>Testing:CrashPoints:AfterReportWriteWithoutWatch</c> ends the
/// process exactly there, before the caller is answered). The caller's retry with its key finds the stored report,
/// and that activation registers the missing watch, so the report is not stranded.
/// </summary>
public sealed class SubmitCrashTests
{
    [Fact]
    public async Task A_report_stored_without_its_watch_when_the_silo_died_gets_its_watch_on_the_retry()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("submit_crash");
        var clusterId = $"sc-{Guid.NewGuid():N}"[..16];
        var map = CityModel.BuiltIn().Map;
        var report = new ReportRequest("traffic-jam", "Macet total", map.All[40].CentroidLat, map.All[40].CentroidLon, null, null);
        const string key = "submit-crash-1";

        string[] crashArgs = [.. ApiClients.SiloArgs(), "--Testing:CrashPoints:AfterReportWriteWithoutWatch", "true"];
        await using (var crashing = await SiloProcess.StartAsync(connectionString, clusterId, crashArgs))
        {
            using var citizen = await crashing.ClientAsync("citizen");
            await Assert.ThrowsAsync<HttpRequestException>(async () =>
            {
                using var lost = await citizen.SendAsync(Post(report, key));
            });
            await Poll.UntilAsync(() => Task.FromResult(crashing.HasExited), TimeSpan.FromSeconds(30), () => "the crash point after the report's write to end the silo");
        }

        Assert.Equal(0, await WatchesAsync(connectionString));

        await using var restarted = await SiloProcess.StartAsync(connectionString, clusterId, ApiClients.SiloArgs());
        using var staff = await restarted.ClientAsync("operator");

        // Held, so the report stays open (and watched) instead of going to the operators' queue for want of officers.
        using (var pause = await staff.PostAsJsonAsync("/api/ops/dispatch/categories/traffic-jam/pause", new ReasonRequest("submit crash test")))
        {
            Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        }

        using var citizenAgain = await restarted.ClientAsync("citizen");
        using var replay = await citizenAgain.SendAsync(Post(report, key));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var accepted = (await replay.Content.ReadFromJsonAsync<ReportAccepted>())!;
        Assert.True(accepted.Replayed);

        await Poll.UntilAsync(
            async () => (await staff.GetFromJsonAsync<ReportView>($"/api/ops/reports/{accepted.Id}", ApiJson.Options))!.Status == "Queued",
            TimeSpan.FromSeconds(30),
            () => "the replayed report to be dispatched into the pause queue");
        Assert.Equal(1, await WatchesAsync(connectionString, accepted.Id));
    }

    /// <summary>The number of dispatch watches registered (for one report, when <paramref name="complaintId"/> is given).</summary>
    private static async Task<long> WatchesAsync(string connectionString, string complaintId = "")
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleans_reminders WHERE reminder_name = 'dispatch-watch' AND grain_id LIKE '%' || @id || '%'", connection);
        command.Parameters.AddWithValue("id", complaintId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static HttpRequestMessage Post(ReportRequest report, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(report) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
