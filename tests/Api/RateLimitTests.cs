using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TangerangLive.Api.Auth;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Api;

/// <summary>Sign-in is rate limited per client address; the answer is a 429 ProblemDetails.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Too_many_sign_ins_from_one_address_get_429_problem_details()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("rate_limit");
        await using var silo = await SiloProcess.StartAsync(connectionString, $"rl-{Guid.NewGuid():N}"[..16],
            "--Auth:DemoPassword", ApiClients.DemoPassword, "--RateLimits:SignInPerMinute", "3");
        var statuses = new List<HttpStatusCode>();
        string? last = null;
        for (var i = 0; i < 4; i++)
        {
            using var response = await silo.Http.PostAsJsonAsync("/api/auth/token", new TokenRequest("admin", ApiClients.DemoPassword));
            statuses.Add(response.StatusCode);
            last = await response.Content.ReadAsStringAsync();
            Assert.Equal(i < 3 ? "application/json" : "application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var problem = JsonDocument.Parse(last!);
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
    }
}
