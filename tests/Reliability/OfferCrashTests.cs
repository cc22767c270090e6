using System.Net;
using System.Net.Http.Json;
using TangerangLive.Api.Admin;
using TangerangLive.Api.Field;
using TangerangLive.Api.Ops;
using TangerangLive.Api.Reports;
using TangerangLive.Grains;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Reliability;

/// <summary>
/// A silo dies between the two writes of an offer (the officer stored it, the report did not; the crash point
/// <c>Testing:CrashPoints:AfterOfficerOfferWrite</c> ends the process there). On a new silo the officer holds an
/// offer the report never made; reconciliation frees the officer, and the report is then offered normally.
/// </summary>
public sealed class OfferCrashTests
{
    private const string Officer = "officer-dishub-1";

    [Fact]
    public async Task An_offer_half_written_when_the_silo_died_is_reconciled_and_the_report_is_offered_again()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("offer_crash");
        var clusterId = $"oc-{Guid.NewGuid():N}"[..16];
        string[] args = ApiClients.SiloArgs("--Dispatch:WatchPeriodSeconds", "5", "--Dispatch:ReconcilePeriodSeconds", "5");
        var map = CityModel.BuiltIn().Map;
        var (lat, lon) = (map.All[50].CentroidLat, map.All[50].CentroidLon);
        var at = map.Metric.Unproject(map.Metric.Project(lat, lon).X + 100, map.Metric.Project(lat, lon).Y);
        var report = new ReportRequest("traffic-jam", "Macet total", lat, lon, null, null);
        const string key = "offer-crash-1";

        string officerToken;
        // The report's watch is registered with a long period, so after the restart nothing dispatches it before the pause.
        string[] crashArgs = [.. args, "--Dispatch:WatchPeriodSeconds", "600", "--Testing:CrashPoints:AfterOfficerOfferWrite", "true"];
        await using (var crashing = await SiloProcess.StartAsync(connectionString, clusterId, crashArgs))
        {
            using (var admin = await crashing.ClientAsync("admin"))
            {
                using var put = await admin.PutAsJsonAsync($"/api/admin/officers/{Officer}", new OfficerRequest(Officer, "Dishub", "Demo", null, [], true));
                Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            }

            officerToken = (await crashing.TokenAsync(Officer)).AccessToken;
            using var officer = crashing.ClientWithToken(officerToken);
            using (var start = await officer.PostAsync(new Uri("/api/me/shift/start", UriKind.Relative), null))
            {
                Assert.Equal(HttpStatusCode.OK, start.StatusCode);
            }

            using (var beat = await officer.PostAsJsonAsync("/api/me/heartbeat", new HeartbeatRequest(at.Lat, at.Lon, DateTimeOffset.UtcNow, 5, 0, 90)))
            {
                Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
            }

            using var ops = await crashing.ClientAsync("operator");
            await WaitAsync(async () => (await ops.GetFromJsonAsync<List<TangerangLive.Api.Zones.OfficerOnMap>>("/api/officers/positions"))!.Any(p => p.OfficerId == Officer && p.Available), "the officer to be available");

            // The report is stored; its dispatch offers the officer, whose write lands, and the process dies before the report's.
            using var citizen = await crashing.ClientAsync("citizen");
            try
            {
                using var submitted = await citizen.SendAsync(Post(report, key));
            }
            catch (HttpRequestException)
            {
                // The process may die before the answer is written; the retry below learns the id.
            }

            await WaitAsync(() => Task.FromResult(crashing.HasExited), "the crash point after the officer's offer write to end the silo");
        }

        await using var restarted = await SiloProcess.StartAsync(connectionString, clusterId, args);
        using var staff = await restarted.ClientAsync("operator");

        // Automatic dispatch held for traffic jams, so only reconciliation can free the officer.
        using (var pause = await staff.PostAsJsonAsync("/api/ops/dispatch/categories/traffic-jam/pause", new ReasonRequest("offer crash test")))
        {
            Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        }

        var half = (await staff.GetFromJsonAsync<OfficerSnapshot>($"/api/officers/{Officer}", ApiJson.Options))!;
        Assert.Equal(OfficerDuty.Offered, half.Duty);
        var complaintId = half.Assignment!.ComplaintId;

        using var citizenAgain = await restarted.ClientAsync("citizen");
        using (var replay = await citizenAgain.SendAsync(Post(report, key)))
        {
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            Assert.Equal(complaintId, (await replay.Content.ReadFromJsonAsync<ReportAccepted>())!.Id);
        }

        var unsaved = (await staff.GetFromJsonAsync<ReportView>($"/api/ops/reports/{complaintId}", ApiJson.Options))!;
        Assert.Null(unsaved.OfficerId);
        Assert.DoesNotContain(unsaved.Timeline, t => t.Kind == "offered");

        await WaitAsync(async () => (await staff.GetFromJsonAsync<OfficerSnapshot>($"/api/officers/{Officer}", ApiJson.Options))!.Assignment is null,
            "reconciliation to free the officer of the offer the report never saved");

        using var phone = restarted.ClientWithToken(officerToken);
        using var beating = new CancellationTokenSource();
        var heartbeats = Task.Run(async () =>
        {
            while (!beating.IsCancellationRequested)
            {
                using var beat = await phone.PostAsJsonAsync("/api/me/heartbeat", new HeartbeatRequest(at.Lat, at.Lon, DateTimeOffset.UtcNow, 5, 0, 90));
                await Task.Delay(TimeSpan.FromSeconds(1), beating.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        });
        using (var resume = await staff.PostAsJsonAsync("/api/ops/dispatch/categories/traffic-jam/resume", new ReasonRequest("offer crash test")))
        {
            Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        }

        await WaitAsync(async () => (await staff.GetFromJsonAsync<ReportView>($"/api/ops/reports/{complaintId}", ApiJson.Options))!.Status == "Offered",
            "the report to be offered again after the resume");
        await beating.CancelAsync();
        await heartbeats;
        var offered = (await staff.GetFromJsonAsync<ReportView>($"/api/ops/reports/{complaintId}", ApiJson.Options))!;
        var officerNow = (await staff.GetFromJsonAsync<OfficerSnapshot>($"/api/officers/{Officer}", ApiJson.Options))!;
        Assert.Equal((Officer, complaintId), (offered.OfficerId, officerNow.Assignment?.ComplaintId));
    }

    private static HttpRequestMessage Post(ReportRequest report, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(report) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static Task WaitAsync(Func<Task<bool>> condition, string what) =>
        Poll.UntilAsync(condition, TimeSpan.FromSeconds(30), () => what);
}
