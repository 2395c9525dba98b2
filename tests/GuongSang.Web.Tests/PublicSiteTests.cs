using System.Net;
using GuongSang.Content.Model;
using GuongSang.Content.Queries;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

/// <summary>Every public page, run once per theme (the derived classes below).</summary>
public abstract class PublicSiteTests(SiteFactory site)
{
    protected SiteFactory Site { get; } = site;

    private async Task<(HttpClient Client, Exemplar Exemplar, Article Article, Movement Movement)> ArrangeAsync()
    {
        var client = Site.CreatePlainClient();
        await client.GetPageAsync("/");
        await using var db = Site.CreateDb();
        var exemplar = await db.Exemplars.Include(e => e.Movement).OrderBy(e => e.Id).FirstAsync();
        var article = await db.Articles.OrderBy(a => a.Id).FirstAsync();
        return (client, exemplar, article, exemplar.Movement);
    }

    [Fact]
    public async Task Every_public_page_answers_200_in_Vietnamese()
    {
        var (client, exemplar, article, movement) = await ArrangeAsync();
        foreach (var url in new[]
                 {
                     "/", "/phong-trao", $"/phong-trao/{movement.Slug}", $"/guong-sang/{exemplar.Id}/{exemplar.Slug}",
                     "/bai-viet", $"/bai-viet/{article.Id}/{article.Slug}", "/dia-phuong", "/dia-phuong/ho-chi-minh",
                 })
        {
            var html = await client.GetPageAsync(url);
            Assert.Contains("<html lang=\"vi\">", html);
            Assert.Contains("Phong trào thi đua", html);
        }
    }

    [Fact]
    public async Task Home_shows_counters_movements_and_sample_stories()
    {
        var (client, _, _, _) = await ArrangeAsync();
        var html = await client.GetPageAsync("/");
        Assert.Contains("gương điển hình đã công bố", html);
        Assert.Contains("Gương sáng tiêu biểu", html);
        Assert.Contains("Dữ liệu mẫu", html);
        Assert.Contains("Dạy tốt - Học tốt", html);
    }

    [Fact]
    public async Task Exemplar_page_shows_recognitions_and_provenance()
    {
        var (client, exemplar, _, _) = await ArrangeAsync();
        await using var db = Site.CreateDb();
        var recognition = await db.Recognitions.FirstAsync(r => r.ExemplarId == exemplar.Id);
        var agency = await db.Agencies.FirstAsync(a => a.Id == exemplar.AgencyId);
        var html = await client.GetPageAsync($"/guong-sang/{exemplar.Id}/{exemplar.Slug}");
        Assert.Contains(HttpExtensions.Encoded(exemplar.Name), html);
        Assert.Contains("Khen thưởng", html);
        Assert.Contains(HttpExtensions.Encoded(recognition.DecisionNumber!), html);
        Assert.Contains(recognition.DecisionDate!.Value.ToString("dd/MM/yyyy"), html);
        Assert.Contains("Nguồn", html);
        Assert.Contains(HttpExtensions.Encoded(agency.Name), html);
    }

    [Fact]
    public async Task Movement_page_shows_criteria_and_targets_against_published()
    {
        var (client, _, _, _) = await ArrangeAsync();
        await using var db = Site.CreateDb();
        var movement = await db.Movements.Include(m => m.Targets).FirstAsync(m => m.SortOrder == 8);
        var published = await db.Exemplars.Published().CountAsync(e => e.MovementId == movement.Id && e.Kind == ExemplarKind.Collective);
        var target = movement.Targets.First(t => t.Kind == ExemplarKind.Collective);
        var html = await client.GetPageAsync($"/phong-trao/{movement.Slug}");
        Assert.Contains("Tiêu chí", html);
        Assert.Contains($"<strong>{published}/{target.Count}</strong>", html);
    }

    [Fact]
    public async Task Unknown_exemplar_is_a_Vietnamese_404()
    {
        var client = Site.CreatePlainClient();
        var response = await client.GetAsync("/guong-sang/999999/khong-co");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Không tìm thấy trang", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/khong-co-trang-nay")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/phong-trao/khong-co")).StatusCode);
    }

    [Fact]
    public async Task Wrong_or_missing_slug_answers_301_to_the_right_one()
    {
        var (client, exemplar, article, _) = await ArrangeAsync();
        foreach (var url in new[] { $"/guong-sang/{exemplar.Id}/ten-cu", $"/guong-sang/{exemplar.Id}" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal($"/guong-sang/{exemplar.Id}/{exemplar.Slug}", response.Headers.Location!.OriginalString);
        }
        var articleResponse = await client.GetAsync($"/bai-viet/{article.Id}/sai");
        Assert.Equal(HttpStatusCode.MovedPermanently, articleResponse.StatusCode);
    }

    [Fact]
    public async Task Old_province_answers_301_to_todays_province()
    {
        var client = Site.CreatePlainClient();
        var response = await client.GetAsync("/dia-phuong/ba-ria-vung-tau");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/dia-phuong/ho-chi-minh", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/phong-trao/day-tot-hoc-tot?trang=abc")]
    [InlineData("/phong-trao/day-tot-hoc-tot?trang=0")]
    [InlineData("/phong-trao/day-tot-hoc-tot?trang=-1")]
    [InlineData("/bai-viet?trang=99999999999999")]
    [InlineData("/dia-phuong/ho-chi-minh?trang=x")]
    public async Task Malformed_parameters_answer_400_not_500(string url)
    {
        var response = await Site.CreatePlainClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Yêu cầu không hợp lệ", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_check_answers_200() =>
        Assert.Equal(HttpStatusCode.OK, (await Site.CreatePlainClient().GetAsync("/healthz")).StatusCode);

    [Fact]
    public async Task Pages_carry_no_inline_script_or_style()
    {
        var (client, exemplar, article, movement) = await ArrangeAsync();
        foreach (var url in new[] { "/", $"/phong-trao/{movement.Slug}", $"/guong-sang/{exemplar.Id}/{exemplar.Slug}", $"/bai-viet/{article.Id}/{article.Slug}" })
        {
            var html = await client.GetPageAsync(url);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(@"\son[a-z]+=", html);
        }
    }
}

public sealed class DefaultThemeSiteTests(DefaultThemeSite site) : PublicSiteTests(site), IClassFixture<DefaultThemeSite>
{
    [Fact]
    public async Task Default_theme_brings_its_own_stylesheet()
    {
        var client = Site.CreatePlainClient();
        var html = await client.GetPageAsync("/");
        Assert.Contains("/themes/Default/assets/theme.css", html);
        Assert.DoesNotContain("Giao diện tương phản cao", html);
        Assert.Contains("<article class=\"card\">", html);
        var css = await client.GetAsync("/themes/Default/assets/theme.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
    }
}

public sealed class HighContrastThemeSiteTests(HighContrastSite site) : PublicSiteTests(site), IClassFixture<HighContrastSite>
{
    [Fact]
    public async Task High_contrast_theme_overrides_layout_and_card_by_name()
    {
        var client = Site.CreatePlainClient();
        var html = await client.GetPageAsync("/");
        Assert.Contains("/themes/HighContrast/assets/theme.css", html);
        Assert.Contains("Giao diện tương phản cao", html);
        Assert.Contains("card card-text", html);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/themes/HighContrast/assets/theme.css")).StatusCode);
    }
}
