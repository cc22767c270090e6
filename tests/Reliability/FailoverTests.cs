using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using TangerangLive.Api.Enrolment;
using TangerangLive.Api.Reports;
using TangerangLive.Grains;
using TangerangLive.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TangerangLive.Tests.Reliability;

/// <summary>
/// Two silo processes on one PostgreSQL, officers heartbeating and acknowledging through the officer hub,
/// reports through both silos with Idempotency-Keys, one silo killed with SIGKILL mid-run. Nothing accepted is
/// lost, every report settles within its acknowledgement deadline + 30 s of the kill, officers and reports
/// agree, the query model shows every final status, and the survivor answers 503 with Retry-After, never 500.
/// </summary>
public sealed partial class FailoverTests(ITestOutputHelper output)
{
    private const int AckDeadlineSeconds = 10;
    private const int Officers = 14;
    private const int ReportsBeforeKill = 6;
    private const int ReportsAfterKill = 6;
    private static readonly TimeSpan SettleAllowance = TimeSpan.FromSeconds(AckDeadlineSeconds + 30);

    [Fact]
    public Task Killing_the_second_silo_mid_run_loses_no_report_and_every_report_settles() => RunAsync(killFirst: false);

    [Fact]
    public Task Killing_the_first_silo_mid_run_loses_no_report_and_every_report_settles() => RunAsync(killFirst: true);

