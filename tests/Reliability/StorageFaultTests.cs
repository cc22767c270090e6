using System.Net;
using System.Net.Http.Json;
using Npgsql;
using TangerangLive.Api.Field;
using TangerangLive.Api.Reports;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Api;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Reliability;

/// <summary>
/// State writes that fail (injected with a trigger on the grain storage table of the real PostgreSQL): the
/// caller gets 503 with Retry-After, no half-applied change stays in memory, and a retry stores once.
/// </summary>
public sealed class StorageFaultTests(ApiSiloFixture api) : IClassFixture<ApiSiloFixture>
{
    [Fact]
    public async Task A_report_whose_write_fails_answers_503_and_the_retry_with_the_same_key_stores_it_once()
    {
        var (citizen, token) = await api.NewCitizenAsync();
        var report = new ReportRequest("garbage", "Sampah menumpuk di depan pasar", -6.1781, 106.6300, null, null);
        using var first = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(report) };
        first.Headers.Add("Idempotency-Key", "fault-1");

        await using (await FailingWritesAsync())
        {
            using var refused = await citizen.SendAsync(first);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        }

        using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(report) };
        retry.Headers.Add("Idempotency-Key", "fault-1");
        using var stored = await citizen.SendAsync(retry);
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        var accepted = (await stored.Content.ReadFromJsonAsync<ReportAccepted>())!;
        Assert.False(accepted.Replayed);

        await api.WaitForQueryModelAsync(accepted.Id);
        Assert.Equal(1, await api.CountReportsAsync(token.UserId));
    }

    [Fact]
    public async Task A_shift_start_whose_write_fails_leaves_the_officer_off_duty_until_the_retry()
    {
        using var officer = await api.ClientAsync(ApiSiloFixture.Officer2);
        Assert.Equal(OfficerDuty.OffDuty, (await officer.GetFromJsonAsync<OfficerSnapshot>("/api/me", ApiJson.Options))!.Duty);

        // A position first: the grain now holds soft state not yet written, as every officer in a busy city does.
        // Its deactivation after the failed write must not write the refused shift start along with it.
        using (var beat = await officer.PostAsJsonAsync("/api/me/heartbeat", new HeartbeatRequest(-6.2205, 106.6805, DateTimeOffset.UtcNow, 5, 0, 80)))
        {
            Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        }

        await using (await FailingWritesAsync())
        {
            using var refused = await officer.PostAsync("/api/me/shift/start", null);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }

        Assert.Equal(OfficerDuty.OffDuty, (await officer.GetFromJsonAsync<OfficerSnapshot>("/api/me", ApiJson.Options))!.Duty);
        using var started = await officer.PostAsync("/api/me/shift/start", null);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal(OfficerDuty.Available, (await officer.GetFromJsonAsync<OfficerSnapshot>("/api/me", ApiJson.Options))!.Duty);
    }

    /// <summary>Every grain state write fails until the returned handle is disposed.</summary>
    private async Task<IAsyncDisposable> FailingWritesAsync()
    {
        await ExecuteAsync("""
            CREATE OR REPLACE FUNCTION test_fail_writes() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'injected storage fault'; END $$;
            CREATE TRIGGER test_fail_writes BEFORE INSERT OR UPDATE ON orleans_storage FOR EACH ROW EXECUTE FUNCTION test_fail_writes();
            """);
        return new Restore(() => ExecuteAsync("DROP TRIGGER test_fail_writes ON orleans_storage"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Restore(Func<Task> undo) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await undo();
    }
}
