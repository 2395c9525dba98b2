using GuongSang.Web.Tests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GuongSang.Browser.Tests;

/// <summary>
/// The real site on Kestrel at a loopback port, one per theme, and Debian's Chromium driven by Playwright
/// (Playwright cannot download its own browser here: CHROMIUM_PATH or /usr/bin/chromium).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.")]
public sealed class BrowserSite : IAsyncLifetime
{
    private readonly Dictionary<string, (SiteFactory Site, string BaseUrl)> _sites = [];
    private IPlaywright? _playwright;

    /// <summary>Every theme the site knows, for journeys that must hold under each.</summary>
    public static TheoryData<string> Themes => new(GuongSang.Web.Site.ThemeOptions.Known);

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The site under <paramref name="theme"/>, started on first use and shared by the class's tests.</summary>
    public string BaseUrl(string theme)
    {
        lock (_sites)
        {
            if (!_sites.TryGetValue(theme, out var started))
            {
                var site = new SiteFactory(theme);
                site.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
                site.StartServer();
                var addresses = site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
                started = (site, addresses.Addresses.First().TrimEnd('/'));
                _sites[theme] = started;
            }
            return started.BaseUrl;
        }
    }

    /// <summary>The site under <paramref name="theme"/> itself (its data folder, its database), started on first use.</summary>
    public SiteFactory Site(string theme)
    {
        BaseUrl(theme);
        lock (_sites) return _sites[theme].Site;
    }

    /// <summary>For <c>SetDefaultTimeout</c> on each browser context.</summary>
    public static float Timeout => (float)GuongSang.Tests.Poll.Bound.TotalMilliseconds;

    /// <summary>A phone-sized Vietnamese browser context, its CSP violations watched, and a page in it.</summary>
    public async Task<(IBrowserContext Context, CspViolations Violations, IPage Page)> NewPhoneAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = "vi-VN",
        });
        var violations = await CspViolations.WatchAsync(context);
        context.SetDefaultTimeout(Timeout);
        return (context, violations, await context.NewPageAsync());
    }

    public async Task InitializeAsync()
    {
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
        foreach (var (site, _) in _sites.Values) await site.DisposeAsync();
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
