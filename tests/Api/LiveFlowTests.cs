using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using TangerangLive.Api.Field;
using TangerangLive.Api.Live;
using TangerangLive.Api.Reports;
using TangerangLive.Grains.Live;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Api;

/// <summary>
/// The whole flow through the real stack: a citizen's report reaches the nearest officer's app over
/// SignalR, the officer acknowledges on the hub and works the report over REST, and the Live Room sees
/// every status change of the report in order.
/// </summary>
public sealed class LiveFlowTests(ApiSiloFixture api) : IClassFixture<ApiSiloFixture>
{
    internal static readonly (double Lat, double Lon) ReportPoint = (-6.1844, 106.6520);
    internal static readonly (double Lat, double Lon) NearPoint = (-6.1850, 106.6530);
    private static readonly (double Lat, double Lon) FarPoint = (-6.2000, 106.6700);

    [Fact]
    public async Task A_report_reaches_the_nearest_officer_and_the_live_room_sees_each_status_in_order()
    {
        var operatorToken = (await api.Silo.TokenAsync("operator")).AccessToken;
        await using var liveRoom = await Hubs.ConnectAsync(api.Silo, "/hubs/liveroom", operatorToken);
        var changes = new HubRecorder<ComplaintChanged>(liveRoom, nameof(ILiveRoomClient.ComplaintChanged));
        var moves = new HubRecorder<IReadOnlyList<OfficerMoved>>(liveRoom, nameof(ILiveRoomClient.OfficersMoved));

        using var near = await api.ClientAsync(ApiSiloFixture.Officer1);
        using var far = await api.ClientAsync(ApiSiloFixture.Officer2);
        await using var nearHub = await Hubs.ConnectAsync(api.Silo, "/hubs/officer", (await api.Silo.TokenAsync(ApiSiloFixture.Officer1)).AccessToken);
        await using var farHub = await Hubs.ConnectAsync(api.Silo, "/hubs/officer", (await api.Silo.TokenAsync(ApiSiloFixture.Officer2)).AccessToken);
        var nearPushes = new HubRecorder<AssignmentPushed>(nearHub, nameof(IOfficerClient.Assignment));
        var farPushes = new HubRecorder<AssignmentPushed>(farHub, nameof(IOfficerClient.Assignment));

        await GoOnDutyAsync(near, NearPoint, moves, ApiSiloFixture.Officer1);
        await GoOnDutyAsync(far, FarPoint, moves, ApiSiloFixture.Officer2);

        var (citizen, _) = await api.NewCitizenAsync();
        using var _ = citizen;
        var photo = TestImages.Png(2048);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("traffic-jam"), "category" },
            { new StringContent("Macet parah di perempatan"), "description" },
            { new StringContent(ReportPoint.Lat.ToString(System.Globalization.CultureInfo.InvariantCulture)), "lat" },
            { new StringContent(ReportPoint.Lon.ToString(System.Globalization.CultureInfo.InvariantCulture)), "lon" },
            { Image(photo), "photos", "macet.png" },
        };
        using var submitted = await citizen.PostAsync("/api/reports", form);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var accepted = (await submitted.Content.ReadFromJsonAsync<ReportAccepted>())!;
        Assert.Equal($"/api/reports/{accepted.Id}", submitted.Headers.Location?.OriginalString);

        var offer = await nearPushes.WaitForAsync(p => p.ComplaintId == accepted.Id, $"the Assignment push of {accepted.Id} to {ApiSiloFixture.Officer1}");
        Assert.Equal("traffic-jam", offer.Category);
        var ack = await nearHub.InvokeAsync<HubCommandResult>(nameof(OfficerHub.Acknowledge), accepted.Id);
        Assert.True(ack.Ok, ack.Error);
        Assert.Equal("Acknowledged", ack.Status);

        await StepAsync(near, $"/api/me/assignments/{accepted.Id}/en-route");
        await StepAsync(near, $"/api/me/assignments/{accepted.Id}/on-scene");
        var proof = TestImages.Jpeg(4096);
        using var resolveForm = new MultipartFormDataContent { { Image(proof), "photo", "done.jpg" }, { new StringContent("Lalu lintas lancar kembali"), "note" } };
        using var resolved = await near.PostAsync($"/api/me/assignments/{accepted.Id}/resolve", resolveForm);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);

        await changes.WaitForAsync(c => c.ComplaintId == accepted.Id && c.Status == "Resolved", $"the Live Room to see {accepted.Id} Resolved");
        var statuses = changes.Seen.Where(c => c.ComplaintId == accepted.Id).Select(c => c.Status)
            .Aggregate(new List<string>(), (list, s) => { if (list.Count == 0 || list[^1] != s) { list.Add(s); } return list; });
        Assert.Equal(["Received", "Offered", "Acknowledged", "EnRoute", "OnScene", "Resolved"], statuses.Where(s => s != "Dispatching"));
        Assert.DoesNotContain(farPushes.Seen, p => p.ComplaintId == accepted.Id);
        // Pushed once: at once by the silo that holds the officer's grain, not again when the batch reaches its observer.
        Assert.Single(nearPushes.Seen, p => p.ComplaintId == accepted.Id && p.Kind == "offer");

        var report = (await citizen.GetFromJsonAsync<ReportView>(accepted.TrackingUrl))!;
        Assert.Equal("Resolved", report.Status);
        Assert.Equal(ApiSiloFixture.Officer1, report.OfficerId);
        Assert.Equal(["received", "offered", "acknowledged", "en-route", "on-scene", "resolved"], report.Timeline.Select(t => t.Kind));
        Assert.Single(report.Photos);
        Assert.Equal(photo, await citizen.GetByteArrayAsync($"/api/{report.Photos[0]}"));
        Assert.Equal(proof, await citizen.GetByteArrayAsync($"/api/{report.ProofPhoto}"));
    }

    /// <summary>Starts the shift and heartbeats, as the app does every few seconds, until the Live Room shows the officer there.</summary>
    internal static async Task GoOnDutyAsync(HttpClient officer, (double Lat, double Lon) at, HubRecorder<IReadOnlyList<OfficerMoved>> moves, string officerId)
    {
        using var start = await officer.PostAsync("/api/me/shift/start", null);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var seen = Task.Run(() => moves.WaitForAsync(m => m.Any(x => x.OfficerId == officerId && x.Lat == at.Lat), $"the Live Room to show {officerId} at {at}"));
        while (!seen.IsCompleted)
        {
            using var beat = await officer.PostAsJsonAsync("/api/me/heartbeat", new HeartbeatRequest(at.Lat, at.Lon, DateTimeOffset.UtcNow, 8, 0, 90));
            Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
            await Task.WhenAny(seen, Task.Delay(TimeSpan.FromSeconds(1)));
        }

        await seen;
    }

    private static async Task StepAsync(HttpClient officer, string path)
    {
        using var response = await officer.PostAsync(path, null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static ByteArrayContent Image(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }
}
