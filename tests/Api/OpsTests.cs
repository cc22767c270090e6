using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using TangerangLive.Api.Field;
using TangerangLive.Api.Live;
using TangerangLive.Api.Ops;
using TangerangLive.Api.Reports;
using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Live;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Api;

/// <summary>Operators: the queue from the query model, overrides with actor and reason, recommendations, pause and resume.</summary>
public sealed class OpsTests(ApiSiloFixture api) : IClassFixture<ApiSiloFixture>
{
    [Fact]
    public async Task The_queue_filters_pages_and_counts_from_the_query_model()
    {
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var (citizen, _) = await api.NewCitizenAsync();
        using var _ = citizen;
        var ids = new List<string>();
        foreach (var (category, i) in new[] { "street-light", "street-light", "street-light", "fallen-tree", "fallen-tree" }.Select((c, i) => (c, i)))
        {
            ids.Add((await SubmitAsync(citizen, category, -6.16 - (0.01 * i), 106.64)).Id);
        }

        foreach (var id in ids)
        {
            await api.WaitForQueryModelAsync(id);
        }

        using var ops = await api.ClientAsync("operator");
        var since = Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture));
        var first = await ops.GetFromJsonAsync<Page<ReportRow>>($"/api/ops/reports?category=street-light&from={since}&pageSize=2&page=1");
        var second = await ops.GetFromJsonAsync<Page<ReportRow>>($"/api/ops/reports?category=street-light&from={since}&pageSize=2&page=2");
        Assert.Equal(3, first!.Total);
        Assert.Equal(2, first.Items.Count);
        Assert.Single(second!.Items);
        Assert.Equal(ids.Take(3).Reverse(), first.Items.Concat(second.Items).Select(r => r.Id));

        var dkp = await ops.GetFromJsonAsync<Page<ReportRow>>($"/api/ops/reports?agency=DKP&from={since}");
        Assert.Equal(ids.Skip(3).Order(), dkp!.Items.Select(r => r.Id).Order());
        var sinceInWib = Uri.EscapeDataString(from.ToOffset(TimeSpan.FromHours(7)).ToString("O", CultureInfo.InvariantCulture));
        var dkpInWib = await ops.GetFromJsonAsync<Page<ReportRow>>($"/api/ops/reports?agency=DKP&from={sinceInWib}");
        Assert.Equal(ids.Skip(3).Order(), dkpInWib!.Items.Select(r => r.Id).Order());
        var before = Uri.EscapeDataString(from.AddMilliseconds(1).ToString("O", CultureInfo.InvariantCulture));
        var none = await ops.GetFromJsonAsync<Page<ReportRow>>($"/api/ops/reports?agency=DKP&from={since}&to={before}");
        Assert.Equal(0, none!.Total);
    }

    [Fact]
    public async Task Overrides_land_in_the_timeline_with_the_operator_and_the_reason()
    {
        using var citizen = await api.ClientAsync("citizen");
        using var ops = await api.ClientAsync("operator");
        using var officer = await api.ClientAsync(ApiSiloFixture.Officer2);
        var report = await SubmitAsync(citizen, "illegal-parking", -6.2201, 106.6802);
        var original = await SubmitAsync(citizen, "illegal-parking", -6.1401, 106.6302);
        var cancelMe = await SubmitAsync(citizen, "illegal-parking", -6.1201, 106.6602);

        await Ok(ops, $"/api/ops/reports/{report.Id}/notes", new NoteRequest("Warga menelepon juga"));
        await Ok(ops, $"/api/ops/reports/{report.Id}/priority", new PriorityRequest(1, "blocks an ambulance route"));
        await Ok(ops, $"/api/ops/reports/{report.Id}/category", new CategoryRequest("traffic-jam", "it is a jam, not parking"));

        using (var start = await officer.PostAsync("/api/me/shift/start", null))
        {
            Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        }

        using (var beat = await officer.PostAsJsonAsync("/api/me/heartbeat", new HeartbeatRequest(-6.2205, 106.6805, DateTimeOffset.UtcNow, 5, 0, 80)))
        {
            Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        }

        var recommended = await ops.GetFromJsonAsync<IReadOnlyList<Recommendation>>($"/api/ops/reports/{report.Id}/recommendations?k=3");
        Assert.Contains(recommended!, r => r.OfficerId == ApiSiloFixture.Officer2);

        var assigned = await Ok(ops, $"/api/ops/reports/{report.Id}/assign", new AssignRequest(ApiSiloFixture.Officer2, true, "closest unit I trust"));
        Assert.Equal("Offered", assigned.Status);
        Assert.Equal(ApiSiloFixture.Officer2, assigned.OfficerId);
        var unassigned = await Ok(ops, $"/api/ops/reports/{report.Id}/unassign", new ReasonRequest("officer radioed: flat tyre"));
        Assert.Equal("Escalated", unassigned.Status);

        var duplicate = await Ok(ops, $"/api/ops/reports/{report.Id}/duplicate", new DuplicateRequest(original.Id, "same car, reported twice"));
        Assert.Equal("Duplicate", duplicate.Status);
        Assert.Equal(original.Id, duplicate.DuplicateOf);
        var cancelled = await Ok(ops, $"/api/ops/reports/{cancelMe.Id}/cancel", new ReasonRequest("prank report"));
        Assert.Equal("Cancelled", cancelled.Status);
        using var refused = await ops.PostAsJsonAsync($"/api/ops/reports/{cancelMe.Id}/redispatch", new ReasonRequest(null));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        var timeline = duplicate.Timeline.Where(t => t.Actor == "operator").Select(t => (t.Kind, t.Reason)).ToList();
        Assert.Equal(
        [
            ("note", null),
            ("priority-changed", "blocks an ambulance route"),
            ("category-changed", "it is a jam, not parking"),
            ("assigned", "closest unit I trust"),
            ("unassigned", "officer radioed: flat tyre"),
            ("duplicate", "same car, reported twice"),
        ], timeline);
    }

    [Fact]
    public async Task Pausing_a_category_queues_its_reports_until_an_operator_resumes_it()
    {
        using var ops = await api.ClientAsync("operator");
        using var citizen = await api.ClientAsync("citizen");
        await using var liveRoom = await Hubs.ConnectAsync(api.Silo, "/hubs/liveroom", (await api.Silo.TokenAsync("operator")).AccessToken);
        var changes = new HubRecorder<ComplaintChanged>(liveRoom, nameof(ILiveRoomClient.ComplaintChanged));

        var paused = await Ok<DispatchControlStatus>(ops, "/api/ops/dispatch/categories/damaged-road/pause", new ReasonRequest("contractor strike"));
        Assert.True(paused.Paused);
        Assert.Equal("operator", paused.By);

        var report = await SubmitAsync(citizen, "damaged-road", -6.1705, 106.6105);
        await changes.WaitForAsync(c => c.ComplaintId == report.Id && c.Status == "Queued", $"{report.Id} Queued while damaged-road is paused");

        var resumed = await Ok<DispatchControlStatus>(ops, "/api/ops/dispatch/categories/damaged-road/resume", new ReasonRequest("strike over"));
        Assert.False(resumed.Paused);
        var after = await changes.WaitForAsync(c => c.ComplaintId == report.Id && c.Status != "Queued" && c.Status != "Received", $"{report.Id} to leave the queue after resume");
        Assert.Equal("Escalated", after.Status);

        using var unknown = await ops.PostAsJsonAsync("/api/ops/dispatch/zones/99.99/pause", new ReasonRequest("x"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task<ReportAccepted> SubmitAsync(HttpClient client, string category, double lat, double lon)
    {
        using var response = await client.PostAsJsonAsync("/api/reports", new ReportRequest(category, $"{category} at {lat},{lon}", lat, lon, null, null));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ReportAccepted>())!;
    }

    private static Task<ReportView> Ok(HttpClient client, string path, object body) => Ok<ReportView>(client, path, body);

    private static async Task<T> Ok<T>(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options))!;
    }
}
