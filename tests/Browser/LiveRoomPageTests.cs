using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using TangerangLive.Api.Field;
using TangerangLive.Api.Reports;
using TangerangLive.Tests.Api;
using TangerangLive.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TangerangLive.Tests.Browser;

/// <summary>
/// The Live Room page in a real browser against a real silo: an operator signs in, sees the city's 104
/// zones, and watches an officer come on duty and a citizen's report arrive, pushed over SignalR.
/// </summary>
public sealed class LiveRoomPageTests(ApiSiloFixture api, ITestOutputHelper output) : IClassFixture<ApiSiloFixture>
{
    private const int CityZones = 104;
    private static readonly TimeSpan LiveTimeout = TimeSpan.FromSeconds(30);
    private static readonly (double Lat, double Lon) ReportPoint = (-6.1844, 106.6520);
    private static readonly (double Lat, double Lon) OfficerPoint = (-6.1850, 106.6530);

    [Fact]
    public async Task An_operator_sees_the_city_map_an_officer_coming_on_duty_and_a_new_report_live()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await ChromiumBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);
        page.Console += (_, message) => output.WriteLine($"browser {message.Type}: {message.Text}");

        await page.GotoAsync(api.Silo.Http.BaseAddress!.ToString());
        await page.FillAsync("#sign-in-form input[name=username]", "operator");
        await page.FillAsync("#sign-in-form input[name=password]", ApiClients.DemoPassword);
        await page.ClickAsync("#sign-in-form button[type=submit]");

        await WaitForAsync(page.Locator($"#map[data-zones=\"{CityZones}\"]"), $"the map to draw {CityZones} zones");
        Assert.Equal(CityZones, await page.Locator("#map path.zone").CountAsync());
        await WaitForAsync(page.Locator("#connection[data-state=connected]"), "the Live Room hub to connect");

        using var officer = await api.ClientAsync(ApiSiloFixture.Officer1);
        using var start = await officer.PostAsync("/api/me/shift/start", null);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var officerMarker = page.Locator($"[data-officer-id=\"{ApiSiloFixture.Officer1}\"]");
        await HeartbeatUntilShownAsync(officer, officerMarker);

        using var citizen = await api.ClientAsync("citizen");
        using var submitted = await citizen.PostAsJsonAsync("/api/reports",
            new ReportRequest("traffic-jam", "Macet parah di perempatan Cikokol", ReportPoint.Lat, ReportPoint.Lon, null, null));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var report = (await submitted.Content.ReadFromJsonAsync<ReportAccepted>())!;

        await WaitForAsync(page.Locator($"#feed [data-report-id=\"{report.Id}\"]").First, $"report {report.Id} in the live feed");
        await WaitForAsync(page.Locator($"#map .report-pin[data-report-id=\"{report.Id}\"]"), $"report {report.Id} on the map");
        await WaitForAsync(page.Locator($"#queue-rows tr[data-report-id=\"{report.Id}\"]"), $"report {report.Id} in the operators' queue");
        Assert.Contains("traffic-jam", await page.Locator($"#queue-rows tr[data-report-id=\"{report.Id}\"]").InnerTextAsync(), StringComparison.Ordinal);
        await WaitForAsync(page.Locator("#officer-counts tr.total td.online:text-is(\"1\")"), "the counters to show one officer online");

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "liveroom.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot });
        output.WriteLine($"Screenshot: {screenshot}");
        Assert.Empty(pageErrors);
    }

    /// <summary>Heartbeats every second, as the SIGAP app does every few seconds, until the page shows the officer.</summary>
    private static async Task HeartbeatUntilShownAsync(HttpClient officer, ILocator marker)
    {
        var shown = WaitForAsync(marker, $"the marker of {ApiSiloFixture.Officer1} at {OfficerPoint.Lat.ToString(CultureInfo.InvariantCulture)},{OfficerPoint.Lon.ToString(CultureInfo.InvariantCulture)}");
        while (!shown.IsCompleted)
        {
            using var beat = await officer.PostAsJsonAsync("/api/me/heartbeat", new HeartbeatRequest(OfficerPoint.Lat, OfficerPoint.Lon, DateTimeOffset.UtcNow, 8, 0, 90));
            Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
            await Task.WhenAny(shown, Task.Delay(TimeSpan.FromSeconds(1)));
        }

        await shown;
    }

    private static async Task WaitForAsync(ILocator locator, string what)
    {
        try
        {
            await locator.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = (float)LiveTimeout.TotalMilliseconds });
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Waited {LiveTimeout.TotalSeconds} s for {what}.", ex);
        }
    }
}
