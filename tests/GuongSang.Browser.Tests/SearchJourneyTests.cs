using Microsoft.Playwright;

namespace GuongSang.Browser.Tests;

public sealed class SearchJourneyTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Theory]
    [MemberData(nameof(BrowserSite.Themes), MemberType = typeof(BrowserSite))]
    public async Task A_reader_on_a_phone_searches_without_accents_and_narrows_by_a_filter(string theme)
    {
        var baseUrl = site.BaseUrl(theme);
        // The index is built from the demo content in the background at start.
        using (var http = new HttpClient { BaseAddress = new Uri(baseUrl) })
        {
            await GuongSang.Tests.Poll.UntilAsync(async () => await (await http.GetAsync("/healthz")).Content.ReadAsStringAsync() == "Healthy", "the search index is healthy");
        }
        var (context, violations, page) = await site.NewPhoneAsync();
        await using var _ = context;
        await page.GotoAsync(baseUrl + "/");

        await page.Locator("#q-header").FillAsync("hien mau");
        await page.Locator("#q-header").PressAsync("Enter");
        // A plain GET form (the page has no scripts at all): the words go to /tim-kiem?q=.
        await page.WaitForURLAsync(url => url.Contains("/tim-kiem?q=hien+mau", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".result").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".result mark").First).ToHaveTextAsync("hiến");
        await Accessibility.AssertAccessibleAsync(page);

        await page.Locator(".facet a", new() { HasText = "Cá nhân" }).First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("loai=individual", StringComparison.Ordinal));
        var kinds = await page.Locator(".result .kind").AllInnerTextsAsync();
        Assert.NotEmpty(kinds);
        Assert.All(kinds, kind => Assert.Equal("Cá nhân", kind.Trim()));
        await Accessibility.AssertAccessibleAsync(page);
        await violations.AssertNoneAsync(page);
    }
}
