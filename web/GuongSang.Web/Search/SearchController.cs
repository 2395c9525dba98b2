using GuongSang.Search.Searching;
using GuongSang.Web.Controllers;
using Microsoft.AspNetCore.Mvc;

namespace GuongSang.Web.Search;

/// <summary>/tim-kiem: the search page, a plain GET form that works without JavaScript.</summary>
public sealed class SearchController(SearchService search) : SiteController
{
    [HttpGet("/tim-kiem")]
    public IActionResult Index(
        string? q,
        [FromQuery(Name = "phong-trao")] string? movement,
        [FromQuery(Name = "loai")] string? kind,
        [FromQuery(Name = "dia-phuong")] string? province,
        [FromQuery(Name = "nam")] string? year,
        [FromQuery(Name = "co-quan")] string? agency,
        int trang = 1)
    {
        var filters = new SearchFilters(q, movement, kind, province, year, agency);
        var result = search.Search(new SearchRequest(q, movement, kind, province, year, agency, trang, SearchService.DefaultPageSize));
        // Related articles only on the first page of a search with words.
        var articles = trang == 1 ? search.SearchArticles(q) : [];
        return View(SearchPage.From(filters, result, articles));
    }
}
