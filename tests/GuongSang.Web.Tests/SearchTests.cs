using System.Net;
using System.Text.Json;
using GuongSang.Content.Model;
using GuongSang.Content.Text;
using GuongSang.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GuongSang.Web.Tests;

/// <summary>A site with a few exemplars of its own (no demo content), searched through the real host.</summary>
public sealed class SearchSite() : SiteFactory(demoContent: false, movements: false), IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        CreatePlainClient(); // starts the host: migrations, then the indexer
        await using var db = CreateDb("kiem-thu");
        var hienMau = new Movement { Name = "Hiến máu tình nguyện", Slug = "hien-mau-tinh-nguyen" };
        var danVan = new Movement { Name = "Dân vận khéo", Slug = "dan-van-kheo" };
        var agency = new Agency { Code = "so-y-te", Name = "Sở Y tế", Key = "so y te" };
        var gialai = await db.Localities.AsTracking().SingleAsync(l => l.IsCurrent && l.Slug == "gia-lai");
        db.AddRange(
            Exemplar(1, "Anh Trần Văn Đức", "Anh Đức đã 42 lần hiến máu tình nguyện <script>alert(1)</script>.", ExemplarKind.Individual, hienMau, agency, gialai, "1456/QĐ-UBND", 2024),
            Exemplar(2, "Câu lạc bộ Ngân hàng máu sống", "Câu lạc bộ sẵn sàng hiến máu khi có ca cấp cứu.", ExemplarKind.Collective, hienMau, agency, null, "88/QĐ-SYT", 2025),
            Exemplar(3, "Tổ hòa giải thôn Phú Thượng", "Tổ hoà giải đã hoà giải thành công 37 vụ việc.", ExemplarKind.Collective, danVan, agency, gialai, "3377/QĐ-UBND", 2023));
        db.Articles.Add(new Article
        {
            Title = "Ngày hội hiến máu toàn tỉnh", Slug = "ngay-hoi-hien-mau", Body = "Hàng nghìn đoàn viên hiến máu.",
            Status = ContentStatus.Published, PublishedAt = new DateTime(2025, 2, 1, 0, 0, 0, DateTimeKind.Utc),
        });
        await db.SaveChangesAsync();
        await WaitForSearchAsync("/api/v1/search?q=", json => json.GetProperty("total").GetInt32() == 3);
    }

    public new Task DisposeAsync() => Task.CompletedTask;

    internal static Exemplar Exemplar(int n, string name, string body, ExemplarKind kind, Movement movement, Agency agency, Locality? province, string decision, int year) => new()
    {
        Agency = agency,
        Movement = movement,
        Province = province,
        Code = "HS-" + n,
        Kind = kind,
        Name = name,
        Slug = VietnameseText.Slug(name),
        NameKey = VietnameseText.Key(name),
        Summary = "",
        Body = body,
        Status = ContentStatus.Published,
        PublishedAt = new DateTime(2025, 1, n, 0, 0, 0, DateTimeKind.Utc),
        Recognitions = [new Recognition { Award = "Bằng khen", DecisionNumber = decision, DecisionDate = new DateOnly(year, 3, 1) }],
    };

    /// <summary>Polls the API until the condition holds (the indexer works in the background).</summary>
    public Task<JsonElement> WaitForSearchAsync(string url, Func<JsonElement, bool> condition)
    {
        var client = CreatePlainClient();
        return Poll.UntilAsync(async () =>
        {
            var response = await client.GetAsync(url);
            if (!response.IsSuccessStatusCode) return (false, default(JsonElement));
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return (condition(json), json);
        }, url + " shows the expected results");
    }
}

