using System.Globalization;
using GuongSang.Content.Model;
using GuongSang.Content.Text;
using GuongSang.Content.Workflow;
using GuongSang.Web.Manager.Editing;
using Microsoft.AspNetCore.Mvc;

namespace GuongSang.Web.Manager;

/// <summary>
/// The exemplar pages of the manager (/quan-tri/dien-hinh): list, new, edit with the workflow steps the person may
/// take. Plain forms that work without script; every change goes through <see cref="ExemplarEditor"/>.
/// </summary>
[RequirePermission(Permission.UseManager)]
[AutoValidateAntiforgeryToken]
public sealed class ManagerExemplarsController(ExemplarEditor editor) : Controller
{
    public const string Path = ManagerServiceExtensions.ManagerPath + "/dien-hinh";

    /// <summary>Spare recognition rows on the form, so decisions are added without script.</summary>
    public const int BlankRecognitionRows = 3;

    private ContentAccess Access => new(User);

    [HttpGet(Path)]
    public async Task<IActionResult> Index(
        [FromQuery(Name = "trang-thai")] string? status, [FromQuery(Name = "q")] string? search, [FromQuery(Name = "trang")] int page = 1,
        CancellationToken ct = default)
    {
        var filter = WorkflowVerbs.ParseStatus(status);
        var (items, total) = await editor.ListAsync(Access, filter, search, page, ct);
        var pageCount = Math.Max(1, (total + ExemplarEditor.PageSize - 1) / ExemplarEditor.PageSize);
        return View(new ExemplarListPage(items, total, Math.Max(page, 1), pageCount, filter is null ? null : status, search?.Trim(), Access.MayCreate));
    }

    [HttpGet(Path + "/moi")]
    public async Task<IActionResult> New(CancellationToken ct)
    {
        if (!Access.MayCreate) return Forbid();
        return View("Edit", await PageAsync(null, new ExemplarInput { Recognitions = [] }, null, ct));
    }

    [HttpPost(Path + "/moi")]
    public async Task<IActionResult> Create([FromForm] ExemplarInput input, [FromForm(Name = "ThemBaiViet")] string? addArticles, CancellationToken ct)
    {
        var errors = FormArticles(input, addArticles);
        var outcome = errors.Count > 0 ? new EditOutcome(EditStatus.Invalid, null, errors, []) : await editor.CreateAsync(Access, input, ct);
        return outcome.Status switch
        {
            EditStatus.Saved => Redirect($"{Path}/{outcome.Item!.Id}?da=tao"),
            EditStatus.Forbidden => Forbid(),
            _ => Refused(View("Edit", await PageAsync(null, input, outcome, ct))),
        };
    }

    [HttpGet(Path + "/{id:int}")]
    public async Task<IActionResult> Edit(int id, [FromQuery(Name = "da")] string? done, CancellationToken ct)
    {
        if (await editor.FindAsync(Access, id, ct) is not { } exemplar) return NotFound();
        var notice = done switch
        {
            "tao" => "Đã tạo bản nháp.",
            "anh" => "Đã thêm ảnh.",
            _ when WorkflowVerbs.FromPage(done) is { } action => ExemplarTexts.Done(action, exemplar.Status),
            _ => null,
        };
        return View(await PageAsync(exemplar, InputOf(exemplar, await editor.RelatedArticlesAsync(Access, id, ct)), null, ct, notice));
    }

    [HttpPost(Path + "/{id:int}")]
    public async Task<IActionResult> Update(int id, [FromForm] ExemplarInput input, [FromForm(Name = "ThemBaiViet")] string? addArticles, CancellationToken ct)
    {
        var errors = FormArticles(input, addArticles);
        var outcome = errors.Count > 0 ? new EditOutcome(EditStatus.Invalid, null, errors, []) : await editor.UpdateAsync(Access, id, input, ct);
        switch (outcome.Status)
        {
            case EditStatus.NotFound: return NotFound();
            case EditStatus.Forbidden: return Forbid();
            case EditStatus.Saved:
                // Shown on this answer, not after a redirect: the person reads what was hidden in what they typed.
                var saved = outcome.Item!;
                return View("Edit", await PageAsync(saved, InputOf(saved, await editor.RelatedArticlesAsync(Access, id, ct)), outcome, ct, "Đã lưu."));
        }
        var stored = await editor.FindAsync(Access, id, ct);
        if (stored is null) return NotFound();
        // A conflict keeps everything typed and now starts from the version the other person saved: saving again is a
        // deliberate choice made with both versions in view.
        if (outcome.Status == EditStatus.Conflict) input.Version = stored.Version;
        return Refused(View("Edit", await PageAsync(stored, input, outcome, ct)));
    }

