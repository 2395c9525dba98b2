using GuongSang.Content.Markdown;
using GuongSang.Content.Text;

namespace GuongSang.Content.Tests;

public class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    public static TheoryData<string> XssVectors() =>
    [
        "<script>alert('x')</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"javascript:alert(1)\">",
        "[bấm vào](javascript:alert(1))",
        "[bấm vào](JaVaScRiPt:alert(1))",
        "[bấm](&#106;avascript:alert(1))",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "![ảnh](javascript:alert(1))",
        "<svg onload=alert(1)>",
        "<body onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<style>body{display:none}</style>",
        "<object data=\"x.swf\"></object>",
        "<form action=\"https://evil.example\"><input name=x></form>",
        "<details open ontoggle=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
    ];

    [Theory]
    [MemberData(nameof(XssVectors))]
    public void Dangerous_markup_never_reaches_the_reader(string vector)
    {
        var html = _renderer.ToHtml("Đoạn văn.\n\n" + vector + "\n\nKết thúc.").ToLowerInvariant();
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("vbscript:", html);
        Assert.DoesNotContain("data:text/html", html);
        Assert.DoesNotContain("onerror", html);
        Assert.DoesNotContain("onload", html);
        Assert.DoesNotContain("ontoggle", html);
        Assert.DoesNotContain("<iframe", html);
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain("style=", html);
        Assert.DoesNotContain("<object", html);
        Assert.DoesNotContain("<form", html);
        Assert.DoesNotContain("<input", html);
        Assert.Contains("đoạn văn.", html);
    }

    [Fact]
    public void Renders_headings_lists_quotes_tables_and_images()
    {
        var html = _renderer.ToHtml("""
            ## Từ ba kệ gỗ

            - Năm 2022: 300 cuốn

            > "Các em cần được chạm vào sách"

            | Năm học | Tỉ lệ |
            |---|---|
            | 2024 - 2025 | 97% |

            ![Giờ đọc sách](/media/web/ab/anh-960.webp)
            """);
        Assert.Contains("<h2", html);
        Assert.Contains("<li>Năm 2022: 300 cuốn</li>", html);
        Assert.Contains("<blockquote>", html);
        Assert.Contains("<table>", html);
        Assert.Contains("<td>97%</td>", html);
        Assert.Contains("<img src=\"/media/web/ab/anh-960.webp\" alt=\"Giờ đọc sách\"", html);
    }

    [Fact]
    public void Table_alignment_is_kept_without_an_inline_style()
    {
        var html = _renderer.ToHtml("| Năm học | Tỉ lệ |\n|:--|--:|\n| 2024 - 2025 | 97% |");
        Assert.DoesNotContain("style=", html);
        Assert.Contains("<th align=\"left\">Năm học</th>", html);
        Assert.Contains("<td align=\"right\">97%</td>", html);
    }

    [Theory]
    [InlineData("![Giờ đọc sách](https://anh.example/doc-sach.jpg)", "https://anh.example/doc-sach.jpg")]
    [InlineData("<img src=\"//anh.example/doc-sach.jpg\" alt=\"Giờ đọc sách\">", "//anh.example/doc-sach.jpg")]
    [InlineData("<img src=\"/\\anh.example/doc-sach.jpg\" alt=\"Giờ đọc sách\">", "/\\anh.example/doc-sach.jpg")]
    [InlineData("<img src=\"HTTP://anh.example/doc-sach.jpg\" alt=\"Giờ đọc sách\">", "HTTP://anh.example/doc-sach.jpg")]
    public void An_image_from_another_site_becomes_a_link_to_it(string markdown, string href)
    {
        var html = _renderer.ToHtml(markdown);
        Assert.DoesNotContain("<img", html);
        Assert.Contains($"<a href=\"{href}\" rel=\"nofollow noopener\">Giờ đọc sách</a>", html);
    }

    [Fact]
    public void A_linked_image_from_another_site_leaves_its_text_inside_the_link()
    {
        var html = _renderer.ToHtml("[![Giờ đọc sách](https://anh.example/doc-sach.jpg)](https://truong.example/)");
        Assert.DoesNotContain("<img", html);
        Assert.Contains("<a href=\"https://truong.example/\" rel=\"nofollow noopener\">Giờ đọc sách</a>", html);
    }

    [Theory]
    [InlineData("/media/web/ab/anh-960.webp")]
    public void The_sites_own_media_stay_images(string src) =>
        Assert.Contains($"<img src=\"{src}\" alt=\"Giờ đọc sách\">", _renderer.ToHtml($"![Giờ đọc sách]({src})"));

    [Fact]
    public void Plain_text_has_no_markup() =>
        Assert.Equal("Tiêu đề\nĐoạn in đậm.", _renderer.ToPlainText("# Tiêu đề\n\nĐoạn **in đậm**."));

    [Theory]
    [InlineData("[trang ngoài](//evil.example/x)")]
    [InlineData("<a href=\"//evil.example/x\">trang ngoài</a>")]
    [InlineData("<a href=\"/\\evil.example/x\">trang ngoài</a>")]
    [InlineData("[trang ngoài](https://evil.example/x)")]
    public void Absolute_and_protocol_relative_links_are_external(string link) =>
        Assert.Contains("rel=\"nofollow noopener\"", _renderer.ToHtml(link));

    [Fact]
    public void Links_within_the_site_stay_plain() =>
        Assert.DoesNotContain("rel=", _renderer.ToHtml("[Gương sáng](/guong-sang/1/anh-duc)"));

    [Theory]
    [InlineData("<img src=\"https://tracker.example/p.gif\">")]
    [InlineData("![](//x.example/p.png)")]
    [InlineData("![ảnh](http://x.example/p.png)")]
    [InlineData("![ảnh](/media/../quan-tri/p.png)")]
    [InlineData("![ảnh](/media//x.example/p.png)")]
    [InlineData("![ảnh](/anh/p.png)")]
    public void Images_from_outside_the_site_media_are_dropped(string image)
    {
        var html = _renderer.ToHtml("Trước.\n\n" + image + "\n\nSau.");
        Assert.DoesNotContain("<img", html);
        Assert.Contains("Sau.", html);
    }

    [Fact]
    public void Images_from_the_site_media_are_kept() =>
        Assert.Contains("<img src=\"/media/web/ab/0f3c-960.jpg\"", _renderer.ToHtml("<img src=\"/media/web/ab/0f3c-960.jpg\" alt=\"Ảnh\">"));

    [Fact]
    public void Name_attributes_are_removed()
    {
        var html = _renderer.ToHtml("<a name=\"getElementById\" href=\"/bai-viet\">bài</a> <img name=\"cookie\" src=\"/media/web/ab/x-960.jpg\">");
        Assert.DoesNotContain("name=", html);
        Assert.Contains("<a href=\"/bai-viet\">bài</a>", html);
    }

    public static TheoryData<string> OverDeep() =>
    [
        new string('>', 200) + " Trích dẫn lồng 200 cấp.",
        string.Concat(Enumerable.Repeat("> ", 40)) + "Trích dẫn lồng 40 cấp.",
        string.Join("\n", Enumerable.Range(0, 60).Select(i => new string(' ', 2 * i) + "- mục")),
        string.Concat(Enumerable.Repeat("> - ", 20)) + "trộn lẫn",
        new string('*', 300) + "nhấn mạnh" + new string('*', 300),
    ];

    [Theory]
    [MemberData(nameof(OverDeep))]
    public void Over_deep_markdown_gives_readers_a_notice_and_search_an_error(string markdown)
    {
        Assert.Equal($"<p class=\"content-unavailable\">{Texts.ContentUnavailable}</p>", _renderer.ToHtml(markdown, "Exemplar 1"));
        Assert.Equal(Texts.ContentUnavailable, _renderer.ToPlainText(markdown));
        Assert.ThrowsAny<Exception>(() => _renderer.ToPlainTextOrThrow(markdown));
        Assert.NotNull(MarkdownRenderer.CheckDepth(markdown));
    }

    [Fact]
    public void Over_deep_quotes_are_reported_with_their_line_before_parsing()
    {
        var problem = MarkdownRenderer.CheckDepth("Mở đầu.\n\n" + new string('>', 200) + " x");
        Assert.Equal($"dòng 3 lồng 200 cấp trích dẫn/danh sách, quá giới hạn {MarkdownRenderer.MaxNesting} cấp", problem);
        Assert.Throws<MarkdownTooDeepException>(() => _renderer.ToPlainTextOrThrow(new string('>', 200) + " x"));
    }

    [Fact]
    public void Ordinary_nesting_rules_and_indented_text_are_within_the_limit()
    {
        var markdown = string.Join("\n", new[]
        {
            "> > > Trích dẫn ba cấp.",
            "",
            string.Join("\n", Enumerable.Range(0, 6).Select(i => new string(' ', 2 * i) + "- mục cấp " + (i + 1))),
            "",
            string.Join(" ", Enumerable.Repeat("-", 40)),
            "",
            new string(' ', 80) + "Dòng thụt lề sâu.",
            "",
            "Họ tên: ______________ ngày ____ **đậm *nghiêng* đậm**",
        });
        Assert.Null(MarkdownRenderer.CheckDepth(markdown));
        var html = _renderer.ToHtml(markdown);
        Assert.Contains("mục cấp 6", html);
        Assert.Contains("<hr", html);
        Assert.DoesNotContain(Texts.ContentUnavailable, html);
    }
}
