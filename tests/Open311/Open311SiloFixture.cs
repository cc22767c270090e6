using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using TangerangLive.Api.Admin;
using TangerangLive.Api.Open311;
using TangerangLive.Grains;
using TangerangLive.Tests.Api;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Open311;

/// <summary>
/// One real silo process on a fresh PostgreSQL database for the Open311 tests (ApiSiloFixture's way):
/// the demo officers on the roster, one api_key issued by the admin, and points inside the city far
/// enough apart (about 220 m) that no two reports are duplicates of each other.
/// </summary>
public class Open311SiloFixture : IAsyncLifetime
{
    private static readonly CityModel City = CityModel.BuiltIn();
    private int _points;

    public SiloProcess Silo { get; private set; } = null!;

    public string ConnectionString { get; private set; } = null!;

    /// <summary>A live api_key, as a client application keeps it.</summary>
    public string ApiKey { get; private set; } = null!;

    /// <summary>Anonymous Open311 reads allowed per address per minute.</summary>
    protected virtual int ReadsPerMinute => 100_000;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync("o311");
        Silo = await SiloProcess.StartAsync(ConnectionString, $"o311-{Guid.NewGuid():N}"[..16], ApiClients.SiloArgs(
            "--Auth:SigningKey", ApiSiloFixture.SigningKey,
            "--Open311:ReadsPerMinute", ReadsPerMinute.ToString(CultureInfo.InvariantCulture)));
        using var admin = await Silo.ClientAsync("admin");
        foreach (var (officer, device) in new[] { (ApiSiloFixture.Officer1, "osmand-dishub-1"), (ApiSiloFixture.Officer2, "osmand-dishub-2") })
        {
            using var put = await admin.PutAsJsonAsync($"/api/admin/officers/{officer}", new OfficerRequest(officer, "Dishub", "Demo", null, [device], true));
            put.EnsureSuccessStatusCode();
        }

        ApiKey = (await IssueKeyAsync(admin, "FixMyStreet test")).ApiKey;
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();

    public Task<HttpClient> ClientAsync(string username) => Silo.ClientAsync(username);

    public static async Task<IssuedOpen311Key> IssueKeyAsync(HttpClient admin, string name)
    {
        using var response = await admin.PostAsJsonAsync("/api/admin/open311/keys", new CreateOpen311KeyRequest(name));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<IssuedOpen311Key>())!;
    }

    /// <summary>A fresh point inside the city, at least 200 m from every point handed out before.</summary>
    public (double Lat, double Lon) NextPoint()
    {
        while (true)
        {
            var n = Interlocked.Increment(ref _points);
            var point = (Lat: Math.Round(-6.13 - (0.002 * (n / 40)), 4), Lon: Math.Round(106.58 + (0.002 * (n % 40)), 4));
            if (City.Map.Contains(point.Lat, point.Lon))
            {
                return point;
            }
        }
    }

    /// <summary>POSTs requests.{format} as a form, with this fixture's api_key unless the fields name one.</summary>
    public async Task<HttpResponseMessage> PostRequestAsync(string format, params (string Name, string Value)[] fields)
    {
        var all = fields.Any(f => f.Name == "api_key") ? fields : [("api_key", ApiKey), .. fields];
        using var content = new FormUrlEncodedContent(all.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await Silo.Http.PostAsync($"/open311/v2/requests.{format}", content);
    }

    /// <summary>A report at a fresh point through Open311; returns its service_request_id.</summary>
    public async Task<string> SubmitAsync(string serviceCode, string description = "Lampu jalan mati", params (string Name, string Value)[] extra)
    {
        var (lat, lon) = NextPoint();
        using var response = await PostRequestAsync("json", [
            ("service_code", serviceCode), ("description", description),
            ("lat", lat.ToString(CultureInfo.InvariantCulture)), ("long", lon.ToString(CultureInfo.InvariantCulture)), .. extra]);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST requests.json: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement[0].GetProperty("service_request_id").GetString()!;
    }

    /// <summary>Waits until the projection wrote the report to the query model, which Open311 reads.</summary>
    public Task WaitForQueryModelAsync(string reportId) => QueryModel.WaitForAsync(ConnectionString, reportId);
}

/// <summary>The same silo with a read limit of 3 per minute per address.</summary>
public sealed class Open311ThrottledFixture : Open311SiloFixture
{
    public const int Limit = 3;

    protected override int ReadsPerMinute => Limit;
}
