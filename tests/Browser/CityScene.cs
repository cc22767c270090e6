using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Field;
using TangerangLive.Api.Ops;
using TangerangLive.Api.Reports;
using TangerangLive.Tests.Api;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Browser;

/// <summary>
/// A populated city for the screenshots, the same every run: officers of five agencies spread over the
/// zones (bulk import, then each starts a shift and sends one heartbeat with a token minted by the test
/// key), and reports in different states (offered, acknowledged, en route, on scene, escalated, cancelled).
/// </summary>
public sealed class CityScene(SiloProcess silo, Action<string> log)
{
    private static readonly string[] Agencies = ["Dishub", "DBMSDA", "DKP", "SatpolPP", "BPBD"];

    private static readonly string[] Categories =
        ["traffic-jam", "flood", "garbage", "security", "fire", "damaged-road", "fallen-tree", "street-vendor", "illegal-parking", "blocked-drainage"];

    private static readonly string[] Descriptions =
        ["Macet total di simpang", "Genangan air setinggi lutut", "Sampah menumpuk tiga hari", "Keributan di depan pasar", "Asap dari gudang",
         "Jalan berlubang besar", "Pohon tumbang menutup jalan", "PKL menutup trotoar", "Parkir liar di bahu jalan", "Saluran air tersumbat"];

    /// <summary>Where each of the scene's officers was last put, by number.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (double Lat, double Lon)> _points = new();

    public IReadOnlyList<(double Lat, double Lon)> Centres { get; private set; } = [];

    public Uri BaseAddress => silo.Http.BaseAddress!;

