using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using TangerangLive.Api.Field;
using TangerangLive.Api.Reports;
using TangerangLive.Tests.Api;
using Xunit.Abstractions;

namespace TangerangLive.Tests.Browser;

/// <summary>
/// The Live Room page in a real browser against a real silo: an operator sees a citizen's report arrive
/// within 2 seconds and reassigns it from the detail panel; a viewer finds no action controls; the
/// mayor's phone gets one readable column.
/// </summary>
public sealed class LiveRoomPageTests(ApiSiloFixture api, ITestOutputHelper output) : IClassFixture<ApiSiloFixture>
{
    private static readonly (double Lat, double Lon) ReportPoint = (-6.1844, 106.6520);
    private static readonly (double Lat, double Lon) Officer1Point = (-6.1850, 106.6530);
    private static readonly (double Lat, double Lon) Officer2Point = (-6.1900, 106.6600);

    [Fact]
    public async Task An_operator_sees_a_new_report_within_2_seconds_and_reassigns_it_with_a_reason_in_the_timeline()
    {
        await using var room = await LiveRoomSession.OpenAsync(api.Silo.Http.BaseAddress!, "operator", output);
        using var officer1 = await OnDutyAsync(room, ApiSiloFixture.Officer1, Officer1Point);
        using var officer2 = await OnDutyAsync(room, ApiSiloFixture.Officer2, Officer2Point);

        var (citizen, _) = await api.NewCitizenAsync();
        using var _citizen = citizen;
        var clock = Stopwatch.StartNew();
        using var submitted = await citizen.PostAsJsonAsync("/api/reports",
            new ReportRequest("traffic-jam", "Macet parah di perempatan Cikokol", ReportPoint.Lat, ReportPoint.Lon, null, null));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var report = (await submitted.Content.ReadFromJsonAsync<ReportAccepted>())!;
        var accepted = clock.ElapsedMilliseconds;
        clock.Restart();
        await LiveRoomSession.WaitForAsync(room.Page.Locator($"#map .report-pin[data-report-id=\"{report.Id}\"]"), $"report {report.Id} on the map", TimeSpan.FromSeconds(2));
        output.WriteLine($"Report accepted (201) in {accepted} ms, on the map {clock.ElapsedMilliseconds} ms later");

        // The dispatcher offers it to the nearest officer: officer 1 turns busy on the map.
        await room.WaitForAsync($"[data-officer-id=\"{ApiSiloFixture.Officer1}\"][data-state=busy]", "officer 1's marker to turn busy");
        var row = room.Page.Locator($"#queue-rows tr[data-report-id=\"{report.Id}\"]");
        await LiveRoomSession.WaitForAsync(row, $"report {report.Id} in the operators' queue");
        await row.ClickAsync();
        await room.WaitForAsync($"#detail[data-report-id=\"{report.Id}\"] .channel", "the detail panel");
        Assert.Equal("app", await room.Page.Locator("#detail .channel").InnerTextAsync());

        var assign = room.Page.Locator($"#detail tr[data-officer-id=\"{ApiSiloFixture.Officer2}\"] button[data-action=assign]");
        await LiveRoomSession.WaitForAsync(assign, "officer 2 among the recommendations", state: WaitForSelectorState.Visible);
        await assign.ClickAsync();
        await room.Page.FillAsync("#override-dialog textarea[name=reason]", "Officer 2 knows this junction");
        await room.Page.ClickAsync("#override-dialog .dialog-confirm");

        var entry = room.Page.Locator("#detail .timeline li[data-kind=assigned]", new() { HasText = "Officer 2 knows this junction" });
        await LiveRoomSession.WaitForAsync(entry, "the reassignment in the timeline");
        Assert.Contains(ApiSiloFixture.Officer2, await entry.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(ApiSiloFixture.Officer2, await room.Page.Locator("#detail .officer").InnerTextAsync());
        await room.WaitForAsync($"[data-officer-id=\"{ApiSiloFixture.Officer2}\"][data-state=busy]", "officer 2's marker to turn busy");
        await room.WaitForAsync($"[data-officer-id=\"{ApiSiloFixture.Officer1}\"][data-state=available]", "officer 1's marker to turn available again");
        Assert.Empty(room.PageErrors);
    }

    [Fact]
    public async Task A_viewer_sees_the_report_detail_and_finds_no_action_controls()
    {
        var id = await SubmitAsync("garbage", "Sampah menumpuk di Jl. Daan Mogot", (-6.2100, 106.6300));
        await using var room = await LiveRoomSession.OpenAsync(api.Silo.Http.BaseAddress!, "viewer", output);
        var row = room.Page.Locator($"#queue-rows tr[data-report-id=\"{id}\"]");
        await LiveRoomSession.WaitForAsync(row, $"report {id} in the queue");
        await row.ClickAsync();
        await room.WaitForAsync($"#detail[data-report-id=\"{id}\"] .timeline li", "the detail panel's timeline");

        Assert.Equal(0, await room.Page.Locator("[data-action]").CountAsync());
        Assert.Equal(0, await room.Page.Locator("#detail .actions").CountAsync());
        Assert.False(await room.Page.Locator("#intake-link").IsVisibleAsync());
        Assert.Empty(room.PageErrors);
    }

    [Fact]
    public async Task The_mayors_phone_gets_one_column_with_the_figures_first_and_no_sideways_scrolling()
    {
        await SubmitAsync("park-damage", "Bangku taman rusak di Taman Potret", (-6.1550, 106.6150));
        await using var room = await LiveRoomSession.OpenAsync(api.Silo.Http.BaseAddress!, "viewer", output, width: 390, height: 844);
        await LiveRoomSession.WaitForAsync(room.Page.Locator("#count-open", new() { HasTextRegex = new("^[1-9]") }), "the open reports figure");

        Assert.True(await room.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways on a phone");
        var figures = (await room.Page.Locator("#figures").BoundingBoxAsync())!;
        var map = (await room.Page.Locator(".map-panel").BoundingBoxAsync())!;
        Assert.True(figures.Y + figures.Height <= map.Y, $"figures (bottom {figures.Y + figures.Height}) come before the map (top {map.Y})");
        Assert.InRange(map.Width, 370, 390);
        Assert.Empty(room.PageErrors);
    }

    /// <summary>A report of an agency no test puts on duty, away from the others (so it is neither dispatched nor a duplicate).</summary>
    private async Task<string> SubmitAsync(string category, string description, (double Lat, double Lon) at)
    {
        var (citizen, _) = await api.NewCitizenAsync();
        using var _citizen = citizen;
        using var submitted = await citizen.PostAsJsonAsync("/api/reports", new ReportRequest(category, description, at.Lat, at.Lon, null, null));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<ReportAccepted>())!.Id;
        await api.WaitForQueryModelAsync(id);
        return id;
    }

    /// <summary>Starts the officer's shift and heartbeats, as the SIGAP app does, until the page shows the officer.</summary>
    private async Task<HttpClient> OnDutyAsync(LiveRoomSession room, string officerId, (double Lat, double Lon) at)
    {
        var officer = await api.ClientAsync(officerId);
        using (var start = await officer.PostAsync("/api/me/shift/start", null))
        {
            Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        }

        var shown = LiveRoomSession.WaitForAsync(room.Page.Locator($"[data-officer-id=\"{officerId}\"][data-state=available]"), $"the marker of {officerId}");
        while (!shown.IsCompleted)
        {
            using var beat = await officer.PostAsJsonAsync("/api/me/heartbeat", new HeartbeatRequest(at.Lat, at.Lon, DateTimeOffset.UtcNow, 8, 0, 90));
            Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
            await Task.WhenAny(shown, Task.Delay(TimeSpan.FromSeconds(1)));
        }

        await shown;
        return officer;
    }
}
