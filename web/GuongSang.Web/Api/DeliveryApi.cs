using System.Globalization;
using GuongSang.Content.Markdown;
using GuongSang.Content.Model;
using GuongSang.Content.Queries;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using GuongSang.Web.Site;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Api;

public sealed record MovementRef(int Id, string Name, string Slug);

public sealed record RecognitionDto(string Award, string? DecisionNumber, DateOnly? DecisionDate, string? Issuer);

/// <param name="Variants">Every web version (JPEG, no metadata), narrowest first, for a client to pick by screen.</param>
public sealed record PhotoDto(string Url, int Width, int Height, string OriginalUrl, IReadOnlyList<PhotoVariant> Variants);

/// <summary>An exemplar as the delivery API shows it: never a private contact or a personal ID.</summary>
/// <param name="Status">Always "published": a withdrawn one is a <see cref="WithdrawnExemplarDto"/>.</param>
/// <param name="Correction">The last public correction of the story, if any.</param>
public sealed record ExemplarDto(
    int Id, string Code, string Name, string Kind, MovementRef Movement, string Summary, string BodyHtml,
    string? AddressAsRecognised, string? Province, string Agency, IReadOnlyList<RecognitionDto> Recognitions,
    IReadOnlyList<PhotoDto> Photos, string Url, DateTime? PublishedAt, DateTime UpdatedAt,
    string Status, NoteDto? Correction);

/// <summary>
/// A withdrawn exemplar, answered at its id so a client that holds it learns to take it down: what it was,
/// and when and why it was withdrawn; no story, summary or photos.
/// </summary>
public sealed record WithdrawnExemplarDto(
    int Id, string Name, string? Agency, IReadOnlyList<RecognitionDto> Recognitions, string Url,
    string Status, WithdrawalDto Withdrawal);

/// <summary>A public one-line note with its date: a correction.</summary>
public sealed record NoteDto(string Note, DateTime At);

public sealed record WithdrawalDto(string Reason, DateTime? At);

public sealed record ExemplarList(int Total, int Page, IReadOnlyList<ExemplarDto> Items);

public sealed record MovementDto(
    int Id, string Name, string Slug, string? Campaign, string DescriptionHtml, string? LeadAgency,
    IReadOnlyList<string> CoordinatingAgencies, IReadOnlyDictionary<string, string> Criteria,
    IReadOnlyList<TargetDto> Targets, PlanDto? Plan, int PublishedCount, string Url);

public sealed record TargetDto(string Kind, int Count, string Period, int Published);

public sealed record PlanDto(string? Number, DateOnly? Date, string? Issuer, string? Title);

/// <summary>The read-only JSON delivery API of interfaces.md (no login).</summary>
public static class DeliveryApi
{
    public const int MaxPageSize = 100;

    /// <summary>The "status" of an item: the API's names for the two states a reader can meet.</summary>
    public const string StatusPublished = "published", StatusWithdrawn = "withdrawn";

