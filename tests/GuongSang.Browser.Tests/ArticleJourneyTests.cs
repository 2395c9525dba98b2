using GuongSang.Web.Site;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace GuongSang.Browser.Tests;

public sealed class ArticleJourneyTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string Password = "Mật khẩu đủ dài 2026";
    private const string Writer = "phongvien@so-noi-vu.vn";
    private const string Editor = "bientap@so-noi-vu.vn";

    private async Task CreateUserAsync(string email, string role)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["GuongSang:DataFolder"] = site.Site("Default").DataPath }).Build();
        using var input = new StringReader(Password + "\n");
        Assert.Equal(0, await SiteCommands.RunAsync(["create-user", email, "--role", role], configuration, TextWriter.Null, TextWriter.Null, input));
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
    }

    private static byte[] Photo()
    {
        using var xy = NetVips.Image.Xyz(1300, 800);
        using var x = xy[0];
        using var y = xy[1];
        using var red = x * (255.0 / 1300);
        using var green = y * (255.0 / 800);
        using var image = red.Bandjoin(green, 120).Cast(NetVips.Enums.BandFormat.Uchar);
        return image.JpegsaveBuffer(q: 80);
    }

    [Fact]
    public async Task A_writer_writes_an_article_with_a_table_and_a_photo_previews_and_submits_it_and_an_editor_publishes_it()
    {
        var baseUrl = site.BaseUrl("Default");
        await CreateUserAsync(Writer, "writer");
        await CreateUserAsync(Editor, "editor");
        var (context, violations, page) = await site.NewPhoneAsync();
        await using var _ = context;

        // The writer: sign in, photo first (the page comes back with what was typed), then the text, preview, save, submit.
        await page.GotoAsync(baseUrl + "/quan-tri/bai-viet/moi");
        await SignInAsync(page, Writer);
        await page.WaitForURLAsync("**/quan-tri/bai-viet/moi");
        await Accessibility.AssertAccessibleAsync(page);
        await page.GetByLabel("Tiêu đề", new() { Exact = true }).FillAsync("Thanh niên tình nguyện ở Ia Pa");
        const string table = "Kết quả năm 2025:\n\n| Việc làm | Số lượng |\n|---|---|\n| Nhà nhân ái | 12 |\n| Cây xanh | 3.000 |";
        await page.GetByLabel("Nội dung (Markdown").FillAsync(table);
        await page.GetByLabel("Ảnh (JPEG").SetInputFilesAsync(new FilePayload { Name = "tinh-nguyen.jpg", MimeType = "image/jpeg", Buffer = Photo() });
        await page.GetByLabel("Mô tả ảnh").FillAsync("Đoàn viên sửa nhà cho bà con");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải ảnh lên" }).ClickAsync();
        var snippet = page.Locator("#anh-markdown");
        await Assertions.Expect(snippet).ToContainTextAsync("![Đoàn viên sửa nhà cho bà con](/media/web/");
        await Assertions.Expect(page.GetByLabel("Nội dung (Markdown")).ToHaveValueAsync(table);
        await page.GetByLabel("Nội dung (Markdown").FillAsync(table + "\n\n" + await snippet.TextContentAsync());

        // The preview script answers in place: the page (and what was typed) stays.
        var address = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();
        var preview = page.Locator("#xem-truoc");
        await Assertions.Expect(preview.Locator("table td").First).ToHaveTextAsync("Nhà nhân ái");
        var photo = preview.Locator("img[alt='Đoàn viên sửa nhà cho bà con']");
        await Assertions.Expect(photo).ToBeVisibleAsync();
        await Assertions.Expect(photo).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await photo.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the photo in the preview loaded");
        Assert.Equal(address, page.Url);
        await Accessibility.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/quan-tri/bai-viet/*?da-luu=1");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã lưu.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi duyệt" }).ClickAsync();
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("Chờ duyệt");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Đăng", Exact = true })).ToHaveCountAsync(0);
        await Accessibility.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();

        // The editor: finds it in the list, publishes it, and reads it on the public site.
        await page.GotoAsync(baseUrl + "/quan-tri/bai-viet?trang-thai=in-review");
        await SignInAsync(page, Editor);
        await page.WaitForURLAsync("**/quan-tri/bai-viet?trang-thai=in-review");
        await Accessibility.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Thanh niên tình nguyện ở Ia Pa" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("Đã đăng");
        await Accessibility.AssertAccessibleAsync(page);
        await violations.AssertNoneAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Xem trên trang" }).ClickAsync();
        await page.WaitForURLAsync("**/bai-viet/*/thanh-nien-tinh-nguyen-o-ia-pa");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Thanh niên tình nguyện ở Ia Pa");
        await Assertions.Expect(page.Locator(".prose table td").Nth(2)).ToHaveTextAsync("Cây xanh");
        var published = page.Locator(".prose img[alt='Đoàn viên sửa nhà cho bà con']");
        await Assertions.Expect(published).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await published.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the photo on the public page loaded");
        await page.GotoAsync(baseUrl + "/bai-viet");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Thanh niên tình nguyện ở Ia Pa");
    }
}