    [HttpPost(Path + "/{id:int}/anh")]
    [RequestSizeLimit(ExemplarEditor.MaxPhotoBytes + (1 << 20))]
    [RequestFormLimits(MultipartBodyLengthLimit = ExemplarEditor.MaxPhotoBytes + (1 << 20))]
    public async Task<IActionResult> AddPhoto(int id, IFormFile? photo, [FromForm] string? alt, [FromForm] int version, CancellationToken ct)
    {
        EditOutcome outcome;
        if (photo is null || photo.Length == 0)
        {
            outcome = new EditOutcome(EditStatus.Invalid, null, new Dictionary<string, string> { ["Photo"] = "Hãy chọn một tệp ảnh." }, []);
        }
        else
        {
            using var buffer = new MemoryStream();
            await photo.CopyToAsync(buffer, ct);
            outcome = await editor.AddPhotoAsync(Access, id, version, buffer.ToArray(), photo.FileName, alt, ct);
        }
        if (outcome.Status == EditStatus.Saved && outcome.Redacted.Count == 0) return Redirect($"{Path}/{id}?da=anh");
        return await StoredPageAsync(id, outcome, outcome.Status == EditStatus.Saved ? "Đã thêm ảnh." : null, ct);
    }

    [HttpPost(Path + "/{id:int}/{verb:regex(" + WorkflowVerbs.PagePattern + ")}")]
    public async Task<IActionResult> Step(
        int id, string verb, [FromForm(Name = "LyDo")] string? reason, [FromForm(Name = "HenGio")] string? at, CancellationToken ct)
    {
        var action = WorkflowVerbs.FromPage(verb)!.Value;
        DateTime? when = null;
        if (action == WorkflowAction.Publish && !string.IsNullOrWhiteSpace(at))
        {
            if (!DateTime.TryParseExact(at, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                return await StoredPageAsync(id, new EditOutcome(EditStatus.Invalid, null,
                    new Dictionary<string, string> { ["At"] = "Giờ đăng không hợp lệ: hãy chọn ngày và giờ (giờ Việt Nam)." }, []), null, ct);
            }
            // Entered in Vietnam time, stored in UTC.
            when = DateTime.SpecifyKind(local - VietnamTime.Offset, DateTimeKind.Utc);
        }
        var outcome = await editor.TakeAsync(Access, id, action, when, reason, ct);
        return outcome.Status switch
        {
            EditStatus.Saved => Redirect($"{Path}/{id}?da={verb}"),
            EditStatus.NotFound => NotFound(),
            EditStatus.Forbidden => Forbid(),
            _ => await StoredPageAsync(id, outcome, null, ct),
        };
    }

    /// <summary>The edit page of the stored exemplar with an outcome's messages (a refused step, a photo).</summary>
    private async Task<IActionResult> StoredPageAsync(int id, EditOutcome outcome, string? notice, CancellationToken ct)
    {
        if (outcome.Status == EditStatus.NotFound || await editor.FindAsync(Access, id, ct) is not { } stored) return NotFound();
        if (outcome.Status == EditStatus.Forbidden) return Forbid();
        var page = View("Edit", await PageAsync(stored, InputOf(stored, await editor.RelatedArticlesAsync(Access, id, ct)), outcome, ct, notice));
        return outcome.Status == EditStatus.Saved ? page : Refused(page);
    }

    private static ViewResult Refused(ViewResult view)
    {
        view.StatusCode = view.Model is ExemplarEditPage { Conflict: not null } ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return view;
    }

    /// <summary>
    /// The form's related articles: the ticked ones (none ticked sends nothing, which means none) and the numbers
    /// typed to add, "12, 15".
    /// </summary>
    private static Dictionary<string, string> FormArticles(ExemplarInput input, string? addArticles)
    {
        var errors = new Dictionary<string, string>();
        input.ArticleIds ??= [];
        foreach (var part in (addArticles ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var articleId)) input.ArticleIds.Add(articleId);
            else errors[nameof(input.ArticleIds)] = $"\"{part}\" không phải số bài viết.";
        }
        return errors;
    }

