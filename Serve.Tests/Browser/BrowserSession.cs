using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;

namespace QuickDrawDsl.Serve.Tests.Browser;

/// <summary>
/// Headless Debian Chromium under Playwright (which cannot download its own browsers here). Where Chromium is missing
/// the test fails with the one line that says how to get it; it never skips.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        Playwright = playwright;
        Browser = browser;
    }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    /// <summary>A new page; waits allow for the test assemblies sharing two cores.</summary>
    public async Task<IPage> NewPageAsync()
    {
        IPage page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 900, Height = 620 } });
        page.SetDefaultTimeout(90_000);
        return page;
    }

    public static async Task<BrowserSession> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not at {ChromiumPath}: the browser test needs it; install it with ./eng/setup-browser.sh (Debian package chromium).");
        }

        IPlaywright playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        try
        {
            IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
            return new BrowserSession(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}
