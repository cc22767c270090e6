using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TangerangLive.Api.Admin;
using TangerangLive.Api.Zones;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Api;

/// <summary>OsmAnd / Traccar Client pings by registered device, the positions snapshot and the live zone map.</summary>
public sealed class TrackingTests(ApiSiloFixture api) : IClassFixture<ApiSiloFixture>
{
    [Fact]
    public async Task A_Traccar_style_ping_with_a_registered_device_moves_its_officer()
    {
        using var officer = await api.ClientAsync(ApiSiloFixture.Officer1);
        using (var start = await officer.PostAsync("/api/me/shift/start", null))
        {
            Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        }

        // Fixed three minutes before the second ping, so the 1.5 km between them is a plausible ride, not a teleport.
        var unix = DateTimeOffset.UtcNow.AddMinutes(-3).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var get = await api.Silo.Http.GetAsync($"/osmand?id=osmand-dishub-1&lat=-6.1701&lon=106.6402&timestamp={unix}&speed=5.4&bearing=90&altitude=21&accuracy=6&batt=77");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);

        using var ops = await api.ClientAsync("operator");
        var snapshot = await ops.GetFromJsonAsync<OfficerSnapshot>($"/api/officers/{ApiSiloFixture.Officer1}", ApiJson.Options);
        Assert.Equal((-6.1701, 106.6402), (snapshot!.LastFix!.Value.Lat, snapshot.LastFix.Value.Lon));
        Assert.True(snapshot.Online);
        var positions = await ops.GetFromJsonAsync<IReadOnlyList<OfficerOnMap>>("/api/officers/positions");
        var onMap = Assert.Single(positions!, p => p.OfficerId == ApiSiloFixture.Officer1);
        Assert.Equal((-6.1701, 106.6402, true), (onMap.Lat, onMap.Lon, onMap.Available));

        // The POST form of the protocol, with an ISO 8601 time.
        using var post = await api.Silo.Http.PostAsync("/osmand", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = "osmand-dishub-1", ["lat"] = "-6.1801", ["lon"] = "106.6502", ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        }));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        snapshot = await ops.GetFromJsonAsync<OfficerSnapshot>($"/api/officers/{ApiSiloFixture.Officer1}", ApiJson.Options);
        Assert.Equal((-6.1801, 106.6502), (snapshot!.LastFix!.Value.Lat, snapshot.LastFix.Value.Lon));

        // The zone map counts the officer where the last ping put them.
        using var viewer = await api.ClientAsync("viewer");
        using var zones = await viewer.GetAsync("/api/zones");
        Assert.Equal("application/geo+json", zones.Content.Headers.ContentType?.MediaType);
        var collection = JsonNode.Parse(await zones.Content.ReadAsStringAsync())!;
        var features = collection["features"]!.AsArray();
        Assert.Equal("FeatureCollection", collection["type"]!.GetValue<string>());
        Assert.True(features.Count > 50, $"{features.Count} zones");
        positions = await ops.GetFromJsonAsync<IReadOnlyList<OfficerOnMap>>("/api/officers/positions");
        var now = Assert.Single(positions!, p => p.OfficerId == ApiSiloFixture.Officer1);
        int Online(JsonNode? feature) => feature!["properties"]!["officersOnline"]!.GetValue<int>();
        var zone = features.Single(f => f!["properties"]!["code"]!.GetValue<string>() == now.ZoneCode);
        Assert.Equal(positions!.Count(p => p.ZoneCode == now.ZoneCode), Online(zone));
        Assert.Equal(positions!.Count(p => p.ZoneCode is not null), features.Sum(Online));
    }

    [Fact]
    public async Task An_officer_outside_every_zone_is_on_the_positions_snapshot_without_a_zone()
    {
        const string officerId = "officer-dishub-edge";
        using var admin = await api.ClientAsync("admin");
        using (var put = await admin.PutAsJsonAsync($"/api/admin/officers/{officerId}", new OfficerRequest("Edge", "Dishub", "Demo", null, ["osmand-dishub-edge"], true)))
        {
            put.EnsureSuccessStatusCode();
        }

        using var officer = api.Silo.ClientWithToken(ApiSiloFixture.MintToken("officer", DateTimeOffset.UtcNow.AddHours(1), userId: "u-edge", officerId: officerId));
        using (var start = await officer.PostAsync("/api/me/shift/start", null))
        {
            Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        }

        // South-west of the city, outside every kelurahan: the officer's first fix, so no speed check applies.
        using var ping = await api.Silo.Http.GetAsync("/osmand?id=osmand-dishub-edge&lat=-6.3500&lon=106.5000");
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);

        using var ops = await api.ClientAsync("operator");
        var snapshot = await ops.GetFromJsonAsync<OfficerSnapshot>($"/api/officers/{officerId}", ApiJson.Options);
        Assert.Null(snapshot!.ZoneCode);
        IReadOnlyList<OfficerOnMap>? positions = null;
        await Poll.UntilAsync(
            async () => (positions = await ops.GetFromJsonAsync<IReadOnlyList<OfficerOnMap>>("/api/officers/positions"))!.Any(p => p.OfficerId == officerId),
            TimeSpan.FromSeconds(10), () => $"{officerId} on the positions snapshot (the index is fed one way)");
        var onMap = Assert.Single(positions!, p => p.OfficerId == officerId);
        Assert.Equal((null, -6.35, 106.5, true), (onMap.ZoneCode, onMap.Lat, onMap.Lon, onMap.Available));
    }

    [Fact]
    public async Task A_device_belongs_to_one_officer()
    {
        using var admin = await api.ClientAsync("admin");
        using var taken = await admin.PutAsJsonAsync($"/api/admin/officers/{ApiSiloFixture.Officer2}",
            new OfficerRequest("Two", "Dishub", null, null, ["osmand-dishub-2", "osmand-dishub-1"], true));
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("osmand-dishub-1", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var moved = await admin.PutAsJsonAsync($"/api/admin/officers/{ApiSiloFixture.Officer2}",
            new OfficerRequest("Two", "Dishub", null, null, ["osmand-dishub-2b"], true));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        using var old = await api.Silo.Http.GetAsync("/osmand?id=osmand-dishub-2&lat=-6.18&lon=106.65");
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        using var current = await api.Silo.Http.GetAsync("/osmand?id=osmand-dishub-2b&lat=-6.18&lon=106.65");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }
}
