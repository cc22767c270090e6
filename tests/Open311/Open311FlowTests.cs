using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.SignalR.Client;
using TangerangLive.Api.Field;
using TangerangLive.Api.Live;
using TangerangLive.Api.Ops;
using TangerangLive.Api.Reports;
using TangerangLive.Grains.Live;
using TangerangLive.Tests.Api;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Open311;

/// <summary>
/// A request from an Open311 client is the same report as any other: stored, dispatched to the nearest
/// officer, seen in the Live Room and the operators' queue with channel open311, worked to the end, and
/// then answered closed in GET requests and FIXED in FixMyStreet's update feed.
/// </summary>
[Collection(Open311Collection.Name)]
public sealed class Open311FlowTests(Open311SiloFixture api)
{
    private static readonly (double Lat, double Lon) ReportPoint = (-6.1844, 106.6520);
    private static readonly (double Lat, double Lon) NearPoint = (-6.1850, 106.6530);

    [Fact]
    public async Task An_open311_request_is_dispatched_worked_and_closed_with_channel_open311()
    {
        var startedAt = DateTimeOffset.UtcNow.AddSeconds(-1);
        await using var liveRoom = await Hubs.ConnectAsync(api.Silo, "/hubs/liveroom", (await api.Silo.TokenAsync("operator")).AccessToken);
        var changes = new HubRecorder<ComplaintChanged>(liveRoom, nameof(ILiveRoomClient.ComplaintChanged));
        var moves = new HubRecorder<IReadOnlyList<OfficerMoved>>(liveRoom, nameof(ILiveRoomClient.OfficersMoved));
        using var officer = await api.ClientAsync(ApiSiloFixture.Officer1);
        await using var officerHub = await Hubs.ConnectAsync(api.Silo, "/hubs/officer", (await api.Silo.TokenAsync(ApiSiloFixture.Officer1)).AccessToken);
        var pushes = new HubRecorder<AssignmentPushed>(officerHub, nameof(IOfficerClient.Assignment));
        await GoOnDutyAsync(officer, moves);

        using var posted = await api.PostRequestAsync("xml",
            ("service_code", "traffic-jam"), ("description", "Macet parah di perempatan"),
            ("lat", ReportPoint.Lat.ToString(CultureInfo.InvariantCulture)), ("long", ReportPoint.Lon.ToString(CultureInfo.InvariantCulture)),
            ("first_name", "Siti"), ("last_name", "Rahayu"), ("phone", "+62811000111"), ("email", "siti@example.org"), ("account_id", "fms-42"),
            ("media_url", "https://fixmystreet.example/photo/42.jpeg"), ("attribute[lanes]", "2"));
        var xml = await posted.Content.ReadAsStringAsync();
        Assert.True(posted.StatusCode == HttpStatusCode.Created, xml);
        Assert.Equal("text/xml; charset=utf-8", posted.Content.Headers.ContentType?.ToString());
        var answer = XDocument.Parse(xml);
        Assert.Equal("service_requests", answer.Root!.Name.LocalName);
        var request = Assert.Single(answer.Root.Elements());
        Assert.Equal("request", request.Name.LocalName);
        Assert.Equal(["service_request_id", "service_notice", "account_id"], request.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("fms-42", request.Element("account_id")!.Value);
        Assert.Equal("Sent to Dinas Perhubungan; target: resolved within 1 h.", request.Element("service_notice")!.Value);
        var id = request.Element("service_request_id")!.Value;

        var offer = await pushes.WaitForAsync(p => p.ComplaintId == id, $"the Assignment push of {id} to {ApiSiloFixture.Officer1}");
        Assert.Equal("traffic-jam", offer.Category);
        var seen = await changes.WaitForAsync(c => c.ComplaintId == id && c.Status == "Offered", $"the Live Room to see {id} offered");
        Assert.Equal("open311", seen.Channel);

        using var ops = await api.ClientAsync("operator");
        await api.WaitForQueryModelAsync(id);
        var since = Uri.EscapeDataString(startedAt.ToString("O", CultureInfo.InvariantCulture));
        var queue = await ops.GetFromJsonAsync<Page<ReportRow>>($"/api/ops/reports?category=traffic-jam&from={since}");
        Assert.Equal([id], queue!.Items.Select(r => r.Id));
        var detail = (await ops.GetFromJsonAsync<ReportView>($"/api/ops/reports/{id}"))!;
        Assert.Equal("open311", detail.Channel);
        Assert.Equal("Macet parah di perempatan", detail.Description);
        Assert.Equal(ApiSiloFixture.Officer1, detail.OfficerId);

        var ack = await officerHub.InvokeAsync<HubCommandResult>(nameof(OfficerHub.Acknowledge), id);
        Assert.True(ack.Ok, ack.Error);
        await StepAsync(officer, $"/api/me/assignments/{id}/en-route");
        await StepAsync(officer, $"/api/me/assignments/{id}/on-scene");
        var proof = new ByteArrayContent(TestImages.Jpeg(4096));
        proof.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using (var resolveForm = new MultipartFormDataContent { { proof, "photo", "done.jpg" }, { new StringContent("Lalu lintas lancar kembali"), "note" } })
        {
            using var resolved = await officer.PostAsync($"/api/me/assignments/{id}/resolve", resolveForm);
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        await QueryModel.WaitForAsync(api.ConnectionString, id, "Resolved");
        var publicJson = await api.Silo.Http.GetStringAsync($"/open311/v2/requests/{id}.json");
        Assert.DoesNotContain("+62811000111", publicJson, StringComparison.Ordinal);
        Assert.DoesNotContain("siti@example.org", publicJson, StringComparison.Ordinal);
        Assert.DoesNotContain("Rahayu", publicJson, StringComparison.Ordinal);
        var closed = Assert.Single(JsonDocument.Parse(publicJson).RootElement.EnumerateArray());
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("Resolved: Lalu lintas lancar kembali", closed.GetProperty("status_notes").GetString());
        Assert.Equal("https://fixmystreet.example/photo/42.jpeg", closed.GetProperty("media_url").GetString());
        Assert.Equal("Dinas Perhubungan", closed.GetProperty("agency_responsible").GetString());

        var extended = JsonDocument.Parse(await api.Silo.Http.GetStringAsync($"/open311/v2/requests/{id}.json?extensions=true")).RootElement[0];
        Assert.Equal("open311", extended.GetProperty("extended_attributes").GetProperty("channel").GetString());
        Assert.Equal(
            ["received", "acknowledged", "en-route", "on-scene", "resolved"],
            extended.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("type").GetString()));
        var attribute = Assert.Single(extended.GetProperty("attributes").EnumerateArray());
        Assert.Equal(("lanes", "2"), (attribute.GetProperty("code").GetString(), attribute.GetProperty("value").GetString()));

        var window = $"start_date={since}&end_date={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture))}";
        var updates = XDocument.Parse(await api.Silo.Http.GetStringAsync($"/open311/v2/servicerequestupdates.xml?{window}"));
        Assert.Equal("service_requests_updates", updates.Root!.Name.LocalName);
        var mine = updates.Root.Elements("request_update").Where(u => u.Element("service_request_id")!.Value == id).ToList();
        Assert.Equal(["OPEN", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "FIXED"], mine.Select(u => u.Element("status")!.Value));
        Assert.Equal(
            ["update_id", "service_request_id", "status", "updated_datetime", "description", "media_url"],
            mine[^1].Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Resolved: Lalu lintas lancar kembali", mine[^1].Element("description")!.Value);
    }

    /// <summary>Starts the shift and heartbeats until the Live Room shows the officer at the near point.</summary>
    private static async Task GoOnDutyAsync(HttpClient officer, HubRecorder<IReadOnlyList<OfficerMoved>> moves)
    {
        using var start = await officer.PostAsync("/api/me/shift/start", null);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var seen = Task.Run(() => moves.WaitForAsync(
            m => m.Any(x => x.OfficerId == ApiSiloFixture.Officer1 && x.Lat == NearPoint.Lat), $"the Live Room to show {ApiSiloFixture.Officer1} on duty"));
        while (!seen.IsCompleted)
        {
            using var beat = await officer.PostAsJsonAsync("/api/me/heartbeat", new HeartbeatRequest(NearPoint.Lat, NearPoint.Lon, DateTimeOffset.UtcNow, 8, 0, 90));
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
}
