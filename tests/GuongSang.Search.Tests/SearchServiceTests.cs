using GuongSang.Search.Indexing;
using GuongSang.Search.Searching;

namespace GuongSang.Search.Tests;

public sealed class SearchServiceTests : IDisposable
{
    private readonly TestIndex _index = new(
    [
        TestIndex.Document(1, "Anh Trần Văn Đức", "Anh Đức đã 42 lần hiến máu tình nguyện. Ông <b>\"Đức\"</b> & bạn bè hiến máu.", kind: "individual", movement: "hien-mau", province: "gia-lai", years: [2023, 2024]),
        TestIndex.Document(2, "Tổ hòa giải thôn Phú Thượng", "Tổ hòa giải hoà giải thành công 37 vụ việc.", kind: "collective", movement: "dan-van-kheo", province: "gia-lai", years: [2024]),
        TestIndex.Document(3, "Câu lạc bộ hiến máu Tân Phú", "Câu lạc bộ hiến máu có 120 thành viên.", kind: "collective", movement: "hien-mau", province: "ha-noi", years: [2025], agency: "tinh-doan"),
        TestIndex.Document(4, "Hợp tác xã hoa lan", "Trồng hoa lan giúp thoát nghèo.", kind: "model", movement: "nong-thon-moi", province: "lam-dong", years: [2025]),
    ],
    [
        new ArticleDocument(9, "Lan tỏa phong trào hiến máu", "lan-toa", "Hàng nghìn đoàn viên tham gia ngày hội hiến máu.", "hiến máu", new DateTime(2026, 1, 1)),
    ]);

    public void Dispose() => _index.Dispose();

    private SearchResult Search(string? q, string? movement = null, string? kind = null, string? province = null, string? year = null, int page = 1, int pageSize = 20) =>
        _index.Service.Search(new SearchRequest(q, movement, kind, province, year, null, page, pageSize));

    [Fact]
    public void Empty_query_lists_the_latest_first()
    {
        var result = Search("");
        Assert.Equal(4, result.Total);
        Assert.Equal([4, 3, 2, 1], result.Items.Select(i => i.Id));
    }

    [Fact]
    public void Articles_are_searched_apart_from_exemplars()
    {
        var articles = _index.Service.SearchArticles("hien mau");
        var article = Assert.Single(articles);
        Assert.Equal((9, "Lan tỏa phong trào hiến máu"), (article.Id, article.Title));
        Assert.Contains("<mark>hiến</mark> <mark>máu</mark>", article.SnippetHtml);
        Assert.DoesNotContain(Search("hien mau").Items, i => i.Id == 9);
        Assert.Empty(_index.Service.SearchArticles(""));
    }

    [Fact]
    public void Facets_count_each_value_over_the_results()
    {
        var result = Search("hien mau");
        Assert.Equal(2, result.Total);
        var movement = result.Facets["movement"].Single();
        Assert.Equal(("hien-mau", 2), (movement.Value, movement.Count));
        Assert.Equal(2, result.Facets["kind"].Count);
        Assert.Equal(["2025", "2024", "2023"], result.Facets["year"].Select(v => v.Value));
    }

    [Fact]
    public void Filters_combine_and_a_filtered_dimension_still_counts_its_other_values()
    {
        var result = Search("", province: "gia-lai", kind: "collective");
        Assert.Equal([2], result.Items.Select(i => i.Id));
        // Kind counts ignore the kind filter (but keep the province filter): individual 1, collective 1.
        Assert.Equal(2, result.Facets["kind"].Count);
        Assert.True(result.Facets["kind"].Single(v => v.Value == "collective").Selected);
        Assert.Equal(1, result.Facets["province"].Single(v => v.Value == "gia-lai").Count);

        Assert.Equal([3], Search("", year: "2025", movement: "hien-mau").Items.Select(i => i.Id));
        Assert.Empty(Search("hoa lan", movement: "hien-mau").Items);
    }

    [Fact]
    public void Snippet_marks_words_matched_with_or_without_diacritics_and_escapes_html()
    {
        var hit = Search("hiến mau duc").Items.Single(i => i.Id == 1);
        Assert.True(hit.SnippetHtml.Contains("<mark>hiến</mark> <mark>máu</mark>", StringComparison.Ordinal), hit.SnippetHtml);
        Assert.Contains("<mark>Đức</mark>", hit.SnippetHtml);
        Assert.Contains("&lt;b&gt;&quot;<mark>Đức</mark>&quot;&lt;/b&gt; &amp;", hit.SnippetHtml);
        Assert.DoesNotContain("<b>", hit.SnippetHtml);

        var old = Search("hòa giải").Items.Single();
        Assert.Contains("<mark>hòa</mark> <mark>giải</mark>", old.SnippetHtml);
        Assert.Contains("<mark>hoà</mark> <mark>giải</mark>", old.SnippetHtml);
    }

    [Fact]
    public void A_misspelt_query_that_finds_nothing_falls_back_to_the_nearest_words_and_says_so()
    {
        var result = Search("hien mauu");
        Assert.Equal("hien máu", result.Suggestion);
        Assert.Equal([1, 3], result.Items.Select(i => i.Id).Order());
        Assert.Null(Search("hien mau").Suggestion);
    }

    [Theory]
    [InlineData("\"hiến máu")]
    [InlineData("hiến máu\"")]
    [InlineData("hiến AND máu")]
    [InlineData("hiến* máu~")]
    [InlineData("(hiến) [máu] {} ^2 : \\ /")]
    [InlineData("hiến máu 🩸🙂")]
    public void Odd_input_is_read_as_words(string q) => Assert.Contains(Search(q).Items, i => i.Id == 1);

    [Theory]
    [InlineData("!!! ??? ...")]
    [InlineData("🙂🙂🙂")]
    [InlineData("*")]
    [InlineData("~")]
    [InlineData("AND")]
    [InlineData("\"")]
    public void Input_without_words_does_not_fail(string q)
    {
        var result = Search(q);
        Assert.NotNull(result);
    }

    [Fact]
    public void A_very_long_query_does_not_fail()
    {
        var q = string.Concat(Enumerable.Repeat("hiến máu tình nguyện ", 50))[..1000];
        Assert.Equal(1000, q.Length);
        Assert.Contains(Search(q).Items, i => i.Id == 1);
    }

    [Fact]
    public void Paging_is_capped_and_deep_pages_are_empty()
    {
        var result = Search("", pageSize: 100000);
        Assert.Equal(SearchService.MaxPageSize, result.PageSize);
        Assert.Equal(2, Search("", page: 2, pageSize: 2).Items.Count);
        var deep = Search("", page: 1_000_000, pageSize: 50);
        Assert.Empty(deep.Items);
        Assert.Equal(4, deep.Total);
    }
}
