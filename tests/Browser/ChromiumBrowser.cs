using Microsoft.Playwright;

namespace TangerangLive.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (the Playwright browser download is not used): headless, no
/// sandbox (containers), and no background traffic, so a test only talks to the loopback silo.
/// </summary>
public static class ChromiumBrowser
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"No Chromium at {ExecutablePath}: run scripts/prerequisites.sh --browser (apt-get install chromium).");
        }

        return playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }
}
