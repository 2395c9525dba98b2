using System.Net;
using System.Text.Json;
using GuongSang.Content.Model;
using GuongSang.Content.Text;
using GuongSang.Content.Workflow;
using GuongSang.Tests;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

/// <summary>
/// A withdrawn (thu hồi) exemplar or article keeps its URL and shows a notice instead of the story; it leaves
/// every list, count and search; the delivery API marks it. A correction shows its one line.
/// </summary>
public sealed class WithdrawalTests
{
    private const string Reason = "Quyết định khen thưởng bị hủy bỏ";
    private const string Story = "Chuyện kể Vân Hà";

    private sealed record Arranged(int ExemplarId, string ExemplarSlug, int ArticleId, string ArticleSlug, string MovementSlug, string ProvinceSlug);

    private static async Task<Arranged> ArrangeAsync(SiteFactory site)
    {
        await using var db = site.CreateDb();
        var now = DateTime.UtcNow;
        var movement = new Movement
        {
            Name = "Phong trào Vân Hà", Slug = "phong-trao-van-ha", CreatedAt = now, UpdatedAt = now,
            Targets = [new MovementTarget { Kind = ExemplarKind.Individual, Count = 5, Period = "2021 - 2025" }],
        };
        var province = await db.Localities.AsTracking().FirstAsync(l => l.IsCurrent && l.Slug == "gia-lai");
        var exemplar = new Exemplar
        {
            Agency = new Agency { Code = "VH", Name = "Sở Văn hóa Vân Hà", Key = "so van hoa van ha", CreatedAt = now },
            Movement = movement, Province = province, Code = "VH-1", Kind = ExemplarKind.Individual,
            Name = "Lò Thị Vân Hà", Slug = "lo-thi-van-ha", NameKey = "lo thi van ha",
            Summary = "Tóm tắt Vân Hà đã xác minh.", Body = Story + " giữa núi rừng.",
            Status = ContentStatus.Published, PublishedAt = now, CreatedAt = now, UpdatedAt = now,
            Recognitions = [new Recognition { Award = "Bằng khen", DecisionNumber = "77/QĐ-UBND", DecisionDate = new DateOnly(2025, 4, 2) }],
            Photos = [new ExemplarPhoto { Media = new Media
            {
                FileName = "van-ha.jpg", ContentType = "image/jpeg", Sha256 = "vanha".PadRight(64, '0'), Width = 800, Height = 400,
                StoragePath = "media/originals/van-ha.jpg", AltText = "Ảnh Vân Hà", CreatedAt = now,
                Variants = [new MediaVariant { Width = 480, Height = 240, ContentType = "image/jpeg", StoragePath = "media/web/van-ha-480.jpg" }],
            } }],
        };
        var article = new Article
        {
            Title = "Bài về Vân Hà", Slug = "bai-ve-van-ha", Body = Story + " trong bài viết.", Status = ContentStatus.Published,
            PublishedAt = now, CreatedAt = now, UpdatedAt = now, Movement = movement, Agency = exemplar.Agency,
            Exemplars = [new ArticleExemplar { Exemplar = exemplar }],
        };
        db.Exemplars.Add(exemplar);
        db.Articles.Add(article);
        await db.SaveChangesAsync();
        return new Arranged(exemplar.Id, exemplar.Slug, article.Id, article.Slug, movement.Slug, province.Slug);
    }

    private static async Task<(SiteFactory Site, HttpClient Client, Arranged Content)> StartAsync()
    {
        var site = new SiteFactory(demoContent: false);
        var client = site.CreatePlainClient();
        await client.GetPageAsync("/");
        return (site, client, await ArrangeAsync(site));
    }

