using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TangerangLive.Api.Admin;
using TangerangLive.Grains.Attendance;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Api;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Intake;

/// <summary>
/// Every OsmAnd and Traccar Client shape, replayed against a real silo: each moves its own officer
/// (a fresh one per shape, so no two fixes race the speed check) to the point it sent, with the
/// device time read right (a misread time would raise a clock-skew flag or be refused).
/// </summary>
public sealed class TrackerShapeTests(ApiSiloFixture api) : IClassFixture<ApiSiloFixture>
{
    private static readonly string[] ShapeNames =
    [
        "get-query", "get-deviceid-location-ms", "get-iso-offset-unescaped", "get-sql-datetime",
        "post-query-empty-body", "post-query-empty-form", "post-form", "traccar-json", "traccar-json-unix-ms",
    ];

    public static TheoryData<string> Shapes => new(ShapeNames);

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Each_tracker_shape_moves_its_officer_to_the_point_sent(string shape)
    {
        var (officerId, device) = await NewTrackedOfficerAsync(shape);
        var lat = -6.17 - (Array.IndexOf(ShapeNames, shape) * 0.001);
        const double lon = 106.6402;

        using var response = await api.Silo.Http.SendAsync(Request(shape, device, lat, lon, DateTimeOffset.UtcNow.AddMinutes(-1), mock: false));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{shape}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var snapshot = await SnapshotAsync(officerId);
        Assert.Equal((lat, lon), (snapshot.LastFix!.Value.Lat, snapshot.LastFix.Value.Lon));
        Assert.True(snapshot.Online);
        Assert.Empty(snapshot.OpenFlags ?? []);
    }

    [Theory]
    [InlineData("traccar-json")]
    [InlineData("get-query")]
    public async Task A_fix_the_device_calls_mock_is_used_and_flagged(string shape)
    {
        var (officerId, device) = await NewTrackedOfficerAsync("mock-" + shape);

        using var response = await api.Silo.Http.SendAsync(Request(shape, device, -6.2001, 106.6302, DateTimeOffset.UtcNow.AddMinutes(-1), mock: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var snapshot = await SnapshotAsync(officerId);
        Assert.Equal((-6.2001, 106.6302), (snapshot.LastFix!.Value.Lat, snapshot.LastFix.Value.Lon));
        var flag = Assert.Single(snapshot.OpenFlags!);
        Assert.Equal(IntegrityFlagType.MockLocation, flag.Type);
    }

    [Theory]
    [InlineData("""{"device_id":"d","location":{"timestamp":"2025-01-01T00:00:00Z","coords":{"latitude":"x","longitude":106.6}}}""", "location.coords.latitude")]
    [InlineData("""{"location":{"coords":{"latitude":-6.2,"longitude":106.6}}}""", "device_id")]
    [InlineData("""{"device_id":"d","location":{"coords":{"latitude":999,"longitude":106.6}}}""", "location.coords.latitude")]
    [InlineData("""{"device_id":"d","location":{"timestamp":"yesterday","coords":{"latitude":-6.2,"longitude":106.6}}}""", "location.timestamp")]
    [InlineData("""{"device_id":"d","location":{"coords":{"latitude":-6.2}}}""", "location.coords.longitude")]
    [InlineData("""{"device_id":"d","location":""", "location")]
    [InlineData("not json", "body")]
    public async Task A_bad_Traccar_Client_body_is_a_400_naming_the_field(string body, string field)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await api.Silo.Http.PostAsync("/osmand", content);

        await AssertNamesAsync(response, field);
    }

    [Theory]
    [InlineData("/osmand?id=d&location=abc", "location")]
    [InlineData("/osmand?id=d&lat=-6.2&lon=106.6&timestamp=soon", "timestamp")]
    [InlineData("/osmand?id=d&lat=-6.2&lon=106.6&hdop=wide", "hdop")]
    [InlineData("/osmand?id=d&lat=-6.2&lon=106.6&batt=140", "batt")]
    [InlineData("/osmand?lat=-6.2&lon=106.6", "id")]
    public async Task A_bad_OsmAnd_query_is_a_400_naming_the_field(string url, string field)
    {
        using var response = await api.Silo.Http.GetAsync(url);

        await AssertNamesAsync(response, field);
    }

    private static async Task AssertNamesAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        using var problem = JsonDocument.Parse(text);
        var named = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal([field], named);
    }

