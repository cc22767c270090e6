using System.Net;
using System.Net.Http.Json;
using Npgsql;
using TangerangLive.Api.Admin;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Backbone;

/// <summary>Two real silo processes on one PostgreSQL form one cluster and survive losing one member.</summary>
public sealed class TwoSiloClusterTests
{
    private const int Active = 3;
    private const int Dead = 6;

    [Fact]
    public async Task Two_silos_form_one_cluster_and_the_survivor_takes_over_the_dead_silos_grains()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("two_silos");
        var clusterId = $"pair-{Guid.NewGuid():N}"[..16];
        await using var first = await SiloProcess.StartAsync(connectionString, clusterId, ApiClients.SiloArgs());
        await using var second = await SiloProcess.StartAsync(connectionString, clusterId, ApiClients.SiloArgs());
        using var adminOnFirst = await first.ClientAsync("admin");
        using var adminOnSecond = second.ClientWithToken((await first.TokenAsync("admin")).AccessToken);

        var statuses = await WaitForMembershipAsync(connectionString, clusterId, s => s.Count(x => x.Status == Active) == 2, "both silos Active");
        Assert.Equal(2, statuses.Count);

        // Officers registered through both front doors, then read through the other one.
        var ids = Enumerable.Range(0, 24).Select(i => $"19870{i:D3}").ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            var via = i % 2 == 0 ? adminOnFirst : adminOnSecond;
            using var put = await via.PutAsJsonAsync($"/api/admin/officers/{ids[i]}", new OfficerRequest($"Officer {i}", "Dishub", "Team A", "Pagi", [], true));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        foreach (var id in ids)
        {
            var read = await adminOnSecond.GetFromJsonAsync<OfficerSnapshot>($"/api/officers/{id}", ApiJson.Options);
            Assert.Equal(id, read!.Profile.OfficerId);
        }

        // Which officers live on the silo we are about to kill?
        var onSecond = new List<string>();
        foreach (var id in ids)
        {
            var host = await adminOnFirst.GetFromJsonAsync<HostingSilo>($"/api/officers/{id}/silo");
            if (host!.Silo.Contains($":{second.SiloPort}:", StringComparison.Ordinal))
            {
                onSecond.Add(id);
            }
        }

        Assert.NotEmpty(onSecond);

        second.Kill();

        await WaitForMembershipAsync(connectionString, clusterId, s => s.Any(x => x.Port == second.SiloPort && x.Status == Dead), "the killed silo marked Dead");
        // The table can say Dead before the survivor has read it; until then a call routed to the dead silo is
        // answered 503 with Retry-After (ClusterUnavailableHandler), and the client retries as it is told to.
        foreach (var id in onSecond)
        {
            var read = await GetRetryingUnavailableAsync<OfficerSnapshot>(adminOnFirst, $"/api/officers/{id}");
            Assert.Equal($"Officer {ids.IndexOf(id)}", read.Profile.Name);
            var host = await GetRetryingUnavailableAsync<HostingSilo>(adminOnFirst, $"/api/officers/{id}/silo");
            Assert.Contains($":{first.SiloPort}:", host.Silo, StringComparison.Ordinal);
        }

        using var ready = await first.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static async Task<T> GetRetryingUnavailableAsync<T>(HttpClient client, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options))!;
            }

            var retryAfter = response.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            await Task.Delay(retryAfter.Value);
        }
    }

    private static async Task<List<(int Port, int Status)>> WaitForMembershipAsync(
        string connectionString, string clusterId, Func<List<(int Port, int Status)>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        var rows = new List<(int Port, int Status)>();
        while (DateTime.UtcNow < deadline)
        {
            rows = await ReadMembershipAsync(connectionString, clusterId);
            if (condition(rows))
            {
                return rows;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"Waited 120 s for {what}; membership was: {string.Join(", ", rows.Select(r => $"{r.Port}={r.Status}"))}");
    }

    private static async Task<List<(int Port, int Status)>> ReadMembershipAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT port, status FROM orleans_membership WHERE deployment_id = @id", connection);
        command.Parameters.AddWithValue("id", clusterId);
        var rows = new List<(int, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetInt32(1)));
        }

        return rows;
    }
}