    private static ExemplarInput InputOf(Exemplar e, IReadOnlyList<Article> articles) => new()
    {
        Agency = e.Agency.Code,
        Code = e.Code,
        Name = e.Name,
        Kind = Texts.KindCode(e.Kind),
        Gender = e.Gender,
        BirthYear = e.BirthYear?.ToString(CultureInfo.InvariantCulture),
        Ethnicity = e.Ethnicity,
        Position = e.Position,
        Address = e.AddressAsRecognised,
        Province = e.Province?.Slug,
        Field = e.Field,
        Movement = e.Movement.Slug,
        Summary = e.Summary,
        Body = e.Body,
        PrivateContact = e.PrivateContact,
        Recognitions = [.. e.Recognitions.OrderBy(r => r.Id).Select(r => new RecognitionInput
        {
            Id = r.Id, Award = r.Award, DecisionNumber = r.DecisionNumberAsWritten ?? r.DecisionNumber, DecisionDate = VietnamTime.Date(r.DecisionDate),
            Issuer = r.Issuer, Level = ExemplarCodes.Level(r.Level), Posthumous = r.Posthumous,
        })],
        Photos = [.. e.Photos.OrderBy(p => p.SortOrder).Select(p => new PhotoInput { MediaId = p.MediaId, Alt = p.Media.AltText })],
        ArticleIds = [.. articles.Select(a => a.Id)],
        Version = e.Version,
    };

    private async Task<ExemplarEditPage> PageAsync(Exemplar? stored, ExemplarInput input, EditOutcome? outcome, CancellationToken ct, string? notice = null)
    {
        var access = Access;
        var rows = input.Recognitions ?? [];
        // Spare rows for new decisions; rows already typed (even refused ones) stay as typed.
        var blank = Math.Max(0, BlankRecognitionRows - rows.Count(r => r.Id is null && r.IsBlank));
        input.Recognitions = [.. rows, .. Enumerable.Range(0, blank).Select(_ => new RecognitionInput())];
        var actions = stored is null ? [] : Enum.GetValues<WorkflowAction>()
            .Where(a => ContentWorkflow.CanTake(stored.Status, a) && access.MayTake(a, stored)).ToList();
        var articles = stored is null ? [] : await editor.RelatedArticlesAsync(access, stored.Id, ct);
        return new ExemplarEditPage(
            stored, input, outcome?.Errors ?? new Dictionary<string, string>(), notice, outcome?.Redacted ?? [],
            outcome?.Status == EditStatus.Conflict ? outcome.Item : null,
            await editor.MovementsAsync(ct), await editor.ProvincesAsync(ct), stored is null ? await editor.AgenciesAsync(access, ct) : [],
            articles, actions, stored is null || access.MayEdit(stored), access.AgencyCode is null);
    }
}

public sealed record ExemplarListPage(
    IReadOnlyList<Exemplar> Items, int Total, int Page, int PageCount, string? Status, string? Search, bool MayCreate)
{
    public string PageUrl(int page) => ManagerExemplarsController.Path + QueryString.Create(
        new Dictionary<string, string?>
        {
            ["trang-thai"] = Status, ["q"] = Search, ["trang"] = page.ToString(CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value)));
}

/// <summary>
/// The new/edit page: the form as typed (or as stored), errors per field, what was redacted, and on a conflict the
/// version someone else saved, shown beside the person's own.
/// </summary>
public sealed record ExemplarEditPage(
    Exemplar? Stored, ExemplarInput Input, IReadOnlyDictionary<string, string> Errors, string? Notice, IReadOnlyList<string> Redacted,
    Exemplar? Conflict, IReadOnlyList<Movement> Movements, IReadOnlyList<Locality> Provinces, IReadOnlyList<Agency> Agencies,
    IReadOnlyList<Article> Articles, IReadOnlyList<WorkflowAction> Actions, bool MayEdit, bool ChoosesAgency)
{
    public string? Error(string field) => Errors.TryGetValue(field, out var e) ? e : null;

    public string Action => Stored is null ? ManagerExemplarsController.Path + "/moi" : $"{ManagerExemplarsController.Path}/{Stored.Id}";
}
