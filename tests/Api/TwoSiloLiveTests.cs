using System.Net;
using System.Net.Http.Json;
using TangerangLive.Api.Field;
using TangerangLive.Api.Live;
using TangerangLive.Api.Reports;
using TangerangLive.Grains.Live;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Api;

/// <summary>
/// Two silo processes on one database: tokens signed by one are accepted by the other (the signing key
/// lives in the database), and a Live Room client on silo A sees what requests to silo B caused. An officer's offer
/// reaches the officer's connection on either silo exactly once, whichever silo holds the officer's grain (the silo
/// that holds it pushes to its own connections at once, the others when the batch reaches them).
/// </summary>
public sealed class TwoSiloLiveTests
{
    [Fact]
    public async Task A_live_room_on_silo_A_sees_the_events_of_requests_sent_to_silo_B()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("two_silo_live");
        var clusterId = $"live-{Guid.NewGuid():N}"[..16];
        await using var a = await SiloProcess.StartAsync(connectionString, clusterId, ApiClients.SiloArgs());
        await using var b = await SiloProcess.StartAsync(connectionString, clusterId, ApiClients.SiloArgs());

        // Signed on B, used on A.
        var operatorToken = (await b.TokenAsync("operator")).AccessToken;
        await using var liveRoom = await Hubs.ConnectAsync(a, "/hubs/liveroom", operatorToken);
        var changes = new HubRecorder<ComplaintChanged>(liveRoom, nameof(ILiveRoomClient.ComplaintChanged));
        var moves = new HubRecorder<IReadOnlyList<OfficerMoved>>(liveRoom, nameof(ILiveRoomClient.OfficersMoved));

        // An officer heartbeating through B, as the app does, until A's Live Room shows them.
        using var officer = await b.ClientAsync("officer-dishub-1");
        using (var start = await officer.PostAsync("/api/me/shift/start", null))
        {
            Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        }

        var seen = Task.Run(() => moves.WaitForAsync(m => m.Any(x => x.OfficerId == "officer-dishub-1"), "silo A's Live Room to show officer-dishub-1 moving via silo B", TimeSpan.FromSeconds(30)));
        while (!seen.IsCompleted)
        {
            using var beat = await officer.PostAsJsonAsync("/api/me/heartbeat", new HeartbeatRequest(-6.1850, 106.6530, DateTimeOffset.UtcNow, 5, 0, 90));
            Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
            await Task.WhenAny(seen, Task.Delay(TimeSpan.FromSeconds(1)));
        }

        await seen;

        // The same officer's app connected to both silos: each connection must get the offer, and only once.
        var officerToken = (await b.TokenAsync("officer-dishub-1")).AccessToken;
        await using var officerHubA = await Hubs.ConnectAsync(a, "/hubs/officer", officerToken);
        await using var officerHubB = await Hubs.ConnectAsync(b, "/hubs/officer", officerToken);
        var pushesA = new HubRecorder<AssignmentPushed>(officerHubA, nameof(IOfficerClient.Assignment));
        var pushesB = new HubRecorder<AssignmentPushed>(officerHubB, nameof(IOfficerClient.Assignment));

        using var citizen = await b.ClientAsync("citizen");
        using var submitted = await citizen.PostAsJsonAsync("/api/reports", new ReportRequest("traffic-jam", "Macet di Jl. Daan Mogot", -6.1844, 106.652, null, null));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var report = (await submitted.Content.ReadFromJsonAsync<ReportAccepted>())!;

        await changes.WaitForAsync(c => c.ComplaintId == report.Id && c.Status == "Received", $"silo A's Live Room to see {report.Id} Received");
        var offered = await changes.WaitForAsync(c => c.ComplaintId == report.Id && c.Status == "Offered", $"silo A's Live Room to see {report.Id} Offered");
        Assert.Equal("officer-dishub-1", offered.OfficerId);

        await pushesA.WaitForAsync(p => p.ComplaintId == report.Id, $"the offer of {report.Id} on silo A's officer hub");
        await pushesB.WaitForAsync(p => p.ComplaintId == report.Id, $"the offer of {report.Id} on silo B's officer hub");
        // A second copy would follow within milliseconds (the batch reaching the holding silo's own observer).
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(pushesA.Seen, p => p.ComplaintId == report.Id && p.Kind == "offer");
        Assert.Single(pushesB.Seen, p => p.ComplaintId == report.Id && p.Kind == "offer");
    }
}
