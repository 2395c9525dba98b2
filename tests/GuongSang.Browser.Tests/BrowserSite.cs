using GuongSang.Web.Tests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GuongSang.Browser.Tests;

/// <summary>
/// The real site on Kestrel at a loopback port, and Debian's Chromium driven by Playwright
/// (Playwright cannot download its own browser here: CHROMIUM_PATH or /usr/bin/chromium).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.")]
public sealed class BrowserSite : IAsyncLifetime
{
    private readonly SiteFactory _site = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>For <c>SetDefaultTimeout</c> on each browser context.</summary>
    public static float Timeout => (float)GuongSang.Tests.Poll.Bound.TotalMilliseconds;

    public async Task InitializeAsync()
    {
        _site.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        _site.StartServer();
        var addresses = _site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().TrimEnd('/');

        // A busy machine is slow, not wrong: Playwright's waits get the tests' one generous bound.
        Assertions.SetDefaultExpectTimeout(Timeout);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await _site.DisposeAsync();
    }
}

public static class Accessibility
{
    /// <summary>Fails on serious and critical axe-core violations, described for the failure message.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        Deque.AxeCore.Commons.AxeResult result = await Deque.AxeCore.Playwright.PageExtensions.RunAxe(page);
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{page.Url}: " + string.Join("; ",
            bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} – {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }
}
