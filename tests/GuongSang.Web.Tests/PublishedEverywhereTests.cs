using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using GuongSang.Content.Model;
using GuongSang.Content.Text;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

/// <summary>
/// Pages, the delivery API and search documents read one definition of "published" and one card photo rule:
/// content in every state is shown, counted and pictured the same way by each of them.
/// </summary>
public sealed partial class PublishedEverywhereTests
{
    private const string Marker = "Sao Khuê";
    private const string SearchUrl = "/api/v1/search?q=sao+khue";

    private sealed record Arranged(
        Dictionary<ContentStatus, (int Id, string Slug, string Name)> Exemplars,
        Dictionary<ContentStatus, (int Id, string Slug, string Title)> Articles,
        string MovementSlug, string ProvinceSlug, string ProvinceName);

    private static Media Photo(string name, int width, params int[] variantWidths) => new()
    {
        FileName = name + ".jpg", ContentType = "image/jpeg", Sha256 = name.PadRight(64, '0'), Width = width, Height = width / 2,
        StoragePath = $"media/originals/{name}.jpg", AltText = name, CreatedAt = DateTime.UtcNow,
        Variants = [.. variantWidths.Select(w => new MediaVariant { Width = w, Height = w / 2, ContentType = "image/jpeg", StoragePath = $"media/web/{name}-{w}.jpg" })],
    };

    /// <summary>An exemplar and an article in every state, all in one movement and province; the published exemplar's only photo is narrower than a card.</summary>
    private static async Task<Arranged> ArrangeAsync(SiteFactory site)
    {
        await using var db = site.CreateDb();
        var now = DateTime.UtcNow;
        var movement = new Movement
        {
            Name = "Phong trào " + Marker, Slug = "phong-trao-sao-khue", CreatedAt = now, UpdatedAt = now,
            Targets = [new MovementTarget { Kind = ExemplarKind.Individual, Count = 10, Period = "2021 - 2025" }],
        };
        var agency = new Agency { Code = "SK", Name = "Cơ quan " + Marker, Key = "co quan sao khue", CreatedAt = now };
        var province = await db.Localities.AsTracking().FirstAsync(l => l.IsCurrent && l.Slug == "gia-lai");
        var exemplars = new Dictionary<ContentStatus, Exemplar>();
        foreach (var status in Enum.GetValues<ContentStatus>())
        {
            var name = $"Gương {Marker} {status}";
            exemplars[status] = new Exemplar
            {
                Agency = agency, Movement = movement, Province = province, Code = "SK-" + status, Kind = ExemplarKind.Individual,
                Name = name, Slug = VietnameseText.Slug(name), NameKey = VietnameseText.Key(name), Summary = "Tóm tắt.",
                Body = $"Câu chuyện {Marker}.", Status = status, PublishedAt = now, CreatedAt = now, UpdatedAt = now,
                Recognitions = [new Recognition { Award = "Bằng khen", DecisionNumber = $"{(int)status + 1}/QĐ-UBND", DecisionDate = new DateOnly(2025, 1, 1) }],
                Photos = [new ExemplarPhoto { Media = Photo("sk-" + status.ToString().ToLowerInvariant(), 300, 300) }],
            };
        }
        var articles = Enum.GetValues<ContentStatus>().ToDictionary(s => s, s => new Article
        {
            Title = $"Bài {Marker} {s}", Slug = "bai-sao-khue-" + s.ToString().ToLowerInvariant(), Body = $"Bài viết về {Marker}.",
            Status = s, PublishedAt = now, CreatedAt = now, UpdatedAt = now, Movement = movement,
            Exemplars = [.. exemplars.Values.Select(e => new ArticleExemplar { Exemplar = e })],
        });
        db.Exemplars.AddRange(exemplars.Values);
        db.Articles.AddRange(articles.Values);
        await db.SaveChangesAsync();
        return new Arranged(
            exemplars.ToDictionary(p => p.Key, p => (p.Value.Id, p.Value.Slug, p.Value.Name)),
            articles.ToDictionary(p => p.Key, p => (p.Value.Id, p.Value.Slug, p.Value.Title)),
            movement.Slug, province.Slug, province.Name);
    }

