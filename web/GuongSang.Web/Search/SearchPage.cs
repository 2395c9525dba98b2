using GuongSang.Search.Searching;
using GuongSang.Web.Site;
using Microsoft.AspNetCore.WebUtilities;

namespace GuongSang.Web.Search;

/// <summary>The search page's filters as they appear in its URL (/tim-kiem?q=…&amp;phong-trao=…), so a search can be shared.</summary>
public sealed record SearchFilters(string? Query, string? Movement, string? Kind, string? Province, string? Year, string? Agency)
{
    /// <summary>URL parameter of each facet dimension of <see cref="SearchService.Dimensions"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Parameters = new Dictionary<string, string>
    {
        ["movement"] = "phong-trao",
        ["kind"] = "loai",
        ["province"] = "dia-phuong",
        ["year"] = "nam",
        ["agency"] = "co-quan",
    };

    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>
    {
        ["movement"] = "Phong trào",
        ["kind"] = "Loại điển hình",
        ["province"] = "Địa phương",
        ["year"] = "Năm khen thưởng",
        ["agency"] = "Cơ quan giới thiệu",
    };

    public string? Get(string dimension) => dimension switch
    {
        "movement" => Movement,
        "kind" => Kind,
        "province" => Province,
        "year" => Year,
        "agency" => Agency,
        _ => null,
    };

    public SearchFilters With(string dimension, string? value) => dimension switch
    {
        "movement" => this with { Movement = value },
        "kind" => this with { Kind = value },
        "province" => this with { Province = value },
        "year" => this with { Year = value },
        "agency" => this with { Agency = value },
        _ => this,
    };

    public bool HasFilters => Parameters.Keys.Any(d => !string.IsNullOrWhiteSpace(Get(d)));

    public string Url(int page = 1)
    {
        var query = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(Query)) query["q"] = Query;
        foreach (var (dimension, parameter) in Parameters)
        {
            if (Get(dimension) is { Length: > 0 } value) query[parameter] = value;
        }
        if (page > 1) query["trang"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(Paths.Search, query);
    }
}

public sealed record SearchItemView(SearchHit Hit, string Url, string KindLabel);

public sealed record ArticleLink(string Title, string Url, string SnippetHtml);

public sealed record FacetLink(string Label, int Count, bool Selected, string Url);

public sealed record FacetGroup(string Title, IReadOnlyList<FacetLink> Links);

public sealed record SearchPage(
    SearchFilters Filters, SearchResult Result, IReadOnlyList<SearchItemView> Items, IReadOnlyList<FacetGroup> Facets,
    IReadOnlyList<(string Name, string Value)> HiddenFilters, string? SuggestionUrl, string? PreviousUrl, string? NextUrl,
    int PageCount, string ClearFiltersUrl, IReadOnlyList<ArticleLink> Articles)
{
    /// <summary>Builds the page's view model: every link it shows is made here, the view only renders.</summary>
    public static SearchPage From(SearchFilters filters, SearchResult result, IReadOnlyList<ArticleHit> articles)
    {
        var items = result.Items
            .Select(h => new SearchItemView(h, Paths.Exemplar(h.Id, h.Slug),
                Content.Text.Texts.TryParseKindCode(h.Kind, out var kind) ? Content.Text.Texts.Kind(kind) : h.Kind))
            .ToList();
        var facets = new List<FacetGroup>();
        foreach (var (dimension, _) in SearchService.Dimensions)
        {
            var values = result.Facets.GetValueOrDefault(dimension) ?? [];
            if (values.Count == 0) continue;
            facets.Add(new FacetGroup(SearchFilters.Titles[dimension], [.. values.Take(30).Select(v => new FacetLink(
                dimension == "kind" && Content.Text.Texts.TryParseKindCode(v.Value, out var k) ? Content.Text.Texts.Kind(k) : v.Label,
                v.Count, v.Selected, filters.With(dimension, v.Selected ? null : v.Value).Url()))]));
        }
        var hidden = SearchFilters.Parameters
            .Where(p => !string.IsNullOrWhiteSpace(filters.Get(p.Key)))
            .Select(p => (p.Value, filters.Get(p.Key)!)).ToList();
        var pageCount = Math.Max(1, (int)Math.Ceiling(Math.Min(result.Total, SearchService.MaxResultWindow) / (double)result.PageSize));
        return new SearchPage(
            filters, result, items, facets, hidden,
            result.Suggestion is null ? null : (filters with { Query = result.Suggestion }).Url(),
            Pager.Previous(result.Page, pageCount) is { } previous ? filters.Url(previous) : null,
            result.Page < pageCount ? filters.Url(result.Page + 1) : null,
            pageCount,
            new SearchFilters(filters.Query, null, null, null, null, null).Url(),
            [.. articles.Select(a => new ArticleLink(a.Title, Paths.Article(a.Id, a.Slug), a.SnippetHtml))]);
    }
}
