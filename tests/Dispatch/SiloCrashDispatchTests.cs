using System.Net;
using System.Net.Http.Json;
using TangerangLive.Api.Admin;
using TangerangLive.Api.Field;
using TangerangLive.Api.Reports;
using TangerangLive.Grains;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Dispatch;

/// <summary>A silo process killed while reports are being dispatched: nothing accepted is lost, and every report settles.</summary>
public sealed class SiloCrashDispatchTests
{
    private static readonly string[] Settled = ["Offered", "Acknowledged", "Escalated"];

    [Fact]
    public async Task Killing_a_silo_mid_dispatch_loses_no_report_and_every_report_ends_assigned_or_escalated()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("crash_dispatch");
        var clusterId = $"crash-{Guid.NewGuid():N}"[..16];
        await using var survivor = await SiloProcess.StartAsync(connectionString, clusterId, ApiClients.SiloArgs());
        await using var victim = await SiloProcess.StartAsync(connectionString, clusterId, ApiClients.SiloArgs());

        var map = CityModel.BuiltIn().Map;
        var centre = (map.All[50].CentroidLat, map.All[50].CentroidLon);
        (double Lat, double Lon) Offset(double east, double north)
        {
            var p = map.Metric.Project(centre.Item1, centre.Item2);
            return map.Metric.Unproject(p.X + east, p.Y + north);
        }

        using (var admin = await survivor.ClientAsync("admin"))
        {
            foreach (var officer in new[] { "officer-dishub-1", "officer-dishub-2" })
            {
                using var put = await admin.PutAsJsonAsync($"/api/admin/officers/{officer}", new OfficerRequest(officer, "Dishub", "Demo", null, [], true));
                Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            }
        }

        var officers = new[] { (Client: await survivor.ClientAsync("officer-dishub-1"), At: Offset(100, 0)), (Client: await survivor.ClientAsync("officer-dishub-2"), At: Offset(0, 300)) };
        foreach (var (client, _) in officers)
        {
            using var start = await client.PostAsync(new Uri("/api/me/shift/start", UriKind.Relative), null);
            Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        }

        using var heartbeats = new CancellationTokenSource();
        var phones = Task.Run(async () =>
        {
            while (!heartbeats.IsCancellationRequested)
            {
                foreach (var (client, at) in officers)
                {
                    using var beat = await client.PostAsJsonAsync("/api/me/heartbeat", new HeartbeatRequest(at.Lat, at.Lon, DateTimeOffset.UtcNow, 5, null, null));
                }

                await Task.Delay(TimeSpan.FromSeconds(5), heartbeats.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        });
        // Both officers must be matchable before the reports arrive: waiting for one of them let a busy machine
        // dispatch every report before the second officer's first heartbeat reached its zone (1 held, not 2).
        using (var ops = await survivor.ClientAsync("operator"))
        {
            await WaitAsync(
                async () => (await ops.GetFromJsonAsync<List<TangerangLive.Api.Zones.OfficerOnMap>>("/api/officers/positions"))!
                    .Count(p => p.OfficerId.StartsWith("officer-dishub-", StringComparison.Ordinal) && p.Available) == 2,
                "both officers available in their zones", TimeSpan.FromSeconds(30));
        }

        // Twelve reports through both front doors; the second silo dies right behind them.
        using var citizenA = await survivor.ClientAsync("citizen");
        using var citizenB = await victim.ClientAsync("citizen");
        var accepted = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var at = Offset((i % 4) * 400, (i / 4) * 400);
            using var response = await (i % 2 == 0 ? citizenA : citizenB).PostAsJsonAsync("/api/reports", new ReportRequest("traffic-jam", $"jam {i}", at.Lat, at.Lon, null, null));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            accepted.Add((await response.Content.ReadFromJsonAsync<ReportAccepted>())!.Id);
        }

        victim.Kill();

        var statuses = new Dictionary<string, string>();
        await WaitAsync(async () =>
        {
            foreach (var id in accepted)
            {
                using var read = await citizenA.GetAsync(new Uri($"/api/reports/{id}", UriKind.Relative));
                statuses[id] = read.StatusCode == HttpStatusCode.OK ? (await read.Content.ReadFromJsonAsync<ReportView>(ApiJson.Options))!.Status : $"HTTP {(int)read.StatusCode}";
            }

            return statuses.Values.All(Settled.Contains);
        }, "every accepted report to settle after the kill", TimeSpan.FromSeconds(150), () => string.Join(", ", statuses.Select(s => $"{s.Key}={s.Value}")));

        await heartbeats.CancelAsync();
        await phones;
        Assert.Equal(12, statuses.Count);
        var held = new List<string>();
        foreach (var id in accepted.Where(id => statuses[id] != "Escalated"))
        {
            held.Add((await citizenA.GetFromJsonAsync<ReportView>($"/api/reports/{id}", ApiJson.Options))!.OfficerId!);
        }

        Assert.Equal(2, held.Count);
        Assert.Equal(2, held.Distinct().Count());
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan timeout, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {what}. {state?.Invoke()}");
    }
}
