using Microsoft.Playwright;
using TangerangLive.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TangerangLive.Tests.Browser;

/// <summary>
/// One browser page on the Live Room, signed in as a demo account: page errors are collected (a test ends
/// by asserting there were none) and the browser's console goes to the test output.
/// </summary>
public sealed class LiveRoomSession : IAsyncDisposable
{
    public static readonly TimeSpan LiveTimeout = TimeSpan.FromSeconds(30);

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private LiveRoomSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public List<string> PageErrors { get; } = [];

    /// <summary>
    /// Opens the page at <paramref name="path"/> (e.g. "/?mode=wall"), signs in and waits for the zones and the hub;
    /// <paramref name="prepare"/> runs on the new page before it is loaded (e.g. to add an init script).
    /// </summary>
    public static async Task<LiveRoomSession> OpenAsync(
        Uri silo, string username, ITestOutputHelper output, int width = 1920, int height = 1080, string path = "/", Func<IPage, Task>? prepare = null)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await ChromiumBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height }, TimezoneId = "Asia/Jakarta" });
        var session = new LiveRoomSession(playwright, browser, page);
        page.PageError += (_, error) => session.PageErrors.Add(error);
        page.Console += (_, message) => output.WriteLine($"browser {message.Type}: {message.Text}");
        if (prepare is not null)
        {
            await prepare(page);
        }

        await page.GotoAsync(new Uri(silo, path).ToString());
        await page.FillAsync("#sign-in-form input[name=username]", username);
        await page.FillAsync("#sign-in-form input[name=password]", ApiClients.DemoPassword);
        await page.ClickAsync("#sign-in-form button[type=submit]");
        await session.WaitForAsync("#map[data-zones=\"104\"]", "the map to draw the city's 104 zones");
        await session.WaitForAsync("#connection[data-state=connected]", "the Live Room hub to connect");
        await session.WaitForAsync("#wall[data-synced]", "the first catch-up from REST");
        return session;
    }

    public Task WaitForAsync(string selector, string what, TimeSpan? timeout = null) =>
        WaitForAsync(Page.Locator(selector).First, what, timeout);

    public static async Task WaitForAsync(ILocator locator, string what, TimeSpan? timeout = null, WaitForSelectorState state = WaitForSelectorState.Attached)
    {
        var limit = timeout ?? LiveTimeout;
        try
        {
            await locator.WaitForAsync(new() { State = state, Timeout = (float)limit.TotalMilliseconds });
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Waited {limit.TotalSeconds} s for {what}.", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
