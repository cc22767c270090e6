using System.Net.Http.Headers;
using System.Net.Http.Json;
using TangerangLive.Api.Auth;

namespace TangerangLive.Tests.Infrastructure;

/// <summary>Signed-in HTTP clients for a silo process, using the demo accounts the silo seeds.</summary>
public static class ApiClients
{
    public const string DemoPassword = "test-demo-password";

    /// <summary>Silo switches for API tests: a known demo password and limits loose enough for a test run.</summary>
    public static string[] SiloArgs(params string[] extra) =>
    [
        "--Auth:DemoPassword", DemoPassword,
        "--RateLimits:IntakePerMinute", "100000",
        "--RateLimits:SignInPerMinute", "100000",
        "--RateLimits:TrackingPerMinute", "100000",
        .. extra,
    ];

    public static async Task<IssuedToken> TokenAsync(this SiloProcess silo, string username, string password = DemoPassword)
    {
        using var response = await silo.Http.PostAsJsonAsync("/api/auth/token", new TokenRequest(username, password));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Sign-in as {username} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<IssuedToken>())!;
    }

    /// <summary>A new client that sends the account's bearer token.</summary>
    public static async Task<HttpClient> ClientAsync(this SiloProcess silo, string username, string password = DemoPassword) =>
        silo.ClientWithToken((await silo.TokenAsync(username, password)).AccessToken);

    public static HttpClient ClientWithToken(this SiloProcess silo, string? token)
    {
        var client = new HttpClient { BaseAddress = silo.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}

/// <summary>How the API writes JSON: web defaults with enums as strings.</summary>
public static class ApiJson
{
    public static System.Text.Json.JsonSerializerOptions Options { get; } = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