    public static IEndpointRouteBuilder MapDeliveryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("delivery");
        api.MapGet("/exemplars", ListExemplarsAsync);
        api.MapGet("/exemplars/{id:int}", GetExemplarAsync);
        api.MapGet("/movements", ListMovementsAsync);
        api.MapGet("/movements/{slug}", GetMovementAsync);
        return app;
    }

    private static async Task<Results<Ok<ExemplarList>, ProblemHttpResult>> ListExemplarsAsync(
        GuongSangDb db, MarkdownRenderer markdown, CancellationToken ct,
        string? movement = null, string? kind = null, string? province = null, string? agency = null,
        string? year = null, string? updatedSince = null, string? page = null, string? pageSize = null)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = ParsePage(page, pageSize, 20, MaxPageSize, errors);
        var query = db.Exemplars.Published();
        if (!string.IsNullOrWhiteSpace(movement)) query = query.Where(e => e.Movement.Slug == movement);
        if (ParseKind(kind, errors) is { } k) query = query.Where(e => e.Kind == k);
        if (!string.IsNullOrWhiteSpace(province)) query = query.Where(e => e.Province != null && e.Province.Slug == province);
        if (!string.IsNullOrWhiteSpace(agency)) query = query.Where(e => e.Agency.Code == agency);
        if (ParseYear(year, errors) is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var to = new DateOnly(y, 12, 31);
            query = query.Where(e => e.Recognitions.Any(r => r.DecisionDate >= from && r.DecisionDate <= to));
        }
        if (!string.IsNullOrWhiteSpace(updatedSince))
        {
            if (DateTimeOffset.TryParse(updatedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
            {
                var utc = since.UtcDateTime;
                query = query.Where(e => e.UpdatedAt >= utc);
            }
            else errors["updatedSince"] = ["updatedSince phải là thời điểm ISO 8601, ví dụ 2025-06-30T00:00:00Z."];
        }
        if (errors.Count > 0) return ValidationProblem(errors);

        var total = await query.CountAsync(ct);
        var ids = await query.OrderByDescending(e => e.UpdatedAt).ThenByDescending(e => e.Id)
            .Select(e => e.Id).ToPageAsync(paging, total, ct);
        var items = await LoadAsync(db, markdown, ids, ct);
        return TypedResults.Ok(new ExemplarList(total, paging.Number, items));
    }

    private static async Task<Results<Ok<ExemplarDto>, Ok<WithdrawnExemplarDto>, ProblemHttpResult>> GetExemplarAsync(
        int id, GuongSangDb db, MarkdownRenderer markdown, CancellationToken ct)
    {
        var items = await LoadAsync(db, markdown, [id], ct);
        if (items.Count == 1) return TypedResults.Ok(items[0]);
        var withdrawn = await db.Exemplars.Withdrawn().Where(e => e.Id == id).SelectWithdrawn().AsSplitQuery().FirstOrDefaultAsync(ct);
        if (withdrawn is null) return NotFound($"Không có gương điển hình số {id}.");
        return TypedResults.Ok(new WithdrawnExemplarDto(
            withdrawn.Id, withdrawn.Title, withdrawn.AgencyName, [.. withdrawn.Recognitions.Select(ToDto)],
            Paths.Exemplar(withdrawn.Id, withdrawn.Slug), StatusWithdrawn, new WithdrawalDto(withdrawn.Reason, withdrawn.WithdrawnAt)));
    }

    private static RecognitionDto ToDto(PublicRecognition r) => new(r.Award, r.DecisionNumber, r.DecisionDate, r.Issuer);

    /// <summary>Exemplars by id, in that order, in a fixed number of queries.</summary>
    private static async Task<List<ExemplarDto>> LoadAsync(GuongSangDb db, MarkdownRenderer markdown, List<int> ids, CancellationToken ct)
    {
        var rows = await db.Exemplars.Published().Where(e => ids.Contains(e.Id)).SelectPublic().ToListAsync(ct);
        var byId = rows.ToDictionary(r => r.Id);
        var photos = await db.PhotosOfExemplarsAsync(ids, ct);
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id]).Select(e => new ExemplarDto(
            e.Id, e.Code, e.Name, Texts.KindCode(e.Kind), new MovementRef(e.MovementId, e.MovementName, e.MovementSlug),
            e.Summary, markdown.ToHtml(e.Body, $"Exemplar {e.Id}"), e.AddressAsRecognised, e.ProvinceName, e.AgencyName,
            [.. e.Recognitions.Select(ToDto)],
            [.. photos.Of(e.Id).Select(p => new PhotoDto(p.Url, p.Width, p.Height, p.OriginalUrl, p.Variants))],
            Paths.Exemplar(e.Id, e.Slug), e.PublishedAt, e.UpdatedAt,
            StatusPublished, e.CorrectedAt is { } at && e.CorrectionNote is { } note ? new NoteDto(note, at) : null))];
    }

    private static async Task<Ok<List<MovementDto>>> ListMovementsAsync(GuongSangDb db, MarkdownRenderer markdown, CancellationToken ct) =>
        TypedResults.Ok(await LoadMovementsAsync(db, markdown, null, ct));

    private static async Task<Results<Ok<MovementDto>, ProblemHttpResult>> GetMovementAsync(
        string slug, GuongSangDb db, MarkdownRenderer markdown, CancellationToken ct)
    {
        var found = await LoadMovementsAsync(db, markdown, slug, ct);
        return found.Count == 1 ? TypedResults.Ok(found[0]) : NotFound($"Không có phong trào '{slug}'.");
    }

    private static async Task<List<MovementDto>> LoadMovementsAsync(GuongSangDb db, MarkdownRenderer markdown, string? slug, CancellationToken ct)
    {
        var query = db.Movements.Confirmed();
        if (slug is not null) query = query.Where(m => m.Slug == slug);
        var movements = await query.OrderBy(m => m.SortOrder).ThenBy(m => m.Name)
            .Include(m => m.Coordinators).Include(m => m.Criteria).Include(m => m.Targets)
            .AsSplitQuery().ToListAsync(ct);
        var movementIds = movements.Select(m => m.Id).ToList();
        var counts = await db.Exemplars.Where(e => movementIds.Contains(e.MovementId)).CountPublishedByKindAsync(ct);
        return [.. movements.Select(m => new MovementDto(
            m.Id, m.Name, m.Slug, m.Campaign, markdown.ToHtml(m.Description, $"Movement {m.Id}"), m.LeadAgency,
            [.. m.Coordinators.OrderBy(c => c.SortOrder).Select(c => c.AgencyName)],
            m.Criteria.ToDictionary(c => Texts.KindCode(c.Kind), c => c.Text),
            [.. m.Targets.OrderBy(t => t.Kind).Select(t => new TargetDto(Texts.KindCode(t.Kind), t.Count, t.Period, counts.Of(m.Id, t.Kind)))],
            m.PlanNumber is null ? null : new PlanDto(m.PlanNumber, m.PlanDate, m.PlanIssuer, m.PlanTitle),
            counts.Of(m.Id), Paths.Movement(m.Slug)))];
    }

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy");

    /// <summary>400 problem+json naming each bad parameter.</summary>
    public static ProblemHttpResult ValidationProblem(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Tham số không hợp lệ",
        });

    /// <summary>A kind code (individual, collective, household, model), or null when absent; anything else is recorded as an error.</summary>
    public static ExemplarKind? ParseKind(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (Texts.TryParseKindCode(value, out var kind)) return kind;
        errors["kind"] = ["Loại điển hình phải là individual, collective, household hoặc model."];
        return null;
    }

    /// <summary>A four-digit year, or null when absent; anything else is recorded as an error.</summary>
    public static int? ParseYear(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is > 1900 and < 3000) return year;
        errors["year"] = ["Năm phải là số có bốn chữ số, ví dụ 2025."];
        return null;
    }

    /// <summary>
    /// page and pageSize: positive whole numbers (a larger size is cut to <paramref name="maxSize"/>), or the
    /// defaults when absent; anything else is recorded as an error. A page past the end is answered, empty.
    /// </summary>
    public static PageRequest ParsePage(string? page, string? pageSize, int defaultSize, int maxSize, Dictionary<string, string[]> errors) =>
        new(ParsePositive(page, 1, "page", errors), Math.Min(ParsePositive(pageSize, defaultSize, "pageSize", errors), maxSize));

    /// <summary>A positive whole number, or the default when absent; anything else is recorded as an error.</summary>
    public static int ParsePositive(string? value, int fallback, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1) return n;
        errors[name] = [$"{name} phải là số nguyên dương."];
        return fallback;
    }
}
