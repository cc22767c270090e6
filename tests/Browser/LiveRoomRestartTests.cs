using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using TangerangLive.Api.Reports;
using TangerangLive.Tests.Api;
using TangerangLive.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TangerangLive.Tests.Browser;

/// <summary>
/// The Live Room survives its silo: killed, the page says it is reconnecting; restarted on the same
/// address, it reconnects by itself and catches up with a report filed while it was away (the hub is
/// kept from reconnecting until the report is stored, so only the catch-up can show it).
/// </summary>
public sealed class LiveRoomRestartTests(ITestOutputHelper output)
{
    private static readonly (double Lat, double Lon) ReportPoint = (-6.1844, 106.6520);

    [Fact]
    public async Task After_a_silo_restart_the_page_shows_reconnecting_then_catches_up_with_what_it_missed()
    {
        var database = await PostgresServer.CreateDatabaseAsync("liveroom-restart");
        var clusterId = $"lr-{Guid.NewGuid():N}"[..16];
        var args = ApiClients.SiloArgs("--Auth:SigningKey", ApiSiloFixture.SigningKey);
        var first = await SiloProcess.StartAsync(database, clusterId, args);
        var httpPort = first.HttpPort;
        SiloProcess? second = null;
        try
        {
            await using var room = await LiveRoomSession.OpenAsync(first.Http.BaseAddress!, "operator", output);
            Assert.Equal("0", await room.Page.Locator("#count-open").InnerTextAsync());

            // Hold the hub back until the missed report is stored.
            var hubHeld = new TaskCompletionSource();
            await room.Page.RouteAsync("**/hubs/liveroom/**", async route =>
            {
                await hubHeld.Task;
                await route.ContinueAsync();
            });
            first.Kill();
            await room.WaitForAsync("#reconnect-banner:not([hidden])", "the reconnecting banner");
            Assert.Equal("reconnecting", await room.Page.Locator("#connection").GetAttributeAsync("data-state"));

            second = await SiloProcess.StartAsync(database, clusterId, httpPort, args);
            using var citizen = await second.ClientAsync("citizen");
            using var submitted = await citizen.PostAsJsonAsync("/api/reports",
                new ReportRequest("garbage", "Sampah menumpuk saat silo mati", ReportPoint.Lat, ReportPoint.Lon, null, null));
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
            var report = (await submitted.Content.ReadFromJsonAsync<ReportAccepted>())!;
            using (var op = await second.ClientAsync("operator"))
            {
                await QueryModel.WaitForAsync(op, report.Id);
            }

            Assert.Equal(0, await room.Page.Locator($"#queue-rows tr[data-report-id=\"{report.Id}\"]").CountAsync());

            hubHeld.SetResult();
            await room.WaitForAsync("#connection[data-state=connected]", "the hub to reconnect", TimeSpan.FromSeconds(60));
            await room.WaitForAsync($"#queue-rows tr[data-report-id=\"{report.Id}\"]", "the missed report in the queue after the catch-up");
            await room.WaitForAsync($"#map .report-pin[data-report-id=\"{report.Id}\"]", "the missed report on the map");
            await LiveRoomSession.WaitForAsync(room.Page.Locator("#count-open", new() { HasText = "1" }), "the open figure to count it");
            Assert.True(await room.Page.Locator("#reconnect-banner").IsHiddenAsync());
            Assert.Empty(room.PageErrors);
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }
}