    private async Task RunAsync(bool killFirst)
    {
        var clock = Stopwatch.StartNew();
        var connectionString = await PostgresServer.CreateDatabaseAsync("failover");
        var clusterId = $"fo-{Guid.NewGuid():N}"[..16];
        var args = ApiClients.SiloArgs(
            "--City:DefinitionFile", ShortDeadlineCity(),
            "--Dispatch:WatchPeriodSeconds", "5",
            "--Dispatch:ReconcilePeriodSeconds", "5",
            "--Silo:ProbeTimeoutSeconds", "3");
        var (first, second) = await StartTwoSilosAsync(connectionString, clusterId, args);
        await using var disposeFirst = first;
        await using var disposeSecond = second;
        var credentials = await ImportOfficersAsync(first);
        var tokens = await Task.WhenAll(Enumerable.Range(0, Officers).Select(i => DeviceTokenAsync(i % 2 == 0 ? first : second, credentials[OfficerId(i)])));
        var (victim, survivor) = killFirst ? (first, second) : (second, first);
        var silos = new[] { first, second };
        var traffic = new FailoverTraffic();
        output.WriteLine($"two silos ready after {clock.Elapsed.TotalSeconds:F1} s; the first to join is :{first.HttpPort}");

        var map = CityModel.BuiltIn().Map;
        var centre = (map.All[50].CentroidLat, map.All[50].CentroidLon);
        (double Lat, double Lon) Offset(double east, double north)
        {
            var p = map.Metric.Project(centre.Item1, centre.Item2);
            return map.Metric.Unproject(p.X + east, p.Y + north);
        }

        // Officers enrolled as a city does it (roster import, device credentials), half on each silo's hub.
        var phones = Enumerable.Range(0, Officers)
            .Select(i => new FailoverOfficer(OfficerId(i), tokens[i], Offset((i % 7) * 350, ((i / 7) * 350) - 175), traffic)).ToList();
        await using var cleanup = new Cleanup(phones);
        await Task.WhenAll(phones.Select(async (phone, i) =>
        {
            await phone.ConnectAsync(silos[i % 2]);
            await phone.StartShiftAsync();
            await phone.BeatAsync();
        }));
        using var beating = new CancellationTokenSource();
        var heartbeats = HeartbeatAsync(phones, beating.Token);
        using var staff = traffic.Client(survivor);
        staff.DefaultRequestHeaders.Authorization = new("Bearer", (await survivor.TokenAsync("admin")).AccessToken);
        var checks = new FailoverChecks(staff, output);
        await checks.WaitForAvailableOfficersAsync(phones.Select(p => p.OfficerId).ToList(), TimeSpan.FromSeconds(30));

        // Reports through both front doors; the victim dies right behind the first half, the second half meets the failover.
        var citizens = new Dictionary<SiloProcess, HttpClient>();
        foreach (var silo in silos)
        {
            citizens[silo] = traffic.Client(silo);
            citizens[silo].DefaultRequestHeaders.Authorization = new("Bearer", (await silo.TokenAsync("citizen")).AccessToken);
        }

        var submissions = new List<Submission>();
        for (var i = 0; i < ReportsBeforeKill + ReportsAfterKill; i++)
        {
            if (i == ReportsBeforeKill)
            {
                victim.Kill();
                checks.KilledAt = DateTimeOffset.UtcNow;
                output.WriteLine($"killed silo :{victim.HttpPort} (pid {victim.ProcessId}, started {(killFirst ? "first" : "second")}) at {clock.Elapsed.TotalSeconds:F1} s");
                foreach (var phone in phones.Where(p => p.Silo == victim))
                {
                    await phone.ConnectAsync(survivor);
                    await phone.CatchUpAsync();
                }
            }

            var at = Offset(((i % 6) * 350) + 175, ((i / 6) * 350) - 175);
            var submission = new Submission($"failover-{i}-{Guid.NewGuid():N}", new ReportRequest("traffic-jam", $"Macet {i}", at.Lat, at.Lon, null, null));
            submissions.Add(submission);
            await submission.SendAsync(citizens, silos[i % 2], survivor);
        }

        output.WriteLine($"{submissions.Count} reports accepted by {clock.Elapsed.TotalSeconds:F1} s; retried: {string.Join("; ", submissions.Where(s => s.Refusals.Count > 0).Select(s => $"{s.Key} after {string.Join(",", s.Refusals)} -> {(s.Accepted!.Replayed ? "replayed" : "created")}"))}");
        var reports = submissions.Select(s => (s.Accepted!.Id, AcceptedAt: s.AcceptedAt)).ToList();
        var settled = await checks.WaitUntilSettledAsync(reports, SettleAllowance);
        await checks.WaitUntilQuietAndConsistentAsync(reports.Select(r => r.Id).ToList(), phones.Select(p => p.OfficerId).ToList(), TimeSpan.FromSeconds(40));
        await checks.WaitForQueryModelAsync(settled.Keys.ToList(), checks.StartedAt, TimeSpan.FromSeconds(30));
        await beating.CancelAsync();
        await heartbeats;

        var answers = traffic.Answers;
        output.WriteLine($"HTTP answers: {string.Join(", ", answers.GroupBy(a => (int)a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}"))}; " +
                         $"hub acknowledgements: {traffic.Acknowledgements.Count}; finished after {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Empty(answers.Where(a => (int)a.Status >= 500 && a.Status != HttpStatusCode.ServiceUnavailable).Select(a => a.ToString()));
        Assert.Empty(answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable && a.RetryAfter is null).Select(a => a.ToString()));
        Assert.All(submissions, s => Assert.NotNull(s.Accepted));
        Assert.Equal(reports.Count, reports.Select(r => r.Id).Distinct().Count());
        Assert.False(survivor.HasExited, survivor.Output);
    }

    /// <summary>
    /// Starts two silos at once (a busy machine starts them in half the time) and returns them in the order they
    /// joined the cluster (their start time in the membership table): "first" is the cluster's oldest silo.
    /// </summary>
    private static async Task<(SiloProcess First, SiloProcess Second)> StartTwoSilosAsync(string connectionString, string clusterId, string[] args)
    {
        var starting = new[] { SiloProcess.StartAsync(connectionString, clusterId, args), SiloProcess.StartAsync(connectionString, clusterId, args) };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT port FROM orleans_membership WHERE deployment_id = @cluster ORDER BY start_time, generation LIMIT 1", connection);
        query.Parameters.AddWithValue("cluster", clusterId);
        var oldestPort = (int)(await query.ExecuteScalarAsync())!;
        var (a, b) = (starting[0].Result, starting[1].Result);
        return a.SiloPort == oldestPort ? (a, b) : (b, a);
    }

    private static string OfficerId(int i) => $"officer-fo-{i + 1}";

    /// <summary>The built-in city with a short acknowledgement deadline for traffic jams, so the test fits in 90 s.</summary>
    private static string ShortDeadlineCity()
    {
        using var stream = Grains.City.EmbeddedData.Open(Grains.City.CityCatalog.BuiltInResourceName);
        using var reader = new StreamReader(stream);
        var json = TrafficJamDeadline().Replace(reader.ReadToEnd(), $"${{1}}{AckDeadlineSeconds}");
        var path = Path.Combine(Path.GetTempPath(), $"tl-failover-city-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static async Task<Dictionary<string, string>> ImportOfficersAsync(SiloProcess silo)
    {
        using var admin = await silo.ClientAsync("admin");
        var csv = new StringBuilder("officer_id,name,agency,team\n");
        for (var i = 0; i < Officers; i++)
        {
            csv.Append($"{OfficerId(i)},Petugas {i + 1},Dishub,failover\n");
        }

        using var response = await admin.PostAsync(new Uri("/api/admin/officers/import?credentials=issue", UriKind.Relative), new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var result = (await response.Content.ReadFromJsonAsync<RosterImportResult>())!;
        return result.Officers.ToDictionary(o => o.OfficerId, o => o.DeviceCredential!);
    }

    private static async Task<string> DeviceTokenAsync(SiloProcess silo, string credential)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/device-token");
        request.Headers.Authorization = new("Device", credential);
        using var response = await silo.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TangerangLive.Api.Auth.IssuedToken>())!.AccessToken;
    }

    private static async Task HeartbeatAsync(IReadOnlyList<FailoverOfficer> phones, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.WhenAll(phones.Select(p => p.BeatAsync()));
            await Task.Delay(TimeSpan.FromSeconds(2), stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [GeneratedRegex("(\"code\": \"traffic-jam\"[^}]*\"ackDeadlineSeconds\": )\\d+")]
    private static partial Regex TrafficJamDeadline();

    private sealed class Cleanup(IEnumerable<FailoverOfficer> phones) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var phone in phones)
            {
                await phone.DisposeAsync();
            }
        }
    }
}
