using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using TangerangLive.Api.Reports;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Reliability;

/// <summary>
/// Two silos on the embedded default of one machine (one data folder): the second shares the first's private
/// PostgreSQL; killing the first with SIGKILL leaves the second serving with its data, and the server stops only
/// when the last silo using it stops.
/// </summary>
public sealed class EmbeddedTwoSiloTests
{
    [Fact]
    public async Task Killing_the_silo_that_started_the_private_PostgreSQL_leaves_the_other_serving_and_the_last_one_stops_it()
    {
        var dataDirectory = PostgresServer.TempDirectory();
        var postgresPort = FreePort.Next();
        var clusterId = $"emb-{Guid.NewGuid():N}"[..16];
        try
        {
            await using var first = await SiloProcess.StartEmbeddedAsync(dataDirectory, postgresPort, clusterId, ApiClients.SiloArgs());
            await using var second = await SiloProcess.StartEmbeddedAsync(dataDirectory, postgresPort, clusterId, ApiClients.SiloArgs());
            Assert.Contains("Sharing the private PostgreSQL", second.Output, StringComparison.Ordinal);

            using var citizen = await first.ClientAsync("citizen");
            using var submitted = await citizen.PostAsJsonAsync("/api/reports", new ReportRequest("garbage", "Sampah di depan pasar", -6.1781, 106.6300, null, null));
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
            var report = (await submitted.Content.ReadFromJsonAsync<ReportAccepted>())!;

            // A crash of the silo whose process started the server: its children (the server's watchdog) live on.
            first.Kill(entireProcessTree: false);

            using var survivor = second.ClientWithToken((await second.TokenAsync("citizen")).AccessToken);
            await WaitAsync(async () =>
            {
                using var read = await survivor.GetAsync(new Uri($"/api/reports/{report.Id}", UriKind.Relative));
                return read.StatusCode == HttpStatusCode.OK;
            }, $"the second silo to serve report {report.Id} after the first was killed", second);
            var (after, retried) = await SubmitRetryingAsync(survivor, new ReportRequest("damaged-road", "Jalan berlubang", -6.2001, 106.6402, null, null));
            using (after)
            {
                // A retry after a 503 may find the submission stored by the attempt that was answered 503: replayed, 200.
                Assert.True(after.StatusCode == HttpStatusCode.Created || (retried && after.StatusCode == HttpStatusCode.OK), $"the report after the kill was answered {after.StatusCode}");
            }

            Assert.True(await AcceptsAsync(postgresPort), "the private PostgreSQL stopped while the second silo still used it");

            await second.StopAsync(TimeSpan.FromSeconds(60));
            await WaitAsync(async () => !await AcceptsAsync(postgresPort), $"the private PostgreSQL on port {postgresPort} to stop with the last silo", second);
        }
        finally
        {
            PostgresServer.TryDelete(dataDirectory);
        }
    }

    /// <summary>
    /// Submits a report as a client told to retry would: until the survivor has read the membership table, a call that
    /// Orleans still routes to the killed silo answers 503 with Retry-After (ClusterUnavailableHandler), and the
    /// client sends the same submission again (same Idempotency-Key) after the time it was told, for at most 60 s.
    /// The answer, and whether it came to a retry.
    /// </summary>
    private static async Task<(HttpResponseMessage Response, bool Retried)> SubmitRetryingAsync(HttpClient client, ReportRequest report)
    {
        var key = $"emb-{Guid.NewGuid():N}";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/reports", UriKind.Relative)) { Content = JsonContent.Create(report) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                return (response, attempt > 0);
            }

            var retryAfter = response.Headers.RetryAfter?.Delta;
            response.Dispose();
            Assert.NotNull(retryAfter);
            await Task.Delay(retryAfter.Value);
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, SiloProcess silo)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Waited 60 s for {what}.{Environment.NewLine}{silo.Output}");
    }
}