    private static async Task<(SiteFactory Site, HttpClient Client, Arranged Content)> StartAsync()
    {
        var site = new SiteFactory(demoContent: false);
        var client = site.CreatePlainClient();
        await client.GetPageAsync("/");
        return (site, client, await ArrangeAsync(site));
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url) =>
        JsonDocument.Parse(await client.GetPageAsync(url)).RootElement;

    /// <summary>Polls search, within the tests' one generous bound, until at least <paramref name="count"/> exemplars are found.</summary>
    private static Task<JsonElement> SearchWhenIndexedAsync(HttpClient client, string url, int count = 1) =>
        GuongSang.Tests.Poll.UntilAsync(async () => await GetJsonAsync(client, url) is var json && json.GetProperty("total").GetInt32() >= count
            ? (true, json) : (false, json), $"{url} finds {count}");

    private static void ShowsOnlyPublished(string html, Arranged content, string where)
    {
        foreach (var (status, exemplar) in content.Exemplars)
        {
            var shown = html.Contains(HttpExtensions.Encoded(exemplar.Name), StringComparison.Ordinal);
            Assert.True(shown == (status == ContentStatus.Published), $"{where}: exemplar {status} shown = {shown}");
        }
    }

    [Fact]
    public async Task Only_published_content_shows_and_counts_on_pages_in_the_api_and_in_search()
    {
        var (site, client, content) = await StartAsync();
        using var _ = site;
        var published = content.Exemplars[ContentStatus.Published];

        // Pages: lists, the story, and the counts beside them.
        var home = await client.GetPageAsync("/");
        ShowsOnlyPublished(home, content, "/");
        Assert.Contains("<strong>1</strong> gương điển hình đã công bố", home);
        var movement = await client.GetPageAsync($"/phong-trao/{content.MovementSlug}");
        ShowsOnlyPublished(movement, content, "movement page");
        Assert.Contains("<strong>1/10</strong>", movement);
        Assert.Contains("Gương điển hình (1)", movement);
        Assert.Contains("<span>1 gương điển hình</span>", await client.GetPageAsync("/phong-trao"));
        ShowsOnlyPublished(await client.GetPageAsync($"/dia-phuong/{content.ProvinceSlug}"), content, "province page");
        Assert.Contains($"{HttpExtensions.Encoded(content.ProvinceName)}</a> <span class=\"count\">(1)</span>", await client.GetPageAsync("/dia-phuong"));
        var story = await client.GetPageAsync($"/guong-sang/{published.Id}/{published.Slug}");
        foreach (var (status, article) in content.Articles)
        {
            Assert.True(story.Contains(HttpExtensions.Encoded(article.Title), StringComparison.Ordinal) == (status == ContentStatus.Published), $"story lists article {status}");
        }
        // Not public and not at their URL; a withdrawn one keeps its URL for its notice (WithdrawalTests).
        var absent = content.Exemplars.Where(p => p.Key is not (ContentStatus.Published or ContentStatus.Withdrawn)).Select(p => p.Value).ToList();
        foreach (var e in absent)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/guong-sang/{e.Id}/{e.Slug}")).StatusCode);
        }

