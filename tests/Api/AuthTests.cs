using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Reports;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Api;

/// <summary>Sign-in, roles, the dashboard behind admin sign-in, the API description and rate limits.</summary>
public sealed class AuthTests(ApiSiloFixture api) : IClassFixture<ApiSiloFixture>
{
    [Theory]
    [InlineData("admin", "admin")]
    [InlineData("operator", "operator")]
    [InlineData("supervisor", "supervisor")]
    [InlineData("viewer", "viewer")]
    [InlineData("citizen", "citizen")]
    [InlineData(ApiSiloFixture.Officer1, "officer")]
    [InlineData(ApiSiloFixture.Officer2, "officer")]
    public async Task Demo_accounts_sign_in_with_their_role(string username, string role)
    {
        var token = await api.Silo.TokenAsync(username);
        Assert.Equal(role, token.Role);
        Assert.InRange(token.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromHours(11.9), TimeSpan.FromHours(12.1));
        Assert.Equal(role == "officer" ? username : null, token.OfficerId);
    }

    [Fact]
    public async Task An_officer_acts_as_themself_and_cannot_use_operator_endpoints()
    {
        using var officer = await api.ClientAsync(ApiSiloFixture.Officer1);
        var me = await officer.GetFromJsonAsync<OfficerSnapshot>("/api/me", ApiJson.Options);
        Assert.Equal(ApiSiloFixture.Officer1, me!.Profile.OfficerId);
        using var own = await officer.GetAsync($"/api/officers/{ApiSiloFixture.Officer1}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        foreach (var path in new[] { "/api/ops/reports", "/api/zones", "/api/officers/positions", "/api/admin/agencies", "/api/ops/dispatch/categories/fire" })
        {
            using var response = await officer.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
        }

        using var pause = await officer.PostAsJsonAsync("/api/ops/dispatch/categories/fire/pause", new { reason = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, pause.StatusCode);
    }

    [Fact]
    public async Task A_viewer_reads_everything_but_cannot_override()
    {
        using var citizen = await api.ClientAsync("citizen");
        var accepted = await SubmitAsync(citizen, "Pohon tumbang", "fallen-tree");
        using var viewer = await api.ClientAsync("viewer");
        using var queue = await viewer.GetAsync("/api/ops/reports");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        using var detail = await viewer.GetAsync($"/api/ops/reports/{accepted.Id}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);

        foreach (var (path, body) in new (string, object)[]
        {
            ($"/api/ops/reports/{accepted.Id}/cancel", new { reason = "viewer tries" }),
            ($"/api/ops/reports/{accepted.Id}/priority", new { priority = 1, reason = "viewer tries" }),
            ($"/api/ops/reports/{accepted.Id}/notes", new { note = "viewer tries" }),
            ("/api/ops/dispatch/zones/36.71.01.1001/pause", new { reason = "viewer tries" }),
        })
        {
            using var response = await viewer.PostAsJsonAsync(path, body);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
        }

        using var operatorClient = await api.ClientAsync("operator");
        var view = await operatorClient.GetFromJsonAsync<ReportView>($"/api/ops/reports/{accepted.Id}");
        Assert.DoesNotContain(view!.Timeline, t => t.Actor == "viewer");
    }

    [Fact]
    public async Task A_citizen_sees_only_their_own_reports_and_a_replay_returns_the_same_report()
    {
        var (alice, _) = await api.NewCitizenAsync();
        var (bob, _) = await api.NewCitizenAsync();
        using var a = alice;
        using var b = bob;
        var report = new ReportRequest("street-light", "PJU mati sejak kemarin", -6.1901, 106.6402, "0812-0000-0000", null);

        using var first = await Post(alice, report, "key-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = (await first.Content.ReadFromJsonAsync<ReportAccepted>())!;
        using var again = await Post(alice, report with { Description = "  PJU mati sejak kemarin " }, "key-1");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var replayed = (await again.Content.ReadFromJsonAsync<ReportAccepted>())!;
        Assert.Equal(created.Id, replayed.Id);
        Assert.True(replayed.Replayed);

        using var bobReads = await bob.GetAsync(created.TrackingUrl);
        Assert.Equal(HttpStatusCode.Forbidden, bobReads.StatusCode);
        var own = await alice.GetFromJsonAsync<ReportView>(created.TrackingUrl);
        Assert.Equal("PJU mati sejak kemarin", own!.Description);
        Assert.Equal("received", own.Timeline[0].Kind);

        // The same key from another citizen is another report.
        using var bobsOwn = await Post(bob, report, "key-1");
        Assert.Equal(HttpStatusCode.Created, bobsOwn.StatusCode);
        Assert.NotEqual(created.Id, (await bobsOwn.Content.ReadFromJsonAsync<ReportAccepted>())!.Id);
    }

    [Fact]
    public async Task The_dashboard_needs_an_admin_signed_in_with_the_cookie_form()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var browser = new HttpClient(handler) { BaseAddress = api.Silo.Http.BaseAddress };
        using var anonymous = await browser.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/login?returnUrl=", anonymous.Headers.Location?.OriginalString, StringComparison.Ordinal);
        using var page = await browser.GetAsync(anonymous.Headers.Location);
        Assert.Contains("<form method=\"post\" action=\"/api/auth/login\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var wrong = await browser.PostAsync("/api/auth/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = "nope", ["returnUrl"] = "/dashboard" }));
        Assert.StartsWith("/login?failed=1", wrong.Headers.Location?.OriginalString, StringComparison.Ordinal);

        using var signIn = await browser.PostAsync("/api/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "admin", ["password"] = ApiClients.DemoPassword, ["returnUrl"] = "/dashboard",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("tl_token=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        using var dashboard = await browser.GetAsync("/dashboard");
        var location = dashboard.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect ? dashboard.Headers.Location : null;
        Assert.True(location is null || !location.OriginalString.StartsWith("/login", StringComparison.Ordinal), $"sent back to {location}");
        using var page2 = location is null ? null : await browser.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, (page2 ?? dashboard).StatusCode);

        // The cookie opens the dashboard only: API calls still need the bearer header.
        using var api2 = await browser.GetAsync("/api/ops/reports");
        Assert.Equal(HttpStatusCode.Unauthorized, api2.StatusCode);
    }

    [Fact]
    public async Task The_API_is_described_and_browsable()
    {
        using var document = await api.Silo.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var json = JsonDocument.Parse(await document.Content.ReadAsStringAsync());
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var expected in new[] { "/api/reports", "/api/me/heartbeat", "/osmand", "/api/ops/reports", "/api/admin/officers/{officerId}", "/api/zones", "/api/auth/token" })
        {
            Assert.Contains(expected, paths);
        }

        using var scalar = await api.Silo.Http.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var noRedirects = new HttpClient(handler) { BaseAddress = api.Silo.Http.BaseAddress };
        using var docs = await noRedirects.GetAsync("/api-docs");
        Assert.Equal("/scalar", docs.Headers.Location?.OriginalString);
        using var root = await noRedirects.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Contains("<title>Tangerang Live · LIVE Room</title>", await root.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<ReportAccepted> SubmitAsync(HttpClient client, string description, string category)
    {
        using var response = await client.PostAsJsonAsync("/api/reports", new ReportRequest(category, description, -6.1844, 106.652, null, null));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReportAccepted>())!;
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, ReportRequest report, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(report) };
        request.Headers.Add(ReportsApi.IdempotencyHeader, key);
        return client.SendAsync(request);
    }
}
