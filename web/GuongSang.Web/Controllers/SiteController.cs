using GuongSang.Web.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GuongSang.Web.Controllers;

/// <summary>Public pages: read a view model from <see cref="SiteContent"/>, render it.</summary>
public abstract class SiteController : Controller
{
    /// <summary>A malformed or out-of-range parameter (?trang=abc, ?trang=0) is the reader's error: 400, never 500.</summary>
    public override void OnActionExecuting(ActionExecutingContext context)
    {
        var badPage = context.ActionArguments.TryGetValue("trang", out var page) && page is int p && p < 1;
        if (!ModelState.IsValid || badPage) context.Result = StatusCode(StatusCodes.Status400BadRequest);
    }

    protected IActionResult PermanentRedirectTo(string path) => RedirectPermanent(path + Request.QueryString);

    /// <summary>
    /// A story that is not public: a withdrawn one keeps its URL and shows its notice (200), anything else
    /// (draft, in review, scheduled) does not exist for a reader.
    /// </summary>
    protected IActionResult WithdrawnOrNotFound(WithdrawnPage? notice, string? slug) =>
        notice is null ? NotFound()
        : slug == notice.Story.Slug ? View("Withdrawn", notice)
        : PermanentRedirectTo(notice.Url);
}

public sealed class HomeController(SiteContent content) : SiteController
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await content.GetHomeAsync(ct));
}

public sealed class MovementsController(SiteContent content) : SiteController
{
    [HttpGet("/phong-trao")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await content.GetMovementsAsync(ct));

    [HttpGet("/phong-trao/{slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken ct, int trang = 1)
    {
        var page = await content.GetMovementAsync(slug, trang, ct);
        return page is null ? NotFound() : View(page);
    }
}

public sealed class ExemplarsController(SiteContent content) : SiteController
{
    /// <summary>The numeric id is permanent; any other slug answers 301 to the current one.</summary>
    [HttpGet("/guong-sang/{id:int}/{slug?}")]
    public async Task<IActionResult> Show(int id, string? slug, CancellationToken ct)
    {
        var page = await content.GetExemplarAsync(id, ct);
        if (page is null) return WithdrawnOrNotFound(await content.GetWithdrawnExemplarAsync(id, ct), slug);
        return slug == page.Exemplar.Slug ? View(page) : PermanentRedirectTo(page.Url);
    }
}

public sealed class ArticlesController(SiteContent content) : SiteController
{
    [HttpGet("/bai-viet")]
    public async Task<IActionResult> Index(CancellationToken ct, int trang = 1) => View(await content.GetArticlesAsync(trang, ct));

    [HttpGet("/bai-viet/{id:int}/{slug?}")]
    public async Task<IActionResult> Show(int id, string? slug, CancellationToken ct)
    {
        var page = await content.GetArticleAsync(id, ct);
        if (page is null) return WithdrawnOrNotFound(await content.GetWithdrawnArticleAsync(id, ct), slug);
        return slug == page.Slug ? View(page) : PermanentRedirectTo(Paths.Article(page.Id, page.Slug));
    }
}

public sealed class ProvincesController(SiteContent content) : SiteController
{
    [HttpGet("/dia-phuong")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await content.GetProvincesAsync(ct));

    /// <summary>An old province (before 1 July 2025) answers 301 to the province it is now part of.</summary>
    [HttpGet("/dia-phuong/{slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken ct, int trang = 1)
    {
        var (page, redirectSlug) = await content.GetProvinceAsync(slug, trang, ct);
        if (redirectSlug is not null) return PermanentRedirectTo(Paths.Province(redirectSlug));
        return page is null ? NotFound() : View(page);
    }
}

public sealed class ErrorsController : Controller
{
    /// <summary>Vietnamese error pages, re-executed for any status without a body.</summary>
    [Route("/loi/{code:int}")]
    public IActionResult Status(int code)
    {
        Response.StatusCode = code is >= 400 and <= 599 ? code : 500;
        return View(Response.StatusCode);
    }
}
