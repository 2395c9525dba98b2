using GuongSang.Content.Accounts;
using GuongSang.Web.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace GuongSang.Browser.Tests;

public sealed class ManagerJourneyTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string Password = "Mật khẩu đủ dài 2026";

    [Fact]
    public async Task An_editor_signs_in_through_the_form_on_a_phone_and_reaches_the_manager()
    {
        var baseUrl = site.BaseUrl("Default");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["GuongSang:DataFolder"] = site.Site("Default").DataPath }).Build();
        using (var input = new StringReader(Password + "\n"))
        {
            var exit = await SiteCommands.RunAsync(["create-user", "bientap@so-noi-vu.vn", "--role", "editor"], configuration, TextWriter.Null, TextWriter.Null, input);
            Assert.Equal(0, exit);
        }

        var (context, violations, page) = await site.NewPhoneAsync();
        await using var _ = context;

        await page.GotoAsync(baseUrl + "/quan-tri/ma-truy-cap");
        await page.WaitForURLAsync("**/quan-tri/dang-nhap?ReturnUrl=*");
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
        await Accessibility.AssertAccessibleAsync(page);

        await page.GetByLabel("E-mail").FillAsync("bientap@so-noi-vu.vn");
        await page.GetByLabel("Mật khẩu").FillAsync("Sai mật khẩu rồi 123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("e-mail hoặc mật khẩu không đúng");
        await Accessibility.AssertAccessibleAsync(page);

        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync("**/quan-tri/ma-truy-cap");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mã truy cập");
        await Accessibility.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Trang đầu" }).ClickAsync();
        await page.WaitForURLAsync("**/quan-tri");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("bientap@so-noi-vu.vn");
        await Accessibility.AssertAccessibleAsync(page);
        await violations.AssertNoneAsync(page);

        await using var db = site.Site("Default").CreateDb();
        var signIn = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.SignIn && a.Actor == "bientap@so-noi-vu.vn");
        Assert.Equal("127.0.0.1", signIn.IpAddress);
    }
}
