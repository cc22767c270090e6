using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TangerangLive.Api.Admin;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Reports;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Api;

/// <summary>
/// Rate limits count signed-in callers per user, OsmAnd devices per device id and only anonymous callers
/// per address (the socket's, or a configured proxy's X-Forwarded-For); a rejection is a 429 ProblemDetails.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Too_many_sign_ins_from_one_address_get_429_problem_details_whatever_it_claims_to_forward()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("rate_limit");
        await using var silo = await SiloProcess.StartAsync(connectionString, $"rl-{Guid.NewGuid():N}"[..16],
            "--Auth:DemoPassword", ApiClients.DemoPassword, "--RateLimits:SignInPerMinute", "3");
        var statuses = new List<HttpStatusCode>();
        string? last = null;
        for (var i = 0; i < 4; i++)
        {
            // Loopback is no trusted proxy unless configured, so a made-up X-Forwarded-For changes nothing.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = JsonContent.Create(new TokenRequest("admin", ApiClients.DemoPassword)) };
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            using var response = await silo.Http.SendAsync(request);
            statuses.Add(response.StatusCode);
            last = await response.Content.ReadAsStringAsync();
            Assert.Equal(i < 3 ? "application/json" : "application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var problem = JsonDocument.Parse(last!);
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Behind_a_configured_proxy_each_forwarded_client_has_its_own_limit_and_https_is_known()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("rate_limit_proxy");
        await using var silo = await SiloProcess.StartAsync(connectionString, $"rp-{Guid.NewGuid():N}"[..16],
            "--Auth:DemoPassword", ApiClients.DemoPassword, "--RateLimits:SignInPerMinute", "3", "--ForwardedHeaders:KnownProxies:0", "127.0.0.1");

        async Task<HttpStatusCode> SignInAsync(string client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = JsonContent.Create(new TokenRequest("admin", ApiClients.DemoPassword)) };
            request.Headers.Add("X-Forwarded-For", client);
            using var response = await silo.Http.SendAsync(request);
            return response.StatusCode;
        }

        var distinct = new List<HttpStatusCode>();
        for (var i = 1; i <= 5; i++)
        {
            distinct.Add(await SignInAsync($"198.51.100.{i}"));
        }

        var same = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            same.Add(await SignInAsync("198.51.100.77"));
        }

        Assert.All(distinct, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], same);

        // X-Forwarded-Proto from the proxy: the sign-in cookie is marked Secure.
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var browser = new HttpClient(handler) { BaseAddress = silo.Http.BaseAddress };
        using var form = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = ApiClients.DemoPassword, ["returnUrl"] = "/dashboard" }),
        };
        form.Headers.Add("X-Forwarded-For", "198.51.100.200");
        form.Headers.Add("X-Forwarded-Proto", "https");
        using var signedIn = await browser.SendAsync(form);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("tl_token=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Three_hundred_officers_behind_one_address_are_never_throttled_but_a_flood_of_made_up_devices_is()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("rate_limit_carrier");
        await using var silo = await SiloProcess.StartAsync(connectionString, $"rc-{Guid.NewGuid():N}"[..16],
            "--Auth:DemoPassword", ApiClients.DemoPassword, "--RateLimits:SignInPerMinute", "1000",
            "--RateLimits:IntakePerMinute", "2", "--RateLimits:TrackingPerAddressPerMinute", "1000");
        using var admin = await silo.ClientAsync("admin");
        var devices = Enumerable.Range(1, 300).Select(i => $"carrier-phone-{i:D3}").ToList();
        await ForEachAsync(devices, async device =>
        {
            using var put = await admin.PutAsJsonAsync($"/api/admin/officers/off-{device}", new OfficerRequest(device, "Dishub", null, null, [device], true));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        });

        // Three quick pings from each of 300 phones, all from 127.0.0.1, as a carrier's NAT shows them
        // (900 in well under a minute, more than the 600 a minute one address used to get).
        var pings = devices.SelectMany(d => new[] { d, d, d }).ToList();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        await ForEachAsync(pings, async device =>
        {
            using var ping = await silo.Http.GetAsync($"/osmand?id={device}&lat=-6.1701&lon=106.6402");
            statuses.Add(ping.StatusCode);
        });
        Assert.Equal(900, statuses.Count(s => s == HttpStatusCode.OK));

        // Made-up device ids from the same address still meet the address's ceiling (1 000 a minute, so
        // 2 500 pings exceed it even if a new minute starts in between).
        var flood = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        await ForEachAsync(Enumerable.Range(0, 2500).Select(i => $"made-up-{i}").ToList(), async device =>
        {
            using var ping = await silo.Http.GetAsync($"/osmand?id={device}&lat=-6.1701&lon=106.6402");
            flood.Add(ping.StatusCode);
        });
        Assert.Equal(2500, flood.Count(s => s is HttpStatusCode.NotFound or HttpStatusCode.TooManyRequests));
        Assert.Contains(HttpStatusCode.TooManyRequests, flood);

        // Intake counts per signed-in citizen: one citizen's third report waits, another's goes through.
        using var first = await CitizenAsync(silo, "first-citizen");
        using var second = await CitizenAsync(silo, "second-citizen");
        var firsts = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var submitted = await first.PostAsJsonAsync("/api/reports", new ReportRequest("street-light", $"Lampu mati {i}", -6.1844, 106.652, null, null));
            firsts.Add(submitted.StatusCode);
        }

        using var other = await second.PostAsJsonAsync("/api/reports", new ReportRequest("street-light", "Lampu mati", -6.1844, 106.652, null, null));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], firsts);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    private static async Task<HttpClient> CitizenAsync(SiloProcess silo, string username)
    {
        using var register = await silo.Http.PostAsJsonAsync("/api/auth/register", new RegisterRequest(username, "a-good-password"));
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        return await silo.ClientAsync(username, "a-good-password");
    }

    private static Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, Task> action) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (item, _) => await action(item));
}
