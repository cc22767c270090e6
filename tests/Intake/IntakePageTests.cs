using System.Net;
using Microsoft.Playwright;
using TangerangLive.Tests.Browser;
using TangerangLive.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TangerangLive.Tests.Intake;

/// <summary>
/// The operators' page /intake.html in a real browser against a real silo: a report for a caller placed by a
/// map click, another by a kelurahan name, and a social message dismissed from the triage list.
/// </summary>
public sealed class IntakePageTests(IntakeSiloFixture silo, ITestOutputHelper output) : IClassFixture<IntakeSiloFixture>
{
    private const float Ms = 30_000;

    [Fact]
    public async Task An_operator_enters_callers_reports_and_clears_the_triage_list()
    {
        using (var posted = await silo.PostSocialAsync("facebook", SocialSamples.FacebookPost("104213_7770001", "Terima kasih Pemkot!")))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await ChromiumBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 }, BaseURL = silo.Silo.Http.BaseAddress!.ToString() });
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);
        page.Console += (_, message) => output.WriteLine($"browser {message.Type}: {message.Text}");

        await page.GotoAsync("/intake.html");
        await page.FillAsync("#sign-in-form input[name=username]", "operator");
        await page.FillAsync("#sign-in-form input[name=password]", ApiClients.DemoPassword);
        await page.ClickAsync("#sign-in-form button[type=submit]");
        await Assertions.Expect(page.Locator("#category option[value=garbage]")).ToBeAttachedAsync(new() { Timeout = Ms });

        // A call: the place clicked on the map.
        await page.Locator("#map").ClickAsync();
        await Assertions.Expect(page.Locator("#map")).ToHaveAttributeAsync("data-point", new System.Text.RegularExpressions.Regex(@"^-6\.\d+,106\.\d+$"), new() { Timeout = Ms });
        await page.FillAsync("#intake-form input[name=callerName]", "Ibu Sari");
        await page.FillAsync("#intake-form input[name=callerPhone]", "+62 812 0000 1234");
        await page.SelectOptionAsync("#category", "garbage");
        await page.FillAsync("#intake-form textarea[name=description]", "Sampah belum diangkut tiga hari");
        await page.ClickAsync("#intake-submit");
        await Assertions.Expect(page.Locator("#intake-result")).ToContainTextAsync("Tracking id TL-", new() { Timeout = Ms });
        var first = await page.Locator("#intake-result").GetAttributeAsync("data-report-id");

        // An SMS: the place by kelurahan name, with a priority and its reason.
        await page.CheckAsync("#intake-form input[name=channel][value=sms]");
        await page.FillAsync("#intake-form input[name=callerPhone]", "085600001111");
        await page.SelectOptionAsync("#category", "flood");
        await page.FillAsync("#intake-form textarea[name=description]", "Banjir setinggi lutut");
        await page.CheckAsync("#intake-form input[name=placeMode][value=kelurahan]");
        await page.FillAsync("#intake-form input[name=kelurahan]", "Cikokol");
        await page.SelectOptionAsync("#intake-form select[name=priority]", "1");
        await page.FillAsync("#intake-form input[name=priorityReason]", "Rising fast near the school");
        await page.ClickAsync("#intake-submit");
        await Assertions.Expect(page.Locator("#intake-result")).ToContainTextAsync("Cikokol, from the kelurahan", new() { Timeout = Ms });
        Assert.NotEqual(first, await page.Locator("#intake-result").GetAttributeAsync("data-report-id"));

        var row = page.Locator("#triage-rows tr", new() { HasText = "Terima kasih Pemkot!" });
        await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = Ms });
        await row.Locator("input[name=reason]").FillAsync("Thanks, not a report");
        await row.Locator("button", new() { HasText = "Dismiss" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0, new() { Timeout = Ms });

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "intake.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot });
        output.WriteLine($"Screenshot: {screenshot}");
        Assert.Empty(pageErrors);
    }
}
