using GuongSang.Content.Text;
using GuongSang.Search.Searching;
using GuongSang.Web.Api;
using GuongSang.Web.Site;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GuongSang.Web.Search;

public sealed record SearchPhotoDto(string Url, int Width, int Height);

public sealed record SearchItemDto(
    int Id, string Code, string Name, string Kind, string Movement, string? Province, string Url, string Snippet,
    SearchPhotoDto? Photo, DateTime? PublishedAt);

public sealed record FacetValueDto(string Value, string Label, int Count);

/// <summary>interfaces.md's search result, plus page, pageSize and the spelling suggestion when one was used.</summary>
public sealed record SearchResultDto(
    int Total, int Page, int PageSize, IReadOnlyList<SearchItemDto> Items,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValueDto>> Facets, string? Suggestion);

public static class SearchApi
{
    /// <summary>GET /api/v1/search?q=&amp;movement=&amp;kind=&amp;province=&amp;year=&amp;agency=&amp;page=&amp;pageSize=</summary>
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").WithTags("search").MapGet("/search", Search);
        return app;
    }

    private static Results<Ok<SearchResultDto>, ProblemHttpResult> Search(
        SearchService search, string? q = null, string? movement = null, string? kind = null, string? province = null,
        string? year = null, string? agency = null, string? page = null, string? pageSize = null)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = DeliveryApi.ParsePage(page, pageSize, SearchService.DefaultPageSize, SearchService.MaxPageSize, errors);
        DeliveryApi.ParseKind(kind, errors);
        DeliveryApi.ParseYear(year, errors);
        if (errors.Count > 0) return DeliveryApi.ValidationProblem(errors);

        var result = search.Search(new SearchRequest(q, movement, kind, province, year, agency, paging.Number, paging.Size));
        return TypedResults.Ok(new SearchResultDto(
            result.Total, result.Page, result.PageSize,
            [.. result.Items.Select(h => new SearchItemDto(
                h.Id, h.Code, h.Name, h.Kind, h.MovementName, h.ProvinceName, Paths.Exemplar(h.Id, h.Slug), h.SnippetHtml,
                h.PhotoUrl is null ? null : new SearchPhotoDto(h.PhotoUrl, h.PhotoWidth, h.PhotoHeight), h.PublishedAt))],
            result.Facets.ToDictionary(f => f.Key, IReadOnlyList<FacetValueDto> (f) => [.. f.Value.Select(v => new FacetValueDto(v.Value, v.Label, v.Count))]),
            result.Suggestion));
    }
}
