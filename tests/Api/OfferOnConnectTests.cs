using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using TangerangLive.Api.Field;
using TangerangLive.Api.Live;
using TangerangLive.Api.Reports;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Api;

/// <summary>
/// An offer made while the officer's phone had no hub connection (a drop in the network, the app restarting) reaches
/// the phone as it connects, instead of when its deadline has passed and the report has gone to someone else; an offer
/// already answered is not sent again.
/// </summary>
public sealed class OfferOnConnectTests(ApiSiloFixture api) : IClassFixture<ApiSiloFixture>
{
    private static readonly (double Lat, double Lon) ReportPoint = LiveFlowTests.ReportPoint;
    private static readonly (double Lat, double Lon) OfficerPoint = LiveFlowTests.NearPoint;

    [Fact]
    public async Task An_offer_made_while_the_phone_was_away_is_sent_as_it_connects_and_not_again_once_answered()
    {
        var operatorToken = (await api.Silo.TokenAsync("operator")).AccessToken;
        await using var liveRoom = await Hubs.ConnectAsync(api.Silo, "/hubs/liveroom", operatorToken);
        var moves = new HubRecorder<IReadOnlyList<OfficerMoved>>(liveRoom, nameof(ILiveRoomClient.OfficersMoved));
        var changes = new HubRecorder<ComplaintChanged>(liveRoom, nameof(ILiveRoomClient.ComplaintChanged));

        // The officer is on shift and heartbeating over REST, with no hub connection: the engine offers it the report all the same.
        using var officer = await api.ClientAsync(ApiSiloFixture.Officer1);
        await LiveFlowTests.GoOnDutyAsync(officer, OfficerPoint, moves, ApiSiloFixture.Officer1);
        var (citizen, _) = await api.NewCitizenAsync();
        using var _ = citizen;
        using var submitted = await citizen.PostAsJsonAsync("/api/reports", new { category = "traffic-jam", description = "Macet di depan pasar", lat = ReportPoint.Lat, lon = ReportPoint.Lon });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<ReportAccepted>())!.Id;
        // The report is published as Offered after the officer's own write of the offer: the officer holds it by then.
        await changes.WaitForAsync(c => c.ComplaintId == id && c.Status == "Offered", $"the Live Room to see {id} Offered");
        var mine = await officer.GetFromJsonAsync<MyAssignment>("/api/me/assignment", ApiJson.Options);
        var held = Assert.IsType<OfficerAssignment>(mine?.Assignment);
        Assert.Equal((id, OfficerDuty.Offered), (held.ComplaintId, held.Stage));

        // The phone connects: the open offer comes at once, with the offer's own time and deadline.
        var token = (await api.Silo.TokenAsync(ApiSiloFixture.Officer1)).AccessToken;
        await using var hub = Hubs.Build(api.Silo, "/hubs/officer", token);
        var pushes = new HubRecorder<AssignmentPushed>(hub, nameof(IOfficerClient.Assignment));
        await hub.StartAsync();
        var offer = await pushes.WaitForAsync(p => p.ComplaintId == id && p.Kind == "offer", $"the offer of {id} sent again as the hub connected");
        Assert.Equal(OfficerHub.ResentOnConnect, offer.Reason);
        Assert.Equal("traffic-jam", offer.Category);
        Assert.Equal(held.Since, offer.At);
        Assert.Equal(held.AckDeadline, offer.AckDeadline);
        Assert.Equal((ReportPoint.Lat, ReportPoint.Lon), (offer.Lat, offer.Lon));
        var ack = await hub.InvokeAsync<HubCommandResult>(nameof(OfficerHub.Acknowledge), id);
        Assert.True(ack.Ok, ack.Error);

        // Connecting again once the offer is answered brings nothing: what the hub sends as it connects is in before
        // the answer to the connection's first call (one ordered stream), so the heartbeat's answer marks the point.
        await hub.StopAsync();
        await using var again = Hubs.Build(api.Silo, "/hubs/officer", token);
        var later = new HubRecorder<AssignmentPushed>(again, nameof(IOfficerClient.Assignment));
        await again.StartAsync();
        var beat = await again.InvokeAsync<HubHeartbeatResult>(nameof(OfficerHub.Heartbeat), new HeartbeatRequest(OfficerPoint.Lat, OfficerPoint.Lon, DateTimeOffset.UtcNow, 8, 0, 90));
        Assert.True(beat.Ok, beat.Error);
        Assert.Empty(later.Seen);

        var metrics = await api.Silo.Http.GetStringAsync("/metrics");
        Assert.Contains("tangerang_offers_resent_on_connect", metrics, StringComparison.Ordinal);
    }
}
