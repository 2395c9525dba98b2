using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Content.Review;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using GuongSang.Import.Applying;
using Microsoft.AspNetCore.Mvc;

namespace GuongSang.Web.Manager;

/// <summary>The board's review queue pages (/quan-tri/hang-cho): the list, one item with its actions, and the decision.</summary>
[AutoValidateAntiforgeryToken]
[RequirePermission(Permission.EditAll)]
public sealed class ReviewQueueController(ReviewQueue review, GuongSangDb db, IAuditLog audit) : Controller
{
    public const string Path = ManagerServiceExtensions.ManagerPath + "/hang-cho";

    [HttpGet(Path)]
    public async Task<IActionResult> Index([FromQuery(Name = "da-xu-ly")] string? resolved, CancellationToken ct) =>
        View(new ReviewQueuePage(await review.ListAsync(ct), resolved));

    [HttpGet(Path + "/{id}")]
    public async Task<IActionResult> Show(string id, CancellationToken ct) =>
        await ItemPageAsync(id, null, ct) is { } page ? View(page) : NotFound();

    [HttpPost(Path + "/{id}")]
    public async Task<IActionResult> Resolve(string id, [FromForm] string? action, [FromForm] string? target, [FromForm] string? name, CancellationToken ct)
    {
        var outcome = await ReviewQueueApi.DecideAsync(id, action, target, name, User, review, db, audit, ct);
        if (outcome.Status == ReviewStatus.Done) return Redirect(Path + "?da-xu-ly=" + Uri.EscapeDataString(id));
        if (outcome.Status == ReviewStatus.NotFound || await ItemPageAsync(id, outcome.Error, ct) is not { } page) return NotFound();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Show), page);
    }

    private async Task<ReviewItemPage?> ItemPageAsync(string id, string? error, CancellationToken ct)
    {
        var item = (await review.ListAsync(ct)).Items.FirstOrDefault(i => i.Id == id);
        if (item is null) return null;
        return item.Type switch
        {
            ReviewItemType.Duplicate => await review.DuplicateAsync(int.Parse(id["duplicate-".Length..]), ct) is { } duplicate
                ? new ReviewItemPage(item, Compare(duplicate), [], [], error)
                : null,
            ReviewItemType.Agency => new ReviewItemPage(item, null,
                [.. (await review.ConfirmedAgenciesAsync(ct)).Select(a => (a.Code, a.Name))], [], error),
            _ => new ReviewItemPage(item, null, [], [.. (await review.ConfirmedMovementsAsync(ct)).Select(m => (m.Slug, m.Name))], error),
        };
    }

    /// <summary>The incoming row beside the stored exemplar, field by field; private fields are not among them.</summary>
    private static DuplicateComparison Compare(DuplicateReview d)
    {
        var (row, e) = (d.Row, d.Existing);
        var recognition = e?.Recognitions.FirstOrDefault(r => r.DecisionNumber == row.DecisionNumber) ?? e?.Recognitions.FirstOrDefault();
        List<ComparedField> fields =
        [
            Field("Mã hồ sơ", row.Code, e?.Code),
            Field("Cơ quan đề xuất", d.Flag.Agency.Name, e?.Agency.Name),
            Field("Họ và tên / tên tập thể", row.Name, e?.Name),
            Field("Loại điển hình", row.ExemplarKind is { } k ? Texts.Kind(k) : row.Kind, e is null ? null : Texts.Kind(e.Kind)),
            Field("Giới tính", row.Gender, e?.Gender),
            Field("Năm sinh", row.BirthYear?.ToString(), e?.BirthYear?.ToString()),
            Field("Dân tộc", row.Ethnicity, e?.Ethnicity),
            Field("Chức vụ, đơn vị công tác", row.Position, e?.Position),
            Field("Địa chỉ", row.Address, e?.AddressAsRecognised),
            Field("Lĩnh vực", row.Area, e?.Field),
            Field("Phong trào", row.Movement, e?.Movement.Name),
            Field("Tóm tắt thành tích", row.Summary, e?.Summary),
            Field("Hình thức khen thưởng", row.Award, recognition?.Award),
            Field("Số quyết định", row.DecisionNumber, recognition?.DecisionNumber),
            Field("Ngày quyết định", VietnamTime.Date(row.DecisionDate), VietnamTime.Date(recognition?.DecisionDate)),
            Field("Cơ quan ban hành", row.Issuer, recognition?.Issuer),
        ];
        var source = d.Flag.SourceFile is null ? null : $"{d.Flag.SourceFile}{(d.Flag.SourceRow is { } r ? $", dòng {r}" : "")}";
        return new DuplicateComparison(d.Flag.Reason, source, VietnamTime.Date(d.Flag.CreatedAt), e?.Id, fields);

        static ComparedField Field(string label, string? incoming, string? existing) =>
            new(label, incoming ?? "", existing ?? "", !string.Equals((incoming ?? "").Trim(), (existing ?? "").Trim(), StringComparison.Ordinal));
    }
}

public sealed record ReviewQueuePage(ReviewQueueList Queue, string? Resolved);

public sealed record ComparedField(string Label, string Incoming, string Existing, bool Differs);

public sealed record DuplicateComparison(string Reason, string? Source, string FlaggedOn, int? ExistingId, IReadOnlyList<ComparedField> Fields);

public sealed record ReviewItemPage(
    ReviewItem Item, DuplicateComparison? Duplicate, IReadOnlyList<(string Code, string Name)> Agencies,
    IReadOnlyList<(string Slug, string Name)> Movements, string? Error);

/// <summary>The queue's link in the manager's menu, with how many items wait; only for those who may decide.</summary>
public sealed class ReviewQueueLinkViewComponent(ReviewQueue review) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        Permissions.Allows(HttpContext.User, Permission.EditAll)
            ? View(await review.CountAsync(HttpContext.RequestAborted))
            : Content("");
}

public static class ReviewQueueServiceExtensions
{
    public static IServiceCollection AddReviewQueue(this IServiceCollection services) =>
        services.AddScoped<ReviewQueue>().AddSingleton<IFlaggedRowApplier, FlaggedRowApplier>();
}
