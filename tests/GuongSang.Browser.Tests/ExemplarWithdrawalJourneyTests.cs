using GuongSang.Content.Model;
using GuongSang.Web.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace GuongSang.Browser.Tests;

public sealed class ExemplarWithdrawalJourneyTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string Editor = "bientap.thuhoi@so-noi-vu.vn";
    private const string Password = "Mật khẩu đủ dài 2026";
    private const string Reason = "Quyết định khen thưởng đã bị hủy bỏ";

    [Fact]
    public async Task An_editor_withdraws_a_published_exemplar_on_a_phone_and_its_public_page_shows_the_notice_and_reason()
    {
        var baseUrl = site.BaseUrl("Default");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["GuongSang:DataFolder"] = site.Site("Default").DataPath }).Build();
        using (var input = new StringReader(Password + "\n"))
        {
            Assert.Equal(0, await SiteCommands.RunAsync(["create-user", Editor, "--role", "editor"], configuration, TextWriter.Null, TextWriter.Null, input));
        }
        Exemplar exemplar;
        await using (var db = site.Site("Default").CreateDb())
        {
            exemplar = await db.Exemplars.Where(e => e.Status == ContentStatus.Published && !e.Movement.NeedsReview && !e.Agency.NeedsReview)
                .OrderBy(e => e.Id).FirstAsync();
        }

        var (context, violations, page) = await site.NewPhoneAsync();
        await using var _ = context;
        await page.GotoAsync($"{baseUrl}/quan-tri/dien-hinh/{exemplar.Id}");
        await page.WaitForURLAsync("**/quan-tri/dang-nhap?ReturnUrl=*");
        await page.GetByLabel("E-mail").FillAsync(Editor);
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync($"**/quan-tri/dien-hinh/{exemplar.Id}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(exemplar.Name);
        await Accessibility.AssertAccessibleAsync(page);

        await page.GetByLabel("Lý do thu hồi (hiện công khai trên trang)").FillAsync(Reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Thu hồi", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/quan-tri/dien-hinh/{exemplar.Id}?da=thu-hoi");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã thu hồi");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(Reason);
        await Accessibility.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Xem trang công khai" }).ClickAsync();
        await page.WaitForURLAsync($"**/guong-sang/{exemplar.Id}/**");
        var notice = page.Locator("section.withdrawn-notice");
        await Assertions.Expect(notice).ToContainTextAsync("Đã thu hồi");
        await Assertions.Expect(notice).ToContainTextAsync("Lý do: " + Reason);
        if (exemplar.Summary.Length > 0)
        {
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(exemplar.Summary[..Math.Min(40, exemplar.Summary.Length)]);
        }
        await Accessibility.AssertAccessibleAsync(page);
        await violations.AssertNoneAsync(page);
    }
}