    /// <summary>As the manager does it: through the workflow rules, saved with who did it.</summary>
    private static async Task WithdrawAsync(SiteFactory site, Arranged content)
    {
        await using var db = site.CreateDb("bien-tap-vien");
        var now = DateTime.UtcNow;
        var exemplar = await db.Exemplars.AsTracking().SingleAsync(e => e.Id == content.ExemplarId);
        var article = await db.Articles.AsTracking().SingleAsync(a => a.Id == content.ArticleId);
        Assert.True(ContentWorkflow.Apply(exemplar, WorkflowAction.Withdraw, now, reason: Reason).Done);
        Assert.True(ContentWorkflow.Apply(article, WorkflowAction.Withdraw, now, reason: Reason).Done);
        await db.SaveChangesAsync();
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url) =>
        JsonDocument.Parse(await client.GetPageAsync(url)).RootElement;

    private static async Task<int> SearchTotalAsync(HttpClient client) =>
        (await GetJsonAsync(client, "/api/v1/search?q=van+ha")).GetProperty("total").GetInt32();

    private static string Notice => $"<section class=\"withdrawn-notice\" role=\"status\"";

    private static string NoticeLine => HttpExtensions.Encoded($"Ngày thu hồi: {VietnamTime.Date(DateTime.UtcNow)}. Lý do: {Reason}");

