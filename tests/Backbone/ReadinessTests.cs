using System.Net;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Backbone;

/// <summary>A real silo process against a private PostgreSQL that the test takes away and brings back.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readiness_fails_while_the_database_is_down_and_recovers_when_it_is_back()
    {
        await using var database = await PostgresServer.StartPrivateAsync();
        try
        {
            await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"ready-{Guid.NewGuid():N}"[..20]);

            using (var live = await silo.Http.GetAsync(new Uri("/health/live", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            }

            await database.StopServerAsync();
            await silo.WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30));
            using (var ready = await silo.Http.GetAsync(new Uri("/health/ready", UriKind.Relative)))
            {
                var body = await ready.Content.ReadAsStringAsync();
                Assert.Contains("\"database\":{\"status\":\"Unhealthy\"", body, StringComparison.Ordinal);
            }

            await database.StartServerAsync();
            await silo.WaitForReadinessAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        }
        finally
        {
            await database.StopServerAsync();
            PostgresServer.TryDelete(database.Root);
        }
    }
}
