using Microsoft.Playwright;

namespace GuongSang.Browser.Tests;

public sealed class ReaderJourneyTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Theory]
    [MemberData(nameof(BrowserSite.Themes), MemberType = typeof(BrowserSite))]
    public async Task A_reader_on_a_phone_goes_from_home_to_a_movement_to_an_exemplar(string theme)
    {
        var baseUrl = site.BaseUrl(theme);
        var (context, violations, page) = await site.NewPhoneAsync();
        await using var _ = context;

        var home = await page.GotoAsync(baseUrl + "/");
        Assert.Equal(200, home!.Status);
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
        await Accessibility.AssertAccessibleAsync(page);

        // Home → the "Dạy tốt - Học tốt" movement.
        await page.GetByRole(AriaRole.Link, new() { Name = "Dạy tốt - Học tốt", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync("**/phong-trao/day-tot-hoc-tot");
        Assert.Equal("Dạy tốt - Học tốt", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains("Tiêu chí", await page.ContentAsync());
        await Accessibility.AssertAccessibleAsync(page);

        // Movement → its first exemplar.
        var firstCard = page.Locator(".card-title a").First;
        var name = (await firstCard.InnerTextAsync()).Trim();
        await firstCard.ClickAsync();
        await page.WaitForURLAsync("**/guong-sang/**");
        Assert.Equal(name, (await page.Locator("h1").InnerTextAsync()).Trim());
        await Assertions.Expect(page.Locator("table.recognitions")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nguồn" })).ToBeVisibleAsync();
        await Accessibility.AssertAccessibleAsync(page);
        await violations.AssertNoneAsync(page);
    }
}
