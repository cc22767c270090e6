using System.Net.Http.Json;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using TangerangLive.Api.Admin;
using TangerangLive.Api.Auth;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Api;

/// <summary>
/// One real silo process on a fresh PostgreSQL database, shared by a test class: demo accounts with a
/// known password and a known signing key (so tests can mint expired and forged tokens). The demo
/// officers are put on the roster with their tracking devices.
/// </summary>
public sealed class ApiSiloFixture : IAsyncLifetime
{
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnop";
    public const string Officer1 = "officer-dishub-1";
    public const string Officer2 = "officer-dishub-2";

    private int _citizens;

    public SiloProcess Silo { get; private set; } = null!;

    public string ConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync("api");
        Silo = await SiloProcess.StartAsync(ConnectionString, $"api-{Guid.NewGuid():N}"[..16],
            ApiClients.SiloArgs("--Auth:SigningKey", SigningKey));
        using var admin = await Silo.ClientAsync("admin");
        foreach (var (officer, device) in new[] { (Officer1, "osmand-dishub-1"), (Officer2, "osmand-dishub-2") })
        {
            using var put = await admin.PutAsJsonAsync($"/api/admin/officers/{officer}", new OfficerRequest(officer, "Dishub", "Demo", null, [device], true));
            put.EnsureSuccessStatusCode();
        }
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();

    public Task<HttpClient> ClientAsync(string username) => Silo.ClientAsync(username);

    /// <summary>A citizen account of its own, so its reports can be counted alone.</summary>
    public async Task<(HttpClient Client, IssuedToken Token)> NewCitizenAsync()
    {
        var username = $"citizen-{Interlocked.Increment(ref _citizens)}-{Guid.NewGuid():N}"[..30];
        using var register = await Silo.Http.PostAsJsonAsync("/api/auth/register", new RegisterRequest(username, "a-good-password"));
        register.EnsureSuccessStatusCode();
        var token = await Silo.TokenAsync(username, "a-good-password");
        return (Silo.ClientWithToken(token.AccessToken), token);
    }

    /// <summary>A token signed with the test key (or another key), for expired and forged cases.</summary>
    public static string MintToken(string role, DateTimeOffset expires, string key = SigningKey, string userId = "u-admin", string? officerId = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = userId, ["name"] = userId, ["role"] = role };
        if (officerId is not null)
        {
            claims["officer_id"] = officerId;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "tangerang-live",
            Audience = "tangerang-live",
            IssuedAt = expires.AddHours(-12).UtcDateTime,
            NotBefore = expires.AddHours(-12).UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>How many reports of this reporter the query model holds.</summary>
    public async Task<long> CountReportsAsync(string reporterId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM complaints WHERE reporter_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = reporterId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits until the projection wrote the report to the query model.</summary>
    public async Task WaitForQueryModelAsync(string reportId, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var deadline = DateTime.UtcNow + limit;
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        while (DateTime.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand("SELECT 1 FROM complaints WHERE id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = reportId });
            if (await command.ExecuteScalarAsync() is not null)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Waited {limit.TotalSeconds} s for report {reportId} to reach the query model (complaints table).");
    }
}