    private static HttpRequestMessage Request(string shape, string device, double lat, double lon, DateTimeOffset at, bool mock)
    {
        var unix = at.ToUnixTimeSeconds();
        var query = Invariant($"lat={lat}&lon={lon}&timestamp={unix}");
        return shape switch
        {
            "get-query" => new(HttpMethod.Get, Invariant($"/osmand?id={device}&{query}&speed=5.4&bearing=90&altitude=21&accuracy=6&batt=77&valid=true{(mock ? "&mock=true" : "")}")),
            "get-deviceid-location-ms" => new(HttpMethod.Get, Invariant($"/osmand?deviceid={device}&location={lat},{lon}&timestamp={at.ToUnixTimeMilliseconds()}&heading=180&hdop=1.2")),
            "get-iso-offset-unescaped" => new(HttpMethod.Get, Invariant($"/osmand?id={device}&lat={lat}&lon={lon}&timestamp={at.ToOffset(TimeSpan.FromHours(7)):yyyy-MM-ddTHH:mm:sszzz}")),
            "get-sql-datetime" => new(HttpMethod.Get, Invariant($"/osmand?id={device}&lat={lat}&lon={lon}&timestamp={Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))}")),
            "post-query-empty-body" => new(HttpMethod.Post, Invariant($"/osmand?id={device}&{query}")),
            "post-query-empty-form" => new(HttpMethod.Post, Invariant($"/osmand?id={device}&{query}")) { Content = new FormUrlEncodedContent([]) },
            "post-form" => new(HttpMethod.Post, "/osmand")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["id"] = device, ["lat"] = Invariant($"{lat}"), ["lon"] = Invariant($"{lon}"), ["timestamp"] = at.ToString("O", CultureInfo.InvariantCulture),
                    ["speed"] = "3", ["bearing"] = "271.5", ["accuracy"] = "12", ["batt"] = "64.5", ["charge"] = "true", ["cell"] = "510,10,1234,5678", ["driverUniqueId"] = "x",
                }),
            },
            "traccar-json" => Json(TraccarBody(device, lat, lon, JsonSerializer.Serialize(at.ToString("O", CultureInfo.InvariantCulture)), mock)),
            "traccar-json-unix-ms" => Json(TraccarBody(device, lat, lon, at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), mock)),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "unknown shape"),
        };
    }

    /// <summary>The body the current Traccar Client posts, with every member it sends (unknown ones included).</summary>
    private static string TraccarBody(string device, double lat, double lon, string timestampJson, bool mock) => Invariant($$"""
        {"location": {"timestamp": {{timestampJson}}, "coords": {"latitude": {{lat}}, "longitude": {{lon}}, "accuracy": 4.8, "speed": -1,
          "heading": -1, "altitude": 12.5, "ellipsoidal_altitude": 12.5, "altitude_accuracy": 3},
          "is_moving": false, "odometer": 0, "event": "motionchange", "uuid": "5b1c3c3e", "age": 42,
          "battery": {"level": 0.85, "is_charging": true}, "activity": {"type": "still", "confidence": 100},
          "extras": {"note": "shift A"}, "mock": {{(mock ? "true" : "false")}}},
         "device_id": "{{device}}"}
        """);

    private static HttpRequestMessage Json(string body) => new(HttpMethod.Post, "/osmand") { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private async Task<(string OfficerId, string Device)> NewTrackedOfficerAsync(string shape)
    {
        var officerId = $"officer-shape-{shape}";
        var device = $"dev-{shape}-{Guid.NewGuid():N}"[..40];
        using var admin = await api.ClientAsync("admin");
        using var put = await admin.PutAsJsonAsync($"/api/admin/officers/{officerId}", new OfficerRequest(officerId, "Dishub", "Shapes", null, [device], true));
        put.EnsureSuccessStatusCode();
        return (officerId, device);
    }

    private async Task<OfficerSnapshot> SnapshotAsync(string officerId)
    {
        using var ops = await api.ClientAsync("operator");
        return (await ops.GetFromJsonAsync<OfficerSnapshot>($"/api/officers/{officerId}", ApiJson.Options))!;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
