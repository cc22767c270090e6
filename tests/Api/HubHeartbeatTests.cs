using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using TangerangLive.Api.Field;
using TangerangLive.Api.Live;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Api;

/// <summary>
/// The SIGAP app's positions on its hub connection (<c>OfficerHub.Heartbeat</c>): applied exactly as
/// <c>POST /api/me/heartbeat</c> applies them (same zone, same live event, same officer state), checked
/// the same way (a bad field is named, another officer's id is refused), and nothing refused changes
/// the officer. Real silo, real PostgreSQL, the real SignalR client.
/// </summary>
public sealed class HubHeartbeatTests(ApiSiloFixture api) : IClassFixture<ApiSiloFixture>
{
    private static readonly (double Lat, double Lon) First = (-6.1850, 106.6530);
    private static readonly (double Lat, double Lon) Walked = (-6.18503, 106.6530);
    private static readonly (double Lat, double Lon) Second = (-6.2000, 106.6700);

    [Fact]
    public async Task A_position_on_the_hub_moves_the_officer_as_an_http_heartbeat_does()
    {
        using var officer = await api.ClientAsync(ApiSiloFixture.Officer1);

        // The zone an HTTP heartbeat gets here; the hub's positions a few metres on (a plausible walk) must get the same.
        var httpZone = (await OnShiftAtFirstAsync(officer)).ZoneCode;
        Assert.NotNull(httpZone);

        await using var liveRoom = await Hubs.ConnectAsync(api.Silo, "/hubs/liveroom", (await api.Silo.TokenAsync("operator")).AccessToken);
        var moves = new HubRecorder<IReadOnlyList<OfficerMoved>>(liveRoom, nameof(ILiveRoomClient.OfficersMoved));
        await using var hub = await Hubs.ConnectAsync(api.Silo, "/hubs/officer", (await api.Silo.TokenAsync(ApiSiloFixture.Officer1)).AccessToken);

        // The wall's subscription takes effect a moment after it connects: the phone beats until the wall has seen it (as in LiveFlowTests).
        var seen = Task.Run(() => moves.WaitForAsync(m => m.Any(x => x.OfficerId == ApiSiloFixture.Officer1 && x.Lat == Walked.Lat && x.Lon == Walked.Lon), "the Live Room to see the hub position"));
        do
        {
            var result = await hub.InvokeAsync<HubHeartbeatResult>(nameof(OfficerHub.Heartbeat), new HeartbeatRequest(Walked.Lat, Walked.Lon, DateTimeOffset.UtcNow, 8, 0, 90));
            Assert.True(result.Ok, result.Error);
            Assert.Equal(1, result.Accepted);
            Assert.Equal(httpZone, result.ZoneCode);
            Assert.Null(result.Errors);
            Assert.Empty(result.Flags);
        }
        while (await Task.WhenAny(seen, Task.Delay(TimeSpan.FromSeconds(1))) != seen);

        await seen;
        var after = await MeAsync(officer);
        Assert.Equal((Walked.Lat, Walked.Lon), (after.LastFix!.Value.Lat, after.LastFix.Value.Lon));
        Assert.Equal(httpZone, after.ZoneCode);
        Assert.True(after.Online);
    }

    [Fact]
    public async Task A_bad_position_on_the_hub_is_refused_naming_its_fields_and_changes_nothing()
    {
        using var officer = await api.ClientAsync(ApiSiloFixture.Officer2);
        await OnShiftAtFirstAsync(officer);
        var before = await MeAsync(officer);

        await using var hub = await Hubs.ConnectAsync(api.Silo, "/hubs/officer", (await api.Silo.TokenAsync(ApiSiloFixture.Officer2)).AccessToken);
        var bad = await hub.InvokeAsync<HubHeartbeatResult>(nameof(OfficerHub.Heartbeat), new HeartbeatRequest(200, Second.Lon, DateTimeOffset.UtcNow.AddHours(2), 8, 0, 90));
        Assert.False(bad.Ok);
        Assert.Equal(["deviceTime", "lat"], bad.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, bad.Accepted);

        var missing = await hub.InvokeAsync<HubHeartbeatResult>(nameof(OfficerHub.Heartbeat), (HeartbeatRequest?)null);
        Assert.False(missing.Ok);
        Assert.Equal(["position"], missing.Errors!.Keys);

        var impostor = await hub.InvokeAsync<HubHeartbeatResult>(
            nameof(OfficerHub.Heartbeat), new HeartbeatRequest(Second.Lat, Second.Lon, DateTimeOffset.UtcNow, 8, 0, 90, ApiSiloFixture.Officer1));
        Assert.False(impostor.Ok);
        Assert.Equal("An officer reports positions only as themself.", impostor.Error);

        var after = await MeAsync(officer);
        Assert.Equal(before.LastFix, after.LastFix);
        Assert.Equal(before.ZoneCode, after.ZoneCode);
    }

    [Fact]
    public async Task Only_an_officer_can_open_the_officer_hub()
    {
        var operatorToken = (await api.Silo.TokenAsync("operator")).AccessToken;
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => Hubs.ConnectAsync(api.Silo, "/hubs/officer", operatorToken));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var anonymous = await Assert.ThrowsAsync<HttpRequestException>(() => Hubs.ConnectAsync(api.Silo, "/hubs/officer", string.Empty));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    /// <summary>Starts the officer's shift and sends one HTTP heartbeat at <see cref="First"/>; returns its answer.</summary>
    private static async Task<HeartbeatResult> OnShiftAtFirstAsync(HttpClient officer)
    {
        using var start = await officer.PostAsync("/api/me/shift/start", null);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        using var beat = await officer.PostAsJsonAsync("/api/me/heartbeat", new HeartbeatRequest(First.Lat, First.Lon, DateTimeOffset.UtcNow, 8, 0, 90));
        Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        return (await beat.Content.ReadFromJsonAsync<HeartbeatResult>())!;
    }

    private static async Task<OfficerSnapshot> MeAsync(HttpClient officer)
    {
        using var response = await officer.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OfficerSnapshot>(ApiJson.Options))!;
    }
}
