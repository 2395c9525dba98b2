using System.Globalization;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using GuongSang.Content.Workflow;
using GuongSang.Web.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Manager.Editing;

/// <summary>
/// Articles in the manager (/quan-tri/bai-viet): list, write, preview, add a photo, save, and the workflow steps.
/// Every action is a plain form post; the preview script only spares a page load.
/// </summary>
[RequirePermission(Permission.UseManager)]
[AutoValidateAntiforgeryToken]
public sealed class ManagerArticlesController(ArticleEditor editor, SiteContent site, ArticlePhotos photos) : Controller
{
    public const int PageSize = 25;

    /// <summary>Sent by the preview script: answer with the preview pane alone, not the whole page.</summary>
    public const string FragmentHeader = "X-Xem-Truoc";

    private ContentAccess Access => new(User);

    [HttpGet(ArticlePaths.List)]
    public async Task<IActionResult> Index([FromQuery(Name = ArticleListPage.StatusParameter)] string? status, [FromQuery(Name = "trang")] int page = 1, CancellationToken ct = default)
    {
        var query = editor.Visible(Access);
        var filter = WorkflowVerbs.ParseStatus(status);
        if (filter is { } s) query = query.Where(a => a.Status == s);
        page = Math.Max(1, page);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Select(a => new ArticleRow(a.Id, a.Title, a.Status, a.CreatedBy, a.Agency == null ? null : a.Agency.Code, a.CreatedAt, a.UpdatedAt))
            .ToPageAsync(new PageRequest(page, PageSize), total, ct);
        return View(new ArticleListPage(rows, filter, page, Math.Max(1, (total + PageSize - 1) / PageSize), total, Access.MayCreate));
    }

    [HttpGet(ArticlePaths.New)]
    public IActionResult New() => Access.MayCreate ? EditView(new ArticleEditPage(new ArticleForm(), null, NoErrors)) : Forbid();

    [HttpPost(ArticlePaths.New)]
    public async Task<IActionResult> Create([FromForm] ArticleForm form, CancellationToken ct)
    {
        if (!Access.MayCreate) return Forbid();
        var (input, exemplarError) = form.ToInput();
        if (exemplarError is not null) return Invalid(new ArticleEditPage(form, null, WithExemplarError(NoErrors, exemplarError)));
        var result = await editor.CreateAsync(Access, input, ct);
        if (result.Outcome == EditStatus.Forbidden) return Forbid();
        if (result.Outcome == EditStatus.Saved) return Redirect(ArticlePaths.Edit(result.Article!.Id) + "?da-luu=1");
        return Invalid(new ArticleEditPage(form, null, result.Errors));
    }

    [HttpGet(ArticlePaths.List + "/{id:int}")]
    public async Task<IActionResult> Edit(int id, [FromQuery(Name = "da-luu")] int? saved, CancellationToken ct)
    {
        var article = await editor.FindAsync(Access, id, ct);
        if (article is null) return NotFound();
        return EditView(Page(ArticleForm.Of(article), article, NoErrors) with { Notice = saved is null ? null : "Đã lưu." });
    }

    [HttpPost(ArticlePaths.List + "/{id:int}")]
    public async Task<IActionResult> Save(int id, [FromForm] ArticleForm form, CancellationToken ct)
    {
        var (input, exemplarError) = form.ToInput();
        if (exemplarError is not null)
        {
            var found = await editor.FindAsync(Access, id, ct);
            return found is null ? NotFound() : Invalid(Page(form, found, WithExemplarError(NoErrors, exemplarError)));
        }
        var result = await editor.UpdateAsync(Access, id, input, ct);
        switch (result.Outcome)
        {
            case EditStatus.NotFound: return NotFound();
            case EditStatus.Forbidden: return Forbid();
            case EditStatus.Saved: return Redirect(ArticlePaths.Edit(id) + "?da-luu=1");
            case EditStatus.Conflict when result.Current is { } current:
                // Theirs as saved now, and the person's own text as typed; saving again (with the new version) keeps theirs out.
                Response.StatusCode = StatusCodes.Status409Conflict;
                form.Version = current.Version;
                return EditView(Page(form, current, result.Errors) with { Theirs = ArticleForm.Of(current) });
            case EditStatus.Conflict: return NotFound();
            default: return Invalid(Page(form, result.Article!, result.Errors));
        }
    }

