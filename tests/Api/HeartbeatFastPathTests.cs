using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TangerangLive.Api.Field;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Api;

/// <summary>
/// <c>POST /api/me/heartbeat</c> on the heartbeat fast path (answered before the general middleware when the
/// token was validated before): it answers what the endpoint answers (the position applied, a bad field named,
/// another officer's id refused), and everything it is not sure of goes to the endpoint (a body it cannot read, one
/// without a Content-Length, another content type, a token it has not seen, another role, no token). Which path answered is read from the
/// silo's tangerang_heartbeats_fast_path_total counter. Real silo, real PostgreSQL, real HTTP.
/// </summary>
public sealed partial class HeartbeatFastPathTests(ApiSiloFixture api) : IClassFixture<ApiSiloFixture>
{
    private const double Lat = -6.1850;
    private const double Lon = 106.6530;

    [Fact]
    public async Task A_known_officer_token_is_answered_on_the_fast_path_as_the_endpoint_answers()
    {
        using var officer = await OnShiftAsync(ApiSiloFixture.Officer1);
        var before = await FastPathCountAsync();
        using var applied = await officer.PostAsync(HeartbeatFastPath.Path, Body(new HeartbeatRequest(Lat, Lon, DateTimeOffset.UtcNow, 8, 0, 90)));
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal("application/json", applied.Content.Headers.ContentType?.MediaType);
        var result = await applied.Content.ReadFromJsonAsync<HeartbeatResult>();
        Assert.Equal(1, result!.Accepted);
        Assert.NotNull(result.ZoneCode);
        Assert.Empty(result.Flags);
        Assert.Equal(before + 1, await FastPathCountAsync());

        // A bad position: a validation problem naming the fields, as the endpoint's.
        using var bad = await officer.PostAsync(HeartbeatFastPath.Path, Body(new HeartbeatRequest(200, Lon, DateTimeOffset.UtcNow.AddHours(2), 8, 0, 90)));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        using (var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()))
        {
            Assert.Equal(["deviceTime", "lat"], problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }

        // Another officer's id in the body: refused.
        using var impostor = await officer.PostAsync(HeartbeatFastPath.Path, Body(new HeartbeatRequest(Lat, Lon, DateTimeOffset.UtcNow, 8, 0, 90, ApiSiloFixture.Officer2)));
        Assert.Equal(HttpStatusCode.Forbidden, impostor.StatusCode);
        Assert.Contains("only as themself", await impostor.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 3, await FastPathCountAsync());

        var me = await officer.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(Lat, me.GetProperty("lastFix").GetProperty("lat").GetDouble());
    }

    [Fact]
    public async Task What_the_fast_path_is_not_sure_of_is_answered_by_the_endpoint()
    {
        using var officer = await OnShiftAsync(ApiSiloFixture.Officer2);
        var before = await FastPathCountAsync();

        // A body that is not JSON: the endpoint reads the same bytes and says so.
        using var broken = await officer.PostAsync(HeartbeatFastPath.Path, new StringContent("{\"lat\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);

        // A body without a Content-Length (HttpClient streams JSON content chunked): the endpoint applies it.
        using var chunked = await officer.PostAsJsonAsync(HeartbeatFastPath.Path, new HeartbeatRequest(Lat, Lon, DateTimeOffset.UtcNow, 8, 0, 90));
        Assert.Equal(HttpStatusCode.OK, chunked.StatusCode);
        Assert.Equal(1, (await chunked.Content.ReadFromJsonAsync<HeartbeatResult>())!.Accepted);

        // Another content type: 415 from the endpoint.
        using var text = await officer.PostAsync(HeartbeatFastPath.Path, new StringContent("lat=1", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);

        // An operator's token (validated and cached by its first request): the endpoint's policy refuses it.
        using var operatorClient = await api.ClientAsync("operator");
        using (var ops = await operatorClient.GetAsync("/api/ops/reports"))
        {
            Assert.True(ops.IsSuccessStatusCode, ops.StatusCode.ToString());
        }

        using var wrongRole = await operatorClient.PostAsync(HeartbeatFastPath.Path, Body(new HeartbeatRequest(Lat, Lon, DateTimeOffset.UtcNow, 8, 0, 90)));
        Assert.Equal(HttpStatusCode.Forbidden, wrongRole.StatusCode);

        // No token at all, and a token signed with another key: 401.
        using var anonymous = await api.Silo.Http.PostAsync(HeartbeatFastPath.Path, Body(new HeartbeatRequest(Lat, Lon, DateTimeOffset.UtcNow, 8, 0, 90)));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var forged = ApiSiloFixture.MintToken("officer", DateTimeOffset.UtcNow.AddHours(1), key: "another-signing-key-0123456789-abcdefghijkl", officerId: ApiSiloFixture.Officer2);
        using var forgedClient = api.Silo.ClientWithToken(forged);
        using var refused = await forgedClient.PostAsync(HeartbeatFastPath.Path, Body(new HeartbeatRequest(Lat, Lon, DateTimeOffset.UtcNow, 8, 0, 90)));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        Assert.Equal(before, await FastPathCountAsync());

        // The officer's token, unchanged, still takes the fast path afterwards.
        using var applied = await officer.PostAsync(HeartbeatFastPath.Path, Body(new HeartbeatRequest(Lat, Lon, DateTimeOffset.UtcNow, 8, 0, 90)));
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(before + 1, await FastPathCountAsync());
    }

    /// <summary>
    /// The officer signed in and on shift; the shift start validated the token in full (the JWT handler), which put it
    /// in the cache the fast path reads.
    /// </summary>
    private async Task<HttpClient> OnShiftAsync(string username)
    {
        var officer = await api.ClientAsync(username);
        using var start = await officer.PostAsync("/api/me/shift/start", null);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        return officer;
    }

    /// <summary>A heartbeat's JSON with a Content-Length, as the SIGAP app sends it.</summary>
    private static StringContent Body(HeartbeatRequest position) =>
        new(JsonSerializer.Serialize(position, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");

    /// <summary>The silo's fast-path counter (0 before the first).</summary>
    private async Task<long> FastPathCountAsync()
    {
        // The exporter may answer a scrape from a cache for a few hundred milliseconds: never read twice within it.
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        var text = await api.Silo.Http.GetStringAsync("/metrics");
        var match = FastPathCounter().Match(text);
        return match.Success ? (long)double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex("""^tangerang_heartbeats_fast_path_total(\{[^}]*\})? (?<value>[0-9.e+]+)""", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex FastPathCounter();
}
