using System.Net;
using System.Net.Http.Json;
using Npgsql;
using TangerangLive.Api.Auth;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Api;

/// <summary>On a shared (non-embedded) database the demo accounts exist only when configured, and their password never reaches the logs.</summary>
public sealed class DemoAccountTests
{
    [Fact]
    public async Task A_shared_database_without_a_configured_demo_password_gets_no_demo_accounts()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("no_demo");
        await using var silo = await SiloProcess.StartAsync(connectionString, $"nd-{Guid.NewGuid():N}"[..16]);

        using var token = await silo.Http.PostAsJsonAsync("/api/auth/token", new TokenRequest("admin", DemoAccounts.EmbeddedPassword));
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        Assert.Equal(0, await CountUsersAsync(connectionString));
        Assert.DoesNotContain("password: ", silo.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_configured_demo_password_seeds_the_accounts_and_is_not_written_to_the_logs()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("demo_configured");
        const string password = "configured-demo-secret-4711";
        var silo = await SiloProcess.StartAsync(connectionString, $"dc-{Guid.NewGuid():N}"[..16], "--Auth:DemoPassword", password);
        try
        {
            var token = await silo.TokenAsync("admin", password);
            Assert.Equal("admin", token.Role);
            Assert.Equal(DemoAccounts.All.Count, await CountUsersAsync(connectionString));
            Assert.Contains("Demo accounts: admin (admin)", silo.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(password, silo.Output, StringComparison.Ordinal);
        }
        finally
        {
            await silo.DisposeAsync();
        }

        Assert.NotEmpty(Directory.EnumerateFiles(silo.LogDirectory, "*.json"));
        foreach (var file in Directory.EnumerateFiles(silo.LogDirectory, "*.json"))
        {
            Assert.DoesNotContain(password, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }
    }

    private static async Task<long> CountUsersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM users", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