    [Fact]
    public async Task A_withdrawn_exemplar_shows_its_notice_at_its_url_and_leaves_lists_counts_api_lists_and_search()
    {
        var (site, client, content) = await StartAsync();
        using var _ = site;
        var page = $"/guong-sang/{content.ExemplarId}/{content.ExemplarSlug}";
        // Before: the story, listed, counted, found.
        Assert.Contains(HttpExtensions.Encoded(Story), await client.GetPageAsync(page));
        Assert.Equal("published", (await GetJsonAsync(client, $"/api/v1/exemplars/{content.ExemplarId}")).GetProperty("status").GetString());
        await Poll.UntilAsync(async () => await SearchTotalAsync(client) == 1, "the exemplar is indexed");

        await WithdrawAsync(site, content);

        // The page: still there, the notice instead of the story.
        var html = await client.GetPageAsync(page);
        Assert.Contains(Notice, html);
        Assert.Contains(">Đã thu hồi</h2>", html);
        Assert.Contains(NoticeLine, html);
        Assert.Contains(HttpExtensions.Encoded("Lò Thị Vân Hà"), html);
        Assert.Contains(HttpExtensions.Encoded("Sở Văn hóa Vân Hà"), html);
        Assert.Contains("77/QĐ-UBND", html);
        Assert.DoesNotContain(HttpExtensions.Encoded(Story), html);
        Assert.DoesNotContain(HttpExtensions.Encoded("Tóm tắt Vân Hà"), html);
        Assert.DoesNotContain("/media/", html);
        // Another slug still leads to it.
        var moved = await client.GetAsync($"/guong-sang/{content.ExemplarId}/ten-cu");
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal(page, moved.Headers.Location?.OriginalString);

        // The delivery API: marked, with the reason and date, and no story.
        var item = await GetJsonAsync(client, $"/api/v1/exemplars/{content.ExemplarId}");
        Assert.Equal("withdrawn", item.GetProperty("status").GetString());
        Assert.Equal(Reason, item.GetProperty("withdrawal").GetProperty("reason").GetString());
        Assert.True(DateTime.UtcNow - item.GetProperty("withdrawal").GetProperty("at").GetDateTime().ToUniversalTime() < TimeSpan.FromDays(1));
        Assert.Equal("Lò Thị Vân Hà", item.GetProperty("name").GetString());
        foreach (var story in new[] { "summary", "bodyHtml", "photos" }) Assert.False(item.TryGetProperty(story, out var _), $"API shows {story}");
        Assert.Equal(0, (await GetJsonAsync(client, $"/api/v1/exemplars?movement={content.MovementSlug}")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await GetJsonAsync(client, $"/api/v1/movements/{content.MovementSlug}")).GetProperty("publishedCount").GetInt32());

        // Lists and counts.
        foreach (var url in new[] { "/", $"/phong-trao/{content.MovementSlug}", $"/dia-phuong/{content.ProvinceSlug}", "/bai-viet" })
        {
            var list = await client.GetPageAsync(url);
            Assert.DoesNotContain(HttpExtensions.Encoded("Lò Thị Vân Hà"), list);
            Assert.DoesNotContain(HttpExtensions.Encoded("Bài về Vân Hà"), list);
        }
        Assert.Contains("<strong>0</strong> gương điển hình đã công bố", await client.GetPageAsync("/"));

        // Search follows the change log: gone within the promised 10 s.
        await Poll.UntilAsync(async () => (await SearchTotalAsync(client) == 0, true), "the withdrawn exemplar leaves search", TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(HttpExtensions.Encoded("Lò Thị Vân Hà"), await client.GetPageAsync("/tim-kiem?q=van+ha"));
    }

    [Fact]
    public async Task A_withdrawn_article_shows_its_notice_at_its_url_instead_of_the_story()
    {
        var (site, client, content) = await StartAsync();
        using var _ = site;
        await WithdrawAsync(site, content);

        var response = await client.GetAsync($"/bai-viet/{content.ArticleId}/{content.ArticleSlug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(Notice, html);
        Assert.Contains(NoticeLine, html);
        Assert.Contains(HttpExtensions.Encoded("Bài về Vân Hà"), html);
        Assert.DoesNotContain(HttpExtensions.Encoded(Story), html);
        Assert.DoesNotContain("card-photo", html);
    }

    [Fact]
    public async Task A_correction_shows_its_line_on_the_pages_and_in_the_api()
    {
        var (site, client, content) = await StartAsync();
        using var _ = site;
        var correctedAt = new DateTime(2026, 3, 4, 18, 0, 0, DateTimeKind.Utc);
        await using (var db = site.CreateDb("bien-tap-vien"))
        {
            var exemplar = await db.Exemplars.AsTracking().SingleAsync(e => e.Id == content.ExemplarId);
            var article = await db.Articles.AsTracking().SingleAsync(a => a.Id == content.ArticleId);
            Assert.True(ContentWorkflow.Correct(exemplar, "sửa năm sinh", correctedAt).Done);
            Assert.True(ContentWorkflow.Correct(article, "sửa tên xã", correctedAt).Done);
            await db.SaveChangesAsync();
        }

        Assert.Contains($"<p class=\"correction-note\">{HttpExtensions.Encoded("Cập nhật ngày 05/03/2026: sửa năm sinh")}</p>",
            await client.GetPageAsync($"/guong-sang/{content.ExemplarId}/{content.ExemplarSlug}"));
        Assert.Contains($"<p class=\"correction-note\">{HttpExtensions.Encoded("Cập nhật ngày 05/03/2026: sửa tên xã")}</p>",
            await client.GetPageAsync($"/bai-viet/{content.ArticleId}/{content.ArticleSlug}"));
        var correction = (await GetJsonAsync(client, $"/api/v1/exemplars/{content.ExemplarId}")).GetProperty("correction");
        Assert.Equal("sửa năm sinh", correction.GetProperty("note").GetString());
        Assert.Equal(correctedAt, correction.GetProperty("at").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task An_uncorrected_story_has_no_correction_line()
    {
        var (site, client, content) = await StartAsync();
        using var _ = site;
        Assert.DoesNotContain("correction-note", await client.GetPageAsync($"/guong-sang/{content.ExemplarId}/{content.ExemplarSlug}"));
        Assert.DoesNotContain("correction-note", await client.GetPageAsync($"/bai-viet/{content.ArticleId}/{content.ArticleSlug}"));
        Assert.Equal(JsonValueKind.Null, (await GetJsonAsync(client, $"/api/v1/exemplars/{content.ExemplarId}")).GetProperty("correction").ValueKind);
    }
}