public sealed class SearchTests(SearchSite site) : IClassFixture<SearchSite>
{
    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string url)
    {
        var response = await site.CreatePlainClient().GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        var (status, body) = await GetAsync(url);
        Assert.True(status == HttpStatusCode.OK, $"{url}: {(int)status} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task Search_page_finds_words_typed_without_diacritics_and_marks_them()
    {
        var html = await site.CreatePlainClient().GetPageAsync("/tim-kiem?q=hien+mau");
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains("Anh Trần Văn Đức", text);
        Assert.Contains("Câu lạc bộ Ngân hàng máu sống", text);
        Assert.DoesNotContain("Tổ hòa giải", text);
        Assert.Contains("<mark>hiến</mark> <mark>máu</mark>", html);
        Assert.Contains("href=\"/guong-sang/", html);
        // Related articles are listed apart; the API's items stay exemplars.
        Assert.Contains("Bài viết liên quan", text);
        Assert.Contains("href=\"/bai-viet/", html);
        // The story's own markup never reaches the page as markup.
        Assert.DoesNotContain("<script>alert(1)</script>", html);
    }

    [Fact]
    public async Task Search_page_has_no_inline_scripts_or_styles()
    {
        var html = await site.CreatePlainClient().GetPageAsync("/tim-kiem?q=hoa+giai&loai=collective");
        Assert.DoesNotContain("<script", html.Replace("&lt;script", ""));
        Assert.DoesNotContain(" style=", html);
        Assert.DoesNotMatch(@"\son[a-z]+=", html);
    }

    [Fact]
    public async Task Search_api_answers_the_promised_shape()
    {
        var json = await GetJsonAsync("/api/v1/search?q=h%C3%B2a+gi%E1%BA%A3i");
        Assert.Equal(1, json.GetProperty("total").GetInt32());
        var item = json.GetProperty("items")[0];
        foreach (var name in new[] { "id", "code", "name", "kind", "movement", "province", "url", "snippet" })
        {
            Assert.True(item.TryGetProperty(name, out _), $"missing {name}");
        }
        Assert.Equal("collective", item.GetProperty("kind").GetString());
        Assert.Equal("Dân vận khéo", item.GetProperty("movement").GetString());
        Assert.Contains("<mark>hoà</mark> <mark>giải</mark>", item.GetProperty("snippet").GetString());
        var facets = json.GetProperty("facets");
        foreach (var name in new[] { "movement", "kind", "province", "year" })
        {
            var values = facets.GetProperty(name);
            Assert.NotEmpty(values.EnumerateArray());
            Assert.All(values.EnumerateArray(), v =>
            {
                Assert.True(v.TryGetProperty("value", out _));
                Assert.True(v.GetProperty("count").GetInt32() > 0);
            });
        }
        Assert.Equal("dan-van-kheo", facets.GetProperty("movement")[0].GetProperty("value").GetString());
        Assert.Equal("2023", facets.GetProperty("year")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task Filters_combine_in_the_url_and_facets_count_values()
    {
        var json = await GetJsonAsync("/api/v1/search?q=&kind=collective&province=gia-lai");
        Assert.Equal(["HS-3"], json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        json = await GetJsonAsync("/api/v1/search?q=hien+mau&movement=hien-mau-tinh-nguyen&year=2025");
        Assert.Equal(["HS-2"], json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()));

        var html = WebUtility.HtmlDecode(await site.CreatePlainClient().GetPageAsync("/tim-kiem?q=hien+mau&loai=individual"));
        Assert.Contains("Anh Trần Văn Đức", html);
        Assert.DoesNotContain("Câu lạc bộ Ngân hàng máu sống</a>", html);
        // Each filter is a link with its count; the selected one links back to the search without it.
        Assert.Contains("Tập thể", html);
        Assert.Contains("(1)", html);
        Assert.Contains("href=\"/tim-kiem?q=hien%20mau\"", html);
        Assert.Contains("name=\"loai\" value=\"individual\"", html);
    }

    [Fact]
    public async Task Empty_query_shows_the_latest()
    {
        var html = WebUtility.HtmlDecode(await site.CreatePlainClient().GetPageAsync("/tim-kiem"));
        Assert.Contains("Gương điển hình mới nhất (3)", html);
        var json = await GetJsonAsync("/api/v1/search");
        Assert.Equal(["HS-3", "HS-2", "HS-1"], json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_decision_number_finds_its_exemplar()
    {
        var json = await GetJsonAsync("/api/v1/search?q=" + Uri.EscapeDataString("1456/QĐ-UBND"));
        Assert.Equal("HS-1", json.GetProperty("items")[0].GetProperty("code").GetString());
        json = await GetJsonAsync("/api/v1/search?q=3377%2Fqd-ubnd");
        Assert.Equal("HS-3", json.GetProperty("items")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Nothing_found_shows_help_and_a_misspelling_shows_a_suggestion()
    {
        var html = WebUtility.HtmlDecode(await site.CreatePlainClient().GetPageAsync("/tim-kiem?q=zzzzqqq"));
        Assert.Contains("Không tìm thấy kết quả nào", html);
        Assert.Contains("gõ không dấu", html);

        html = WebUtility.HtmlDecode(await site.CreatePlainClient().GetPageAsync("/tim-kiem?q=hoa+giaii"));
        Assert.Contains("Có phải bạn muốn tìm", html);
        Assert.Contains("Tổ hòa giải thôn Phú Thượng", html);
        var json = await GetJsonAsync("/api/v1/search?q=hoa+giaii");
        Assert.Equal("hoa giải", json.GetProperty("suggestion").GetString());
    }

    public static TheoryData<string> OddQueries() => new()
    {
        "",
        new string('a', 1000),
        string.Concat(Enumerable.Repeat("hiến máu ", 112)),
        "!!! ??? ... ,,, ;;;",
        "🙂🩸👍",
        "\"hiến máu",
        "hiến máu\"",
        "AND",
        "hiến AND máu OR NOT",
        "*",
        "~",
        "hiến~2 máu*",
        "1456/QĐ-UBND",
        "(((",
        "\\",
        "%",
        "<script>alert(1)</script>",
    };

    [Theory]
    [MemberData(nameof(OddQueries))]
    public async Task Odd_queries_answer_200_on_the_page_and_the_api(string q)
    {
        var encoded = Uri.EscapeDataString(q);
        var (status, body) = await GetAsync("/tim-kiem?q=" + encoded);
        Assert.True(status == HttpStatusCode.OK, $"page: {(int)status} {body[..Math.Min(500, body.Length)]}");
        (status, body) = await GetAsync("/api/v1/search?q=" + encoded);
        Assert.True(status == HttpStatusCode.OK, $"api: {(int)status} {body[..Math.Min(500, body.Length)]}");
    }

    [Theory]
    [InlineData("/api/v1/search?q=hien&page=-1")]
    [InlineData("/api/v1/search?q=hien&page=0")]
    [InlineData("/api/v1/search?q=hien&page=abc")]
    [InlineData("/api/v1/search?q=hien&pageSize=-5")]
    [InlineData("/api/v1/search?kind=hero")]
    [InlineData("/api/v1/search?year=20x5")]
    [InlineData("/tim-kiem?q=hien&trang=-1")]
    [InlineData("/tim-kiem?q=hien&trang=abc")]
    [InlineData("/bai-viet?trang=-1")]
    public async Task Bad_paging_or_filters_answer_400(string url)
    {
        var (status, body) = await GetAsync(url);
        Assert.True(status == HttpStatusCode.BadRequest, $"{url}: {(int)status} {body[..Math.Min(300, body.Length)]}");
    }

    [Fact]
    public async Task Huge_page_sizes_are_capped_and_deep_pages_are_empty()
    {
        var json = await GetJsonAsync("/api/v1/search?q=&pageSize=100000");
        Assert.Equal(50, json.GetProperty("pageSize").GetInt32());
        json = await GetJsonAsync("/api/v1/search?q=&page=100000&pageSize=50");
        Assert.Equal(0, json.GetProperty("items").GetArrayLength());
        var (status, _) = await GetAsync("/tim-kiem?trang=100000");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Healthz_checks_the_index()
    {
        var (status, body) = await GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body);
    }

    [Fact]
    public async Task New_content_becomes_searchable_while_the_site_runs()
    {
        // Its own site: the shared one promises the other tests exactly its three exemplars.
        using var own = new SearchSite();
        await own.InitializeAsync();
        await using (var db = own.CreateDb("nhap-lieu:moi.xlsx"))
        {
            var movement = await db.Movements.FirstAsync();
            var agency = await db.Agencies.FirstAsync();
            db.Exemplars.Add(new Exemplar
            {
                AgencyId = agency.Id, MovementId = movement.Id, Code = "HS-NEW", Kind = ExemplarKind.Model,
                Name = "Mô hình thắp sáng đường quê", Slug = "mo-hinh-thap-sang-duong-que", NameKey = "mo hinh thap sang duong que",
                Status = ContentStatus.Published, PublishedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        await own.WaitForSearchAsync("/api/v1/search?q=thap+sang+duong+que", json => json.GetProperty("total").GetInt32() == 1);
    }
}

/// <summary>The search settings in the README's table reach the running site.</summary>
public sealed class SearchSettingsTests
{
    [Fact]
    public void Result_cache_size_and_poll_interval_come_from_the_site_configuration()
    {
        using (var site = new SiteFactory(demoContent: false))
        using (var configured = site.WithWebHostBuilder(b =>
        {
            b.UseSetting("GuongSang:Search:ResultCacheSize", "0");
            b.UseSetting("GuongSang:Search:PollInterval", "00:00:05");
        }))
        {
            var options = configured.Services.GetRequiredService<GuongSang.Search.Indexing.SearchOptions>();
            Assert.Equal((0, TimeSpan.FromSeconds(5)), (options.ResultCacheSize, options.PollInterval));
        }
        using var defaults = new SiteFactory(demoContent: false);
        var standard = defaults.Services.GetRequiredService<GuongSang.Search.Indexing.SearchOptions>();
        Assert.Equal((500, TimeSpan.FromSeconds(2)), (standard.ResultCacheSize, standard.PollInterval));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    public void A_poll_interval_of_zero_or_less_is_refused_at_start_naming_the_setting(string value)
    {
        using var site = new SiteFactory(demoContent: false);
        using var configured = site.WithWebHostBuilder(b => b.UseSetting("GuongSang:Search:PollInterval", value));
        var thrown = Assert.ThrowsAny<Exception>(() => configured.CreateClient());
        var refusal = Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(thrown.GetBaseException());
        Assert.Contains("GuongSang:Search:PollInterval phải lớn hơn 0", refusal.Message, StringComparison.Ordinal);
    }
}
