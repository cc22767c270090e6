using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TangerangLive.Api.Admin;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Api;

/// <summary>Sign-in redirects stay on this site, extreme dates answer 400, future fixes and deactivated devices do not count.</summary>
public sealed class SafeDefaultsTests(ApiSiloFixture api) : IClassFixture<ApiSiloFixture>
{
    public static TheoryData<string, string> ReturnUrls => new()
    {
        { "/\\evil.com", "/dashboard" },
        { "//evil.com", "/dashboard" },
        { "https://evil", "/dashboard" },
        { "/%2F%2Fevil", "/dashboard" },
        { "/%5Cevil.com", "/dashboard" },
        { "javascript:alert(1)", "/dashboard" },
        { "/dashboard\r\nSet-Cookie: x=1", "/dashboard" },
        { "/dashboard/grains?x=1", "/dashboard/grains?x=1" },
    };

    [Theory]
    [MemberData(nameof(ReturnUrls))]
    public async Task The_sign_in_page_and_form_only_return_to_paths_on_this_site(string returnUrl, string expected)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var browser = new HttpClient(handler) { BaseAddress = api.Silo.Http.BaseAddress };

        using var page = await browser.GetAsync("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"name=\"returnUrl\" value=\"{WebUtility.HtmlEncode(expected)}\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var signIn = await browser.PostAsync("/api/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "admin", ["password"] = ApiClients.DemoPassword, ["returnUrl"] = returnUrl,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(expected, signIn.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/osmand?id=x&lat=-6.2&lon=106.6&timestamp=-99999999999", "timestamp", "supervisor")]
    [InlineData("/osmand?id=x&lat=-6.2&lon=106.6&timestamp=99999999999999", "timestamp", "supervisor")]
    [InlineData("/api/attendance/recap/9999-12", "month", "supervisor")]
    [InlineData("/api/attendance/recap/9999-12/csv", "month", "supervisor")]
    [InlineData("/api/attendance/days/9999-12-31", "day", "supervisor")]
    [InlineData("/api/attendance/officers/officer-dishub-1/days/0001-01-01", "day", "supervisor")]
    public async Task Extreme_times_answer_400_naming_the_field(string url, string field, string who)
    {
        using var client = url.StartsWith("/osmand", StringComparison.Ordinal) ? api.Silo.ClientWithToken(null) : await api.ClientAsync(who);
        using var response = await client.GetAsync(url);
        await AssertNamesAsync(response, field);
    }

    [Fact]
    public async Task Fixes_more_than_60_s_ahead_are_refused_and_30_s_ahead_accepted()
    {
        using var officer = await api.ClientAsync(ApiSiloFixture.Officer2);
        string Fix(TimeSpan ahead) => $$"""{"lat":-6.18,"lon":106.65,"deviceTime":"{{DateTimeOffset.UtcNow.Add(ahead):O}}"}""";
        using (var single = await officer.PostAsync("/api/me/heartbeat", BadInputCatalogue.Json(Fix(TimeSpan.FromSeconds(120)))))
        {
            await AssertNamesAsync(single, "deviceTime");
        }

        using (var batch = await officer.PostAsync("/api/me/heartbeats", BadInputCatalogue.Json($$"""{"positions":[{{Fix(TimeSpan.Zero)}},{{Fix(TimeSpan.FromSeconds(90))}}]}""")))
        {
            await AssertNamesAsync(batch, "positions[1].deviceTime");
        }

        var unixAhead = DateTimeOffset.UtcNow.AddSeconds(120).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using (var osmand = await api.Silo.Http.GetAsync($"/osmand?id=osmand-dishub-1&lat=-6.18&lon=106.65&timestamp={unixAhead}"))
        {
            await AssertNamesAsync(osmand, "timestamp");
        }

        using var soon = await officer.PostAsync("/api/me/heartbeat", BadInputCatalogue.Json(Fix(TimeSpan.FromSeconds(30))));
        Assert.Equal(HttpStatusCode.OK, soon.StatusCode);
    }

    [Fact]
    public async Task A_deactivated_officers_device_is_not_found_and_moves_nobody()
    {
        using var admin = await api.ClientAsync("admin");
        var officerId = $"deact-{Guid.NewGuid():N}"[..20];
        var device = $"dev-{officerId}";
        using (var put = await admin.PutAsJsonAsync($"/api/admin/officers/{officerId}", new OfficerRequest("Leaving", "Dishub", null, null, [device], true)))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using (var active = await api.Silo.Http.GetAsync($"/osmand?id={device}&lat=-6.1701&lon=106.6402"))
        {
            Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        }

        using (var deactivate = await admin.DeleteAsync($"/api/admin/officers/{officerId}"))
        {
            Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);
        }

        using var inactive = await api.Silo.Http.GetAsync($"/osmand?id={device}&lat=-6.1801&lon=106.6502");
        Assert.Equal(HttpStatusCode.NotFound, inactive.StatusCode);
        var snapshot = await admin.GetFromJsonAsync<OfficerSnapshot>($"/api/officers/{officerId}", ApiJson.Options);
        Assert.False(snapshot!.Profile.Active);
        Assert.Equal((-6.1701, 106.6402), (snapshot.LastFix!.Value.Lat, snapshot.LastFix.Value.Lon));
    }

    [Fact]
    public async Task Admins_list_the_projection_quarantine_and_operators_may_not()
    {
        using var admin = await api.ClientAsync("admin");
        using var list = await admin.GetAsync("/api/admin/projection/quarantine");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.ValueKind);
        using var tooMany = await admin.GetAsync("/api/admin/projection/quarantine?limit=100000");
        await AssertNamesAsync(tooMany, "limit");
        using var op = await api.ClientAsync("operator");
        using var forbidden = await op.GetAsync("/api/admin/projection/quarantine");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    private static async Task AssertNamesAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        using var problem = JsonDocument.Parse(body);
        var errors = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.True(errors.Contains(field), $"errors name {string.Join(", ", errors)}, expected {field}");
    }
}