        // Articles: the list, the published one (with its exemplar cards), and no other.
        var articles = await client.GetPageAsync("/bai-viet");
        foreach (var (status, article) in content.Articles)
        {
            Assert.True(articles.Contains(HttpExtensions.Encoded(article.Title), StringComparison.Ordinal) == (status == ContentStatus.Published), $"article list shows {status}");
            var response = await client.GetAsync($"/bai-viet/{article.Id}/{article.Slug}");
            Assert.Equal(status is ContentStatus.Published or ContentStatus.Withdrawn ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
            if (status == ContentStatus.Published) ShowsOnlyPublished(await response.Content.ReadAsStringAsync(), content, "article page");
        }

        // The delivery API: list, item and counts.
        var list = await GetJsonAsync(client, $"/api/v1/exemplars?movement={content.MovementSlug}");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal([published.Id], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
        Assert.Equal(published.Name, (await GetJsonAsync(client, $"/api/v1/exemplars/{published.Id}")).GetProperty("name").GetString());
        foreach (var e in absent)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/exemplars/{e.Id}")).StatusCode);
        }
        var counts = await GetJsonAsync(client, $"/api/v1/movements/{content.MovementSlug}");
        Assert.Equal(1, counts.GetProperty("publishedCount").GetInt32());
        Assert.Equal(1, counts.GetProperty("targets")[0].GetProperty("published").GetInt32());

        // Search documents: the same one exemplar, the same one article.
        var found = await SearchWhenIndexedAsync(client, SearchUrl);
        Assert.Equal([published.Id], found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
        var movementFacet = found.GetProperty("facets").GetProperty("movement").EnumerateArray().Single();
        Assert.Equal(1, movementFacet.GetProperty("count").GetInt32());
        var searchPage = await client.GetPageAsync("/tim-kiem?q=sao+khue");
        ShowsOnlyPublished(searchPage, content, "search page");
        foreach (var (status, article) in content.Articles)
        {
            Assert.True(searchPage.Contains(HttpExtensions.Encoded(article.Title), StringComparison.Ordinal) == (status == ContentStatus.Published), $"search page lists article {status}");
        }
    }

    [GeneratedRegex("<img class=\"card-photo\" src=\"(?<src>[^\"]+)\"[^>]*>\\s*<div class=\"card-body\">.*?href=\"/guong-sang/(?<id>\\d+)/", RegexOptions.Singleline)]
    private static partial Regex CardPhoto();

    [GeneratedRegex("<img class=\"result-photo\" src=\"(?<src>[^\"]+)\"[^>]*>\\s*<div class=\"result-body\">\\s*<h3><a href=\"/guong-sang/(?<id>\\d+)/", RegexOptions.Singleline)]
    private static partial Regex ResultPhoto();

    [Fact]
    public async Task A_card_shows_the_same_photo_on_pages_in_the_api_and_in_search()
    {
        var (site, client, content) = await StartAsync();
        using var _ = site;
        int wide;
        await using (var db = site.CreateDb())
        {
            // A second published exemplar whose photos are stored out of order and have card-wide versions.
            var template = await db.Exemplars.FirstAsync(e => e.Id == content.Exemplars[ContentStatus.Published].Id);
            var exemplar = new Exemplar
            {
                AgencyId = template.AgencyId, MovementId = template.MovementId, ProvinceId = template.ProvinceId, Code = "SK-RONG",
                Kind = ExemplarKind.Collective, Name = $"Tập thể {Marker}", Slug = "tap-the-sao-khue", NameKey = "tap the sao khue",
                Status = ContentStatus.Published, PublishedAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                Photos =
                [
                    new ExemplarPhoto { SortOrder = 2, Media = Photo("sk-sau", 2400, 480, 960) },
                    new ExemplarPhoto { SortOrder = 1, Media = Photo("sk-dau", 2400, 1200, 480, 960) },
                ],
            };
            db.Exemplars.Add(exemplar);
            await db.SaveChangesAsync();
            wide = exemplar.Id;
        }
        var narrow = content.Exemplars[ContentStatus.Published].Id;
        var expected = new Dictionary<int, string> { [narrow] = "/media/web/sk-published-300.jpg", [wide] = "/media/web/sk-dau-480.jpg" };

        var onPage = CardPhoto().Matches(await client.GetPageAsync($"/phong-trao/{content.MovementSlug}"))
            .ToDictionary(m => int.Parse(m.Groups["id"].Value), m => m.Groups["src"].Value);
        Assert.Equal(expected, onPage);

        var inApi = (await GetJsonAsync(client, $"/api/v1/exemplars?movement={content.MovementSlug}")).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("id").GetInt32(), i => i.GetProperty("photos")[0].GetProperty("url").GetString()!);
        Assert.Equal(expected, inApi);

        var found = await SearchWhenIndexedAsync(client, SearchUrl, count: 2);
        var inSearch = found.GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("id").GetInt32(), i => i.GetProperty("photo").GetProperty("url").GetString()!);
        Assert.Equal(expected, inSearch);
        var onSearchPage = ResultPhoto().Matches(await client.GetPageAsync("/tim-kiem?q=sao+khue"))
            .ToDictionary(m => int.Parse(m.Groups["id"].Value), m => m.Groups["src"].Value);
        Assert.Equal(expected, onSearchPage);
    }
}