    /// <summary>Officers number <paramref name="first"/> to first + officers - 1 start a shift where the scene puts them, then the reports are filed.</summary>
    public async Task<IReadOnlyList<string>> SeedAsync(int officers, int reports, int first = 0)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var admin = await silo.ClientAsync("admin");
        Centres = await ZoneCentresAsync(admin);
        var numbers = Enumerable.Range(first, officers).ToList();
        var ids = numbers.Select(OfficerId).ToList();
        var import = new RosterImportRequestBody([.. numbers.Select(i => new RosterImportOfficerBody(OfficerId(i), $"Officer {i}", Agencies[i % Agencies.Length], "pagi"))]);
        using (var imported = await admin.PostAsJsonAsync("/api/admin/officers/import", import))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        log($"Imported {ids.Count} officers in {clock.Elapsed.TotalSeconds:F1} s");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { BaseAddress = silo.Http.BaseAddress };
        var random = new Random(20261130 + first);
        var points = ids.Select(_ => Jitter(Centres[random.Next(Centres.Count)], random, 0.006)).ToList();
        for (var i = 0; i < numbers.Count; i++)
        {
            _points[numbers[i]] = points[i];
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var token = ApiSiloFixture.MintToken(Roles.Officer, DateTimeOffset.UtcNow.AddHours(2), userId: ids[i], officerId: ids[i]);
            await SendAsync(http, token, "/api/me/shift/start", null);
            await SendAsync(http, token, "/api/me/heartbeat", new HeartbeatRequest(points[i].Lat, points[i].Lon, DateTimeOffset.UtcNow, 8, 0, 80));
        });

        log($"Shifts started and first heartbeats sent after {clock.Elapsed.TotalSeconds:F1} s");
        var filed = await ReportsAsync(http, reports, random);
        log($"Reports filed and moved along after {clock.Elapsed.TotalSeconds:F1} s");
        return filed;
    }

    /// <summary>The id of the scene's officer number <paramref name="number"/>.</summary>
    public static string OfficerId(int number) => $"scene-{Agencies[number % Agencies.Length].ToLowerInvariant()}-{number:D6}";

    /// <summary>Sends one heartbeat for an officer of the scene a few metres from where it was (walking pace, no integrity alert).</summary>
    public async Task MoveAsync(HttpClient http, int number, Random random)
    {
        var at = _points[number] = Jitter(_points[number], random, 0.0001);
        var id = OfficerId(number);
        var token = ApiSiloFixture.MintToken(Roles.Officer, DateTimeOffset.UtcNow.AddHours(2), userId: id, officerId: id);
        await SendAsync(http, token, "/api/me/heartbeat", new HeartbeatRequest(at.Lat, at.Lon, DateTimeOffset.UtcNow, 8, 0, 80));
    }

    private async Task<IReadOnlyList<string>> ReportsAsync(HttpClient http, int count, Random random)
    {
        using var citizen = await silo.ClientAsync("citizen");
        using var op = await silo.ClientAsync("operator");
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var at = Jitter(Centres[random.Next(Centres.Count)], random, 0.004);
            var category = i % 9 == 0 ? "hospital-room" : Categories[i % Categories.Length];
            using var sent = await citizen.PostAsJsonAsync("/api/reports", new ReportRequest(category, Descriptions[i % Descriptions.Length], at.Lat, at.Lon, null, null));
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
            ids.Add((await sent.Content.ReadFromJsonAsync<ReportAccepted>())!.Id);
        }

        // Move some along: the officer each was offered to acknowledges, goes en route, arrives; some are cancelled.
        for (var i = 0; i < ids.Count; i++)
        {
            var view = await op.GetFromJsonAsync<JsonObject>($"/api/ops/reports/{ids[i]}");
            if (view!["officerId"]?.GetValue<string>() is not { } officerId || view["status"]!.GetValue<string>() != "Offered")
            {
                continue;
            }

            var token = ApiSiloFixture.MintToken(Roles.Officer, DateTimeOffset.UtcNow.AddHours(2), userId: officerId, officerId: officerId);
            var steps = (i % 6) switch
            {
                1 => ["acknowledge"],
                2 => ["acknowledge", "en-route"],
                3 => ["acknowledge", "en-route", "on-scene"],
                5 => ["acknowledge", "en-route", "on-scene"],
                _ => Array.Empty<string>(),
            };
            foreach (var step in steps)
            {
                await SendAsync(http, token, $"/api/me/assignments/{ids[i]}/{step}", null);
            }

            if (i % 6 == 5)
            {
                await ResolveAsync(http, token, ids[i]);
            }

            if (i % 6 == 4)
            {
                using var cancelled = await op.PostAsJsonAsync($"/api/ops/reports/{ids[i]}/cancel", new ReasonRequest("Reported twice by phone"));
                Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
            }
        }

        foreach (var id in ids)
        {
            await QueryModel.WaitForAsync(op, id);
        }

        return ids;
    }

    private static async Task ResolveAsync(HttpClient http, string token, string id)
    {
        using var form = new MultipartFormDataContent();
        var photo = new ByteArrayContent(TestImages.Png(64));
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(photo, "photo", "proof.png");
        form.Add(new StringContent("Sudah ditangani"), "note");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/me/assignments/{id}/resolve") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"resolve answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task SendAsync(HttpClient http, string token, string path, object? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The mean of each zone's outer ring: a point inside (or very near) every kelurahan.</summary>
    private static async Task<IReadOnlyList<(double Lat, double Lon)>> ZoneCentresAsync(HttpClient admin)
    {
        var zones = (await admin.GetFromJsonAsync<JsonObject>("/api/zones"))!;
        return [.. zones["features"]!.AsArray().Select(feature =>
        {
            var geometry = feature!["geometry"]!;
            var polygon = geometry["type"]!.GetValue<string>() == "MultiPolygon" ? geometry["coordinates"]![0]! : geometry["coordinates"]!;
            var ring = polygon[0]!.AsArray().Select(p => (Lon: p![0]!.GetValue<double>(), Lat: p[1]!.GetValue<double>())).ToList();
            return (ring.Average(p => p.Lat), ring.Average(p => p.Lon));
        })];
    }

    private static (double Lat, double Lon) Jitter((double Lat, double Lon) centre, Random random, double degrees) =>
        (Math.Round(centre.Lat + ((random.NextDouble() - 0.5) * degrees), 6), Math.Round(centre.Lon + ((random.NextDouble() - 0.5) * degrees), 6));

    private sealed record RosterImportRequestBody(IReadOnlyList<RosterImportOfficerBody> Officers);

    private sealed record RosterImportOfficerBody(string OfficerId, string Name, string Agency, string Shift);
}
