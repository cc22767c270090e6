using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TangerangLive.Api.Live;
using TangerangLive.Api.Reports;
using TangerangLive.Grains.Live;
using TangerangLive.Tests.Api;
using TangerangLive.Tests.Browser;
using TangerangLive.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TangerangLive.Tests.Intake;

/// <summary>
/// The citizens' page /citizen/ in a real browser at a phone's size against a real silo: register, pick a
/// category, take the phone's location, attach a photo, submit, see the tracking id; the report reaches the
/// Live Room with channel web; the page follows it as the officer acknowledges, arrives and resolves it,
/// showing the arrival and the resolution photo.
/// </summary>
public sealed partial class CitizenPageTests(IntakeSiloFixture silo, ITestOutputHelper output) : IClassFixture<IntakeSiloFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly (double Lat, double Lon) OfficerAt = (-6.2001, 106.6410);
    private static readonly (double Lat, double Lon) PhoneAt = (-6.1999, 106.6405);

    [Fact]
    public async Task A_citizen_reports_from_a_phone_and_follows_the_report_live()
    {
        await silo.OnDutyAtAsync(IntakeSiloFixture.Officer1, "osmand-dishub-1", OfficerAt.Lat, OfficerAt.Lon);
        await using var liveRoom = await Hubs.ConnectAsync(silo.Silo, "/hubs/liveroom", (await silo.Silo.TokenAsync("operator")).AccessToken);
        var changes = new HubRecorder<ComplaintChanged>(liveRoom, nameof(ILiveRoomClient.ComplaintChanged));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await ChromiumBrowser.LaunchAsync(playwright);
        var pageErrors = new List<string>();
        var page = await RegisterAsync(browser, pageErrors);

        await Assertions.Expect(page.Locator("#category option[value=traffic-jam]")).ToBeAttachedAsync(new() { Timeout = Ms });
        await page.SelectOptionAsync("#category", "traffic-jam");
        await page.FillAsync("#description", "Macet total di depan pasar");
        await page.ClickAsync("#use-location");
        await Assertions.Expect(page.Locator("#map")).ToHaveAttributeAsync("data-point", "-6.199900,106.640500", new() { Timeout = Ms });
        await page.SetInputFilesAsync("#photos", new FilePayload { Name = "macet.png", MimeType = "image/png", Buffer = TestImages.Png(4096) });
        await page.ClickAsync("#submit");

        await Assertions.Expect(page.Locator("#tracking-id")).ToHaveTextAsync(TrackingId(), new() { Timeout = Ms });
        var id = (await page.Locator("#tracking-id").TextContentAsync())!;
        var offered = await changes.WaitForAsync(c => c.ComplaintId == id && c.Status == "Offered", $"the Live Room to see {id} offered");
        Assert.Equal(("web", IntakeSiloFixture.Officer1), (offered.Channel, offered.OfficerId));
        await Assertions.Expect(page.Locator("#status")).ToHaveAttributeAsync("data-status", "Offered", new() { Timeout = Ms });

        using var officer = await silo.ClientAsync(IntakeSiloFixture.Officer1);
        using (var ack = await officer.PostAsync($"/api/me/assignments/{id}/acknowledge", null))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        await Assertions.Expect(page.Locator("#status")).ToHaveAttributeAsync("data-status", "Acknowledged", new() { Timeout = Ms });
        using (var enRoute = await officer.PostAsync($"/api/me/assignments/{id}/en-route", null))
        using (var onScene = await officer.PostAsync($"/api/me/assignments/{id}/on-scene", null))
        {
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (enRoute.StatusCode, onScene.StatusCode));
        }

        await Assertions.Expect(page.Locator("#officer")).ToContainTextAsync("Officer arrived", new() { Timeout = Ms });
        await Assertions.Expect(page.Locator("#timeline li")).ToHaveCountAsync(5, new() { Timeout = Ms });
        await Assertions.Expect(page.Locator("#proof")).ToBeHiddenAsync();

        var proof = new ByteArrayContent(OnePixelPng);
        proof.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using (var form = new MultipartFormDataContent { { proof, "photo", "selesai.png" }, { new StringContent("Lalu lintas lancar kembali"), "note" } })
        using (var resolved = await officer.PostAsync($"/api/me/assignments/{id}/resolve", form))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        await Assertions.Expect(page.Locator("#status")).ToHaveAttributeAsync("data-status", "Resolved", new() { Timeout = Ms });
        await Assertions.Expect(page.Locator("#proof")).ToBeVisibleAsync(new() { Timeout = Ms });
        await Assertions.Expect(page.Locator("#proof img")).ToHaveAttributeAsync("src", BlobUrl(), new() { Timeout = Ms });
        Assert.Equal(1, await page.Locator("#proof img").EvaluateAsync<int>("img => img.decode().then(() => img.naturalWidth)"));
        await Assertions.Expect(page.Locator("#timeline li").Last).ToContainTextAsync("resolved (Lalu lintas lancar kembali)", new() { Timeout = Ms });

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "citizen-tracking.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"Screenshot: {screenshot}");
        Assert.Empty(pageErrors);
    }

    [Fact]
    public async Task The_page_asks_the_questions_of_the_chosen_category_and_shows_the_answers()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await ChromiumBrowser.LaunchAsync(playwright);
        var pageErrors = new List<string>();
        var page = await RegisterAsync(browser, pageErrors);

        await Assertions.Expect(page.Locator("#category option[value=flood]")).ToBeAttachedAsync(new() { Timeout = Ms });
        await Assertions.Expect(page.Locator("#questions label")).ToHaveCountAsync(0);
        await page.SelectOptionAsync("#category", "fallen-tree");
        await Assertions.Expect(page.Locator("#questions select[name='attribute[blocking_road]'] option")).ToHaveTextAsync(["- pilih / choose -", "Yes, the road is blocked", "No, traffic can pass"]);
        await page.SelectOptionAsync("#category", "flood");
        var depth = page.Locator("#questions input[name='attribute[water_depth_cm]']");
        await Assertions.Expect(depth).ToHaveAttributeAsync("type", "number");
        await Assertions.Expect(depth).ToHaveAttributeAsync("required", string.Empty);
        await Assertions.Expect(page.Locator("#questions label")).ToHaveTextAsync(["How deep is the water, in centimetres? *Centimetres, for example 30"]);
        await depth.FillAsync("40");
        await page.FillAsync("#description", "Banjir di jalan depan sekolah");
        await page.ClickAsync("#use-location");
        await Assertions.Expect(page.Locator("#map")).ToHaveAttributeAsync("data-point", "-6.199900,106.640500", new() { Timeout = Ms });
        await page.ClickAsync("#submit");

        await Assertions.Expect(page.Locator("#tracking-id")).ToHaveTextAsync(TrackingId(), new() { Timeout = Ms });
        await Assertions.Expect(page.Locator("#answers li")).ToHaveTextAsync(["How deep is the water, in centimetres? 40"], new() { Timeout = Ms });
        var id = (await page.Locator("#tracking-id").TextContentAsync())!;
        using var ops = await silo.ClientAsync("operator");
        var detail = (await ops.GetFromJsonAsync<ReportView>($"/api/ops/reports/{id}", ApiJson.Options))!;
        Assert.Equal(("web", "flood"), (detail.Channel, detail.Category));
        var answer = Assert.Single(detail.Attributes!);
        Assert.Equal(("water_depth_cm", "40"), (answer.Code, Assert.Single(answer.Values)));
        Assert.Empty(pageErrors);
    }

    private async Task<IPage> RegisterAsync(IBrowser browser, List<string> pageErrors)
    {
        var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            Geolocation = new() { Latitude = (float)PhoneAt.Lat, Longitude = (float)PhoneAt.Lon, Accuracy = 10 },
            Permissions = ["geolocation"],
            BaseURL = silo.Silo.Http.BaseAddress!.ToString(),
        });
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => pageErrors.Add(error);
        page.Console += (_, message) => output.WriteLine($"browser {message.Type}: {message.Text}");
        await page.GotoAsync("/citizen/");
        await page.FillAsync("#sign-in-form input[name=username]", $"warga-{Guid.NewGuid():N}"[..20]);
        await page.FillAsync("#sign-in-form input[name=password]", "a-good-password");
        await page.ClickAsync("#sign-in-form button[value=register]");
        return page;
    }

    /// <summary>A real 1x1 PNG, so the browser can decode the resolution photo it shows.</summary>
    private static readonly byte[] OnePixelPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static float Ms => (float)Timeout.TotalMilliseconds;

    [GeneratedRegex("^blob:")]
    private static partial Regex BlobUrl();

    [GeneratedRegex("^TL-[0-9A-Z]{12}$")]
    private static partial Regex TrackingId();
}
