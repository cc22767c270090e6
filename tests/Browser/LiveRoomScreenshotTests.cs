using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace TangerangLive.Tests.Browser;

/// <summary>
/// The screenshots in docs/liveroom, from a seeded city of 10,000 officers and dozens of reports: the wall
/// (1920x1080, wall mode), the detail panel and the mayor's phone. They are written to the test output
/// folder's screenshots/ (or LIVEROOM_SCREENSHOTS, e.g. docs/liveroom, to refresh the committed ones).
/// </summary>
[Trait("Category", "Screenshots")]
public sealed class LiveRoomScreenshotTests(SceneSiloFixture scene, ITestOutputHelper output) : IClassFixture<SceneSiloFixture>
{
    private const int Officers = 10_000;
    private const int Reports = 45;

    [Fact]
    public async Task A_city_of_10000_officers_and_45_reports_is_drawn_on_the_wall_the_detail_panel_and_the_phone()
    {
        var seeding = Stopwatch.StartNew();
        var reports = await new CityScene(scene.Silo, output.WriteLine).SeedAsync(Officers, Reports);
        output.WriteLine($"Seeded {Officers} officers and {reports.Count} reports in {seeding.Elapsed.TotalSeconds:F1} s");
        var clock = Stopwatch.StartNew();
        var folder = Environment.GetEnvironmentVariable("LIVEROOM_SCREENSHOTS") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);

        await using (var wall = await LiveRoomSession.OpenAsync(scene.Silo.Http.BaseAddress!, "viewer", output, path: "/?mode=wall"))
        {
            await WaitForSceneAsync(wall);
            Assert.False(await wall.Page.Locator("#agency-filter").IsVisibleAsync());
            await wall.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, "wall.png") });
            Assert.Empty(wall.PageErrors);
        }

        await using (var desk = await LiveRoomSession.OpenAsync(scene.Silo.Http.BaseAddress!, "operator", output))
        {
            await WaitForSceneAsync(desk);
            var offered = desk.Page.Locator("#queue-rows tr[data-status=Offered]").First;
            await offered.ClickAsync();
            await desk.WaitForAsync("#detail .recommendations tr", "the recommendations in the detail panel");
            await desk.WaitForAsync("#detail .timeline li[data-kind=offered]", "the offer in the timeline");
            await desk.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, "detail.png") });
            Assert.Empty(desk.PageErrors);
        }

        await using (var phone = await LiveRoomSession.OpenAsync(scene.Silo.Http.BaseAddress!, "viewer", output, width: 390, height: 844))
        {
            await WaitForSceneAsync(phone);
            var wide = await phone.Page.EvaluateAsync<string>("""
                [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                  .slice(0, 8).map(e => `${e.tagName}.${e.className}#${e.id} right=${Math.round(e.getBoundingClientRect().right)}`).join('; ')
                """);
            Assert.True(await phone.Page.EvaluateAsync<int>("document.documentElement.scrollWidth") == 390, $"The page scrolls sideways on a phone; wider than the screen: {wide}");
            await phone.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, "phone.png"), FullPage = true });
            Assert.Empty(phone.PageErrors);
        }

        output.WriteLine($"Screenshots in {folder} after {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"Three screens took {clock.Elapsed} to show the city; keep them under a minute.");
    }

    private static async Task WaitForSceneAsync(LiveRoomSession room)
    {
        await room.Page.WaitForFunctionAsync($"Number(document.getElementById('map').dataset.officers) >= {Officers}", null, new() { Timeout = 30_000 });
        await room.WaitForAsync(".officer-cluster", "officers grouped into clusters at city zoom");
        await LiveRoomSession.WaitForAsync(room.Page.Locator("#queue-rows tr[data-status=Escalated]").First, "an escalated report in the queue");
        await LiveRoomSession.WaitForAsync(room.Page.Locator("#count-received", new() { HasText = Reports.ToString(System.Globalization.CultureInfo.InvariantCulture) }), "today's received figure");
    }
}
