using System.Net;
using System.Text.RegularExpressions;
using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Tests;
using GuongSang.Web.Manager.Editing;
using Microsoft.EntityFrameworkCore;
using static GuongSang.Web.Tests.ArticleDesk;

namespace GuongSang.Web.Tests;

/// <summary>Articles in the manager's pages (/quan-tri/bai-viet): forms without script, each role, preview, photos, conflicts.</summary>
public sealed partial class ArticleManagerTests
{
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string formPage, string action, params (string, string)[] fields) =>
        Staff.PostFormAsync(client, formPage, action, fields);

    private static async Task<int> CreateThroughFormAsync(HttpClient client, string title, string body)
    {
        using var response = await PostAsync(client, ArticlePaths.New, ArticlePaths.New, ("title", title), ("body", body));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return int.Parse(EditUrl().Match(response.Headers.Location!.OriginalString).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_article_page()
    {
        using var site = await Staff.StartAsync();
        using var client = Staff.Client(site);
        foreach (var path in new[] { ArticlePaths.List, ArticlePaths.New, ArticlePaths.Edit(1) })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/quan-tri/dang-nhap", response.Headers.Location!.ToString());
        }
        foreach (var path in new[] { ArticlePaths.Step(1, Content.Workflow.WorkflowAction.Publish), ArticlePaths.Preview, ArticlePaths.Edit(1) })
        {
            using var response = await client.PostAsync(path, new FormUrlEncodedContent([]));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path}: {(int)response.StatusCode}");
            Assert.Contains("/quan-tri/dang-nhap", response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        var (site, _, _) = await StartAsync();
        using var _site = site;
        using var client = await Staff.SignedInAsync(site, Writer);
        using var response = await client.PostAsync(ArticlePaths.New, new FormUrlEncodedContent([KeyValuePair.Create("title", "Bài giả mạo"), KeyValuePair.Create("body", "Nội dung.")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = site.CreateDb();
        Assert.False(await db.Articles.AnyAsync());
    }

    [Fact]
    public async Task A_writer_sees_messages_beside_the_fields_saves_a_draft_submits_it_and_cannot_publish()
    {
        var (site, _, _) = await StartAsync();
        using var _site = site;
        using var client = await Staff.SignedInAsync(site, Writer);

        using var invalid = await PostAsync(client, ArticlePaths.New, ArticlePaths.New, ("title", ""), ("body", "Nội dung đã gõ."), ("movement", "khong-co"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("aria-describedby=\"title-loi\"", html);
        Assert.Contains("<p class=\"error\" id=\"title-loi\">Hãy nhập tiêu đề.</p>", html);
        Assert.Contains("id=\"movement-loi\">Không có phong trào thi đua", html);
        Assert.Contains("Nội dung đã gõ.</textarea>", html);

        var id = await CreateThroughFormAsync(client, "Bài của người viết", "Nội dung.");
        var page = await client.GetPageAsync(ArticlePaths.Edit(id));
        Assert.Contains("Gửi duyệt", page);
        Assert.DoesNotContain($"action=\"{ArticlePaths.Step(id, Content.Workflow.WorkflowAction.Publish)}\"", page);
        Assert.Contains("Bài của người viết", await client.GetPageAsync(ArticlePaths.List));

        using var publish = await PostAsync(client, ArticlePaths.Edit(id), ArticlePaths.Step(id, Content.Workflow.WorkflowAction.Publish));
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        using var submit = await PostAsync(client, ArticlePaths.Edit(id), ArticlePaths.Step(id, Content.Workflow.WorkflowAction.Submit), ("version", FormVersion(page).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);

        await using var db = site.CreateDb();
        var article = await db.Articles.SingleAsync();
        Assert.Equal((ContentStatus.InReview, Writer, "bai-cua-nguoi-viet"), (article.Status, article.CreatedBy, article.Slug));
        Assert.Equal(AuditActions.Submitted, (await db.AuditEntries.SingleAsync(e => e.Target == ArticleEditor.Target(id))).Action);
    }

    [Fact]
    public async Task An_agency_does_not_see_another_agencys_article_in_the_list_or_at_its_address()
    {
        var (site, _, _) = await StartAsync();
        using var _site = site;
        using var agencyA = await Staff.SignedInAsync(site, AgencyA);
        using var agencyB = await Staff.SignedInAsync(site, AgencyB);
        var id = await CreateThroughFormAsync(agencyA, "Tin của Đoàn Thanh niên", "Nội dung.");

        Assert.DoesNotContain("Tin của Đoàn Thanh niên", await agencyB.GetPageAsync(ArticlePaths.List));
        Assert.Equal(HttpStatusCode.NotFound, (await agencyB.GetAsync(ArticlePaths.Edit(id))).StatusCode);
        using var step = await PostAsync(agencyB, ArticlePaths.List, ArticlePaths.Step(id, Content.Workflow.WorkflowAction.Submit));
        Assert.Equal(HttpStatusCode.NotFound, step.StatusCode);
        using var save = await PostAsync(agencyB, ArticlePaths.List, ArticlePaths.Edit(id), ("title", "Chiếm"), ("body", "Chiếm."), ("version", "1"));
        Assert.Equal(HttpStatusCode.NotFound, save.StatusCode);
        Assert.Contains("Tin của Đoàn Thanh niên", await agencyA.GetPageAsync(ArticlePaths.List));
    }

    [Fact]
    public async Task The_preview_renders_a_table_like_the_public_page_and_never_lets_a_script_through()
    {
        var (site, _, _) = await StartAsync();
        using var _site = site;
        using var client = await Staff.SignedInAsync(site, Writer);
        const string body = "| Năm | Thành tích |\n|---|---|\n| 2025 | Bằng khen |\n\n<script>alert('xss')</script><img src=x onerror=alert(1)>";

        using var full = await PostAsync(client, ArticlePaths.New, ArticlePaths.Preview, ("title", "Thử xem trước"), ("body", body));
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        var html = await full.Content.ReadAsStringAsync();
        var pane = html[html.IndexOf("id=\"xem-truoc\"", StringComparison.Ordinal)..];
        Assert.Contains("<td>Bằng khen</td>", pane);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("onerror", pane);
        // Nothing typed is lost: the form comes back as it was (escaped in the text area).
        Assert.Contains("&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;", html);

        var token = await Staff.FormTokenAsync(client, ArticlePaths.New);
        using var request = new HttpRequestMessage(HttpMethod.Post, ArticlePaths.Preview)
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("title", "Thử"), KeyValuePair.Create("body", body), KeyValuePair.Create("__RequestVerificationToken", token)]),
        };
        request.Headers.Add(ManagerArticlesController.FragmentHeader, "1");
        using var fragment = await client.SendAsync(request);
        var part = await fragment.Content.ReadAsStringAsync();
        Assert.StartsWith("<h2>Xem trước</h2>", part.Trim());
        Assert.Contains("<td>Bằng khen</td>", part);
        Assert.DoesNotContain("<script", part);
        Assert.DoesNotContain("onerror", part);
        await using var db = site.CreateDb();
        Assert.False(await db.Articles.AnyAsync());
    }

    [Fact]
    public async Task A_second_save_from_an_older_version_is_refused_and_the_page_shows_both_versions()
    {
        var (site, _, _) = await StartAsync();
        using var _site = site;
        using var first = await Staff.SignedInAsync(site, Editor);
        using var second = await Staff.SignedInAsync(site, Editor);
        var id = await CreateThroughFormAsync(first, "Bài chung", "Bản đầu.");
        var version = FormVersion(await second.GetPageAsync(ArticlePaths.Edit(id))).ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var saved = await PostAsync(first, ArticlePaths.Edit(id), ArticlePaths.Edit(id), ("title", "Bài chung"), ("body", "Bản của người thứ nhất."), ("version", version));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var late = await PostAsync(second, ArticlePaths.Edit(id), ArticlePaths.Edit(id), ("title", "Bài chung"), ("body", "Bản của người thứ hai."), ("version", version));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var html = await late.Content.ReadAsStringAsync();
        Assert.Contains(ArticleEditor.ConflictMessage, html);
        Assert.Contains("Bản của người thứ nhất.</textarea>", html);
        Assert.Contains("Bản của người thứ hai.</textarea>", html);

        await using (var db = site.CreateDb())
        {
            Assert.Equal("Bản của người thứ nhất.", (await db.Articles.SingleAsync()).Body);
        }
        // Having seen theirs, the second person saves on top of the version the page now carries.
        using var again = await PostAsync(second, ArticlePaths.Edit(id), ArticlePaths.Edit(id), ("title", "Bài chung"), ("body", "Bản đã gộp."), ("version", FormVersion(html).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task An_editor_schedules_in_vietnam_time_returns_publishes_and_withdraws_from_the_page()
    {
        var (site, _, _) = await StartAsync();
        using var _site = site;
        using var client = await Staff.SignedInAsync(site, Editor);
        using var reader = site.CreatePlainClient();
        var id = await CreateThroughFormAsync(client, "Tin vui từ buôn làng", "Nội dung.");
        string Step(Content.Workflow.WorkflowAction action) => ArticlePaths.Step(id, action);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, ArticlePaths.Edit(id), Step(Content.Workflow.WorkflowAction.Publish), ("at", "2099-01-02T08:30"))).StatusCode);
        await using (var db = site.CreateDb())
        {
            var article = await db.Articles.SingleAsync();
            Assert.Equal(ContentStatus.Scheduled, article.Status);
            Assert.Equal(new DateTime(2099, 1, 2, 1, 30, 0, DateTimeKind.Utc), article.ScheduledAt);
        }
        Assert.Contains("đăng lúc 08:30 02/01/2099 (giờ Việt Nam)", await client.GetPageAsync(ArticlePaths.Edit(id)));
        using var badTime = await PostAsync(client, ArticlePaths.Edit(id), Step(Content.Workflow.WorkflowAction.Publish), ("at", "mai"));
        Assert.Equal(HttpStatusCode.BadRequest, badTime.StatusCode);
        Assert.Contains("id=\"at-loi\">Ô \"Hẹn giờ đăng\": \"mai\" không phải ngày giờ", WebUtility.HtmlDecode(await badTime.Content.ReadAsStringAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, ArticlePaths.Edit(id), Step(Content.Workflow.WorkflowAction.ReturnToDraft))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, ArticlePaths.Edit(id), Step(Content.Workflow.WorkflowAction.Publish), ("at", ""))).StatusCode);
        Assert.Contains("Tin vui từ buôn làng", await reader.GetPageAsync("/bai-viet"));

        using var noReason = await PostAsync(client, ArticlePaths.Edit(id), Step(Content.Workflow.WorkflowAction.Withdraw), ("reason", " "));
        Assert.Equal(HttpStatusCode.Conflict, noReason.StatusCode);
        Assert.Contains("id=\"reason-loi\">Hãy nhập lý do thu hồi.", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, ArticlePaths.Edit(id), Step(Content.Workflow.WorkflowAction.Withdraw), ("reason", "Thông tin sai sự thật"))).StatusCode);
        Assert.DoesNotContain("Tin vui từ buôn làng", await reader.GetPageAsync("/bai-viet"));

        await using (var db = site.CreateDb())
        {
            Assert.Equal(
                [AuditActions.Scheduled, AuditActions.Returned, AuditActions.Publish, AuditActions.Withdrawn],
                await db.AuditEntries.Where(e => e.Target == ArticleEditor.Target(id)).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        }
    }

    [Fact]
    public async Task A_photo_uploaded_on_the_edit_page_gives_its_markdown_and_the_published_story_shows_it()
    {
        var (site, _, _) = await StartAsync();
        using var _site = site;
        using var writer = await Staff.SignedInAsync(site, Writer);
        using var editor = await Staff.SignedInAsync(site, Editor);

        async Task<HttpResponseMessage> UploadAsync(byte[] bytes, string name, string alt)
        {
            var token = await Staff.FormTokenAsync(writer, ArticlePaths.New);
            using var form = new MultipartFormDataContent
            {
                { new StringContent("Bài có ảnh"), "title" },
                { new StringContent("Nội dung đang gõ."), "body" },
                { new StringContent(alt), "alt" },
                { new StringContent(token), "__RequestVerificationToken" },
                { new ByteArrayContent(bytes), "photo", name },
            };
            return await writer.PostAsync(ArticlePaths.Photo, form);
        }

        using var noAlt = await UploadAsync(Samples.Photo(1300, 800), "anh.jpg", "");
        Assert.Equal(HttpStatusCode.BadRequest, noAlt.StatusCode);
        Assert.Contains("id=\"alt-loi\">Hãy nhập lời mô tả ảnh", await noAlt.Content.ReadAsStringAsync());
        using var notPhoto = await UploadAsync("<html><script>alert(1)</script></html>"u8.ToArray(), "anh.jpg", "Ảnh giả");
        Assert.Equal(HttpStatusCode.BadRequest, notPhoto.StatusCode);
        Assert.Contains("id=\"photo-loi\">Tệp \"anh.jpg\": nội dung là một trang HTML, không phải ảnh.", WebUtility.HtmlDecode(await notPhoto.Content.ReadAsStringAsync()));

        using var uploaded = await UploadAsync(Samples.Photo(1300, 800), "le-tuyen-duong.jpg", "Lễ tuyên dương [2025]");
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var html = await uploaded.Content.ReadAsStringAsync();
        Assert.Contains("Nội dung đang gõ.</textarea>", html);
        var markdown = WebUtility.HtmlDecode(PhotoMarkdown().Match(html).Groups[1].Value);
        Assert.Matches(@"^!\[Lễ tuyên dương \\\[2025\\\]\]\(/media/web/[0-9a-f]{2}/[0-9a-f]{64}-1200\.jpg\)$", markdown);
        var src = markdown[(markdown.IndexOf("](", StringComparison.Ordinal) + 2)..^1];
        using var reader = site.CreatePlainClient();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(src)).StatusCode);

        var id = await CreateThroughFormAsync(writer, "Bài có ảnh", "Mở đầu.\n\n" + markdown);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(editor, ArticlePaths.Edit(id), ArticlePaths.Step(id, Content.Workflow.WorkflowAction.Publish))).StatusCode);
        var publicPage = await reader.GetPageAsync($"/bai-viet/{id}/bai-co-anh");
        Assert.Contains($"<img src=\"{src}\" alt=\"Lễ tuyên dương [2025]\">", publicPage);
    }

    [GeneratedRegex(@"/quan-tri/bai-viet/(\d+)")]
    private static partial Regex EditUrl();

    [GeneratedRegex("<code class=\"secret\" id=\"anh-markdown\">([^<]+)</code>")]
    private static partial Regex PhotoMarkdown();
}