    [HttpPost(ArticlePaths.List + "/{id:int}/{verb:regex(" + WorkflowVerbs.PagePattern + ")}")]
    public async Task<IActionResult> Step(int id, string verb, [FromForm] int? version, [FromForm] string? at, [FromForm] string? reason, CancellationToken ct)
    {
        var action = WorkflowVerbs.FromPage(verb)!.Value;
        DateTime? when = null;
        if (action == WorkflowAction.Publish && !string.IsNullOrWhiteSpace(at))
        {
            if (!DateTime.TryParseExact(at, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                var found = await editor.FindAsync(Access, id, ct);
                return found is null ? NotFound() : Invalid(Page(ArticleForm.Of(found), found,
                    new Dictionary<string, string> { ["at"] = $"Ô \"Hẹn giờ đăng\": \"{at}\" không phải ngày giờ (giờ Việt Nam)." }));
            }
            // Entered in Vietnam time, stored in UTC.
            when = DateTime.SpecifyKind(local - VietnamTime.Offset, DateTimeKind.Utc);
        }
        var result = await editor.TakeAsync(Access, id, action, version, when, reason, ct);
        switch (result.Outcome)
        {
            case EditStatus.NotFound: return NotFound();
            case EditStatus.Forbidden: return Forbid();
            case EditStatus.Saved: return Redirect(ArticlePaths.Edit(id));
            case EditStatus.Conflict when result.Current is { } current:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return EditView(Page(ArticleForm.Of(current), current, result.Errors));
            case EditStatus.Conflict: return NotFound();
            default:
                var stored = result.Article!;
                return Invalid(Page(ArticleForm.Of(stored), stored, result.Errors), result.Outcome == EditStatus.WrongState ? StatusCodes.Status409Conflict : null);
        }
    }

    /// <summary>The preview: the body rendered by the public article page's own call, nothing saved.</summary>
    [HttpPost(ArticlePaths.Preview)]
    public async Task<IActionResult> Preview([FromForm] ArticleForm form, CancellationToken ct)
    {
        var html = site.ArticleBodyHtml(form.Id, form.Body);
        if (Request.Headers.ContainsKey(FragmentHeader)) return PartialView("_Preview", new ArticlePreview(form.Title, html));
        return await Reshown(form, page => page with { PreviewHtml = html }, ct);
    }

    /// <summary>A photo for the article: stored like every photo (checked, metadata removed, web versions made); the page gives its Markdown.</summary>
    [HttpPost(ArticlePaths.Photo)]
    [RequestSizeLimit(ArticlePhotos.MaxBytes + (1 << 20))]
    [RequestFormLimits(MultipartBodyLengthLimit = ArticlePhotos.MaxBytes + (1 << 20))]
    public async Task<IActionResult> Photo([FromForm] ArticleForm form, IFormFile? photo, [FromForm] string? alt, CancellationToken ct)
    {
        if (!Access.MayCreate) return Forbid();
        var (markdown, errors) = await photos.AddAsync(photo, alt, Access.Name, ct);
        return await Reshown(form, page => page with { PhotoMarkdown = markdown, Errors = Merge(page.Errors, errors) }, ct,
            errors.Count > 0 ? StatusCodes.Status400BadRequest : null);
    }

    /// <summary>The new or edit page again with the form as typed (a preview, an upload): nothing is saved, nothing typed is lost.</summary>
    private async Task<IActionResult> Reshown(ArticleForm form, Func<ArticleEditPage, ArticleEditPage> with, CancellationToken ct, int? status = null)
    {
        ArticleEditPage page;
        if (form.Id is { } id)
        {
            var article = await editor.FindAsync(Access, id, ct);
            if (article is null) return NotFound();
            page = Page(form, article, NoErrors);
        }
        else
        {
            if (!Access.MayCreate) return Forbid();
            page = new ArticleEditPage(form, null, NoErrors);
        }
        if (status is { } code) Response.StatusCode = code;
        return EditView(with(page));
    }

    private ArticleEditPage Page(ArticleForm form, Article stored, IReadOnlyDictionary<string, string> errors) => new(form, stored, errors)
    {
        Steps = [.. WorkflowVerbs.Actions
            .Where(a => ContentWorkflow.CanTake(stored.Status, a) && Access.MayTake(a, stored))
            .Select(a => new StepButton(a, ArticlePaths.Step(stored.Id, a), char.ToUpperInvariant(ContentWorkflow.ActionName(a)[0]) + ContentWorkflow.ActionName(a)[1..]))],
    };

    private ViewResult Invalid(ArticleEditPage page, int? status = null)
    {
        Response.StatusCode = status ?? StatusCodes.Status400BadRequest;
        return EditView(page);
    }

    private ViewResult EditView(ArticleEditPage page) => View("Edit", page);

    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    private static Dictionary<string, string> WithExemplarError(IReadOnlyDictionary<string, string> errors, string? exemplarError)
    {
        var all = new Dictionary<string, string>(errors);
        if (exemplarError is not null) all["exemplarIds"] = exemplarError;
        return all;
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        var all = new Dictionary<string, string>(a);
        foreach (var (k, v) in b) all[k] = v;
        return all;
    }
}

public sealed record ArticlePreview(string? Title, string BodyHtml);
