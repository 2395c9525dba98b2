using System.Net;
using System.Text.Json;
using GuongSang.Content.Model;
using GuongSang.Content.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

/// <summary>One story the renderer cannot show (written straight to the database, past the importer's check).</summary>
public sealed class RenderIsolationTests
{
    private static readonly string OverDeep = "Mở đầu.\n\n" + new string('>', 200) + " Trích dẫn lồng 200 cấp.";

    private static async Task<(Exemplar Exemplar, Article Article)> AddOverDeepAsync(SiteFactory site)
    {
        await using var db = site.CreateDb();
        var movement = new Movement { Name = "Dân vận khéo", Slug = "dan-van-kheo" };
        var agency = new Agency { Code = "so-noi-vu", Name = "Sở Nội vụ", Key = "so noi vu" };
        var exemplar = SearchSite.Exemplar(1, "Tổ hòa giải thôn Đông", OverDeep, ExemplarKind.Collective, movement, agency, null, "12/QĐ-UBND", 2024);
        var article = new Article
        {
            Title = "Chuyện ở thôn Đông", Slug = "chuyen-o-thon-dong", Body = OverDeep,
            Status = ContentStatus.Published, PublishedAt = new DateTime(2025, 2, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        db.AddRange(exemplar, article);
        await db.SaveChangesAsync();
        return (exemplar, article);
    }

    private static async Task AddExemplarAsync(SiteFactory site, int n, string name, string body)
    {
        await using var db = site.CreateDb();
        var movement = await db.Movements.AsTracking().FirstAsync();
        var agency = await db.Agencies.AsTracking().FirstAsync();
        db.Exemplars.Add(SearchSite.Exemplar(n, name, body, ExemplarKind.Individual, movement, agency, null, n + "/QĐ-UBND", 2025));
        await db.SaveChangesAsync();
    }

    /// <summary>Polls until the condition holds; fails after 10 s.</summary>
    /// <summary>The tests' one generous bound (<see cref="GuongSang.Tests.Poll"/>): a busy machine is slow, not wrong.</summary>
    private static Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what) =>
        GuongSang.Tests.Poll.UntilAsync(async () => await read() is var value && condition(value) ? (true, value) : (false, value), what);

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_over_deep_story_shows_a_notice_while_every_page_and_the_api_answer_and_search_goes_on()
    {
        using var site = new SiteFactory(demoContent: false, movements: false);
        var client = site.CreatePlainClient();
        var (exemplar, article) = await AddOverDeepAsync(site);

        foreach (var url in new[] { "/", "/bai-viet", "/api/v1/exemplars" })
        {
            Assert.Equal((url, HttpStatusCode.OK), (url, (await GetAsync(client, url)).Status));
        }
        var (status, page) = await GetAsync(client, $"/guong-sang/{exemplar.Id}/{exemplar.Slug}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(Texts.ContentUnavailable, page);
        Assert.Contains("Tổ hòa giải thôn Đông", page);
        (status, page) = await GetAsync(client, $"/bai-viet/{article.Id}/{article.Slug}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(Texts.ContentUnavailable, page);

        var (apiStatus, json) = await GetAsync(client, $"/api/v1/exemplars/{exemplar.Id}");
        Assert.Equal(HttpStatusCode.OK, apiStatus);
        var item = JsonDocument.Parse(json).RootElement;
        Assert.Equal("Tổ hòa giải thôn Đông", item.GetProperty("name").GetString());
        Assert.Contains(Texts.ContentUnavailable, item.GetProperty("bodyHtml").GetString());

        // The indexer leaves the story out, says so in health, and goes on with what is published next.
        await AddExemplarAsync(site, 2, "Anh Trần Văn Đức", "Anh Đức đã 42 lần hiến máu tình nguyện.");
        await WaitForAsync(
            async () => JsonDocument.Parse((await GetAsync(client, "/api/v1/search?q=hien+mau")).Body).RootElement.GetProperty("total").GetInt32(),
            total => total == 1, "the exemplar published after the bad story searchable");
        var health = await client.GetAsync("/healthz");
        Assert.Equal((HttpStatusCode.OK, "Degraded"), (health.StatusCode, await health.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Health_says_unhealthy_when_changes_wait_and_the_indexer_does_not_move_on()
    {
        using var factory = new SiteFactory(demoContent: false, movements: false);
        // An indexer that reads the change log once at start and then not again: a stuck one, for this test.
        using var site = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("GuongSang:Search:PollInterval", "01:00:00");
            b.UseSetting("GuongSang:Search:StuckAfter", "00:00:01");
        });
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await WaitForAsync(() => client.GetStringAsync("/healthz"), h => h == "Healthy", "healthy once the index is built");

        await AddOverDeepAsync(factory);
        var response = await WaitForAsync(() => client.GetAsync("/healthz"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, "unhealthy");
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_says_degraded_when_more_changes_wait_than_the_bound()
    {
        using var factory = new SiteFactory(demoContent: false, movements: false);
        using var site = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("GuongSang:Search:PollInterval", "01:00:00");
            b.UseSetting("GuongSang:Search:MaxLag", "2");
        });
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await WaitForAsync(() => client.GetStringAsync("/healthz"), h => h == "Healthy", "healthy once the index is built");

        // Two exemplars with their movement and agency: more than two changes wait.
        await AddOverDeepAsync(factory);
        Assert.Equal("Degraded", await client.GetStringAsync("/healthz"));
    }
}
