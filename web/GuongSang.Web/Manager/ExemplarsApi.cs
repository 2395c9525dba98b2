using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using GuongSang.Content.Model;
using GuongSang.Content.Queries;
using GuongSang.Content.Text;
using GuongSang.Content.Workflow;
using GuongSang.Web.Manager.Editing;
using Microsoft.AspNetCore.Mvc;

namespace GuongSang.Web.Manager;

/// <summary>
/// Exemplars in the management API (/api/v1/manage/exemplars): list, create, read (the staff view, with the private
/// contact for those who may edit), change with the version it was read at, and the workflow steps. Everything goes
/// through <see cref="ExemplarEditor"/>, like the manager's pages.
/// </summary>
public static class ExemplarsApi
{
    /// <summary>The JSON a script sends; lists left out keep what is stored.</summary>
    public sealed class ExemplarRequest
    {
        public string? Agency { get; set; }
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public string? Gender { get; set; }
        public int? BirthYear { get; set; }
        public string? Ethnicity { get; set; }
        public string? Position { get; set; }
        public string? AddressAsRecognised { get; set; }
        public string? Province { get; set; }
        public string? Field { get; set; }
        public string? Movement { get; set; }
        public string? Summary { get; set; }
        public string? Body { get; set; }
        public string? PrivateContact { get; set; }
        public List<RecognitionInput>? Recognitions { get; set; }
        public List<PhotoInput>? Photos { get; set; }
        public List<int>? ArticleIds { get; set; }
        public string? CorrectionNote { get; set; }
        public int? Version { get; set; }

        public ExemplarInput ToInput() => new()
        {
            Agency = Agency, Code = Code, Name = Name, Kind = Kind, Gender = Gender,
            BirthYear = BirthYear?.ToString(CultureInfo.InvariantCulture), Ethnicity = Ethnicity, Position = Position,
            Address = AddressAsRecognised, Province = Province, Field = Field, Movement = Movement, Summary = Summary, Body = Body,
            PrivateContact = PrivateContact, Recognitions = Recognitions, Photos = Photos, ArticleIds = ArticleIds,
            CorrectionNote = CorrectionNote, Version = Version ?? 0,
        };
    }

    public sealed record StepRequest(string? Reason, DateTimeOffset? At);

    private static readonly Dictionary<string, string> JsonNames = new()
    {
        [nameof(ExemplarInput.Address)] = "addressAsRecognised",
        [""] = "version",
    };

    public static RouteGroupBuilder MapExemplars(this RouteGroupBuilder api)
    {
        var exemplars = api.MapGroup("/exemplars");

        exemplars.MapGet("/", async (ClaimsPrincipal user, ExemplarEditor editor, string? status, string? q, int? page, CancellationToken ct) =>
        {
            ContentStatus? filter = null;
            if (!string.IsNullOrEmpty(status) && (filter = WorkflowVerbs.ParseStatus(status)) is null)
            {
                return Invalid(new() { ["status"] = ["Trạng thái phải là draft, in-review, scheduled, published, archived hoặc withdrawn."] }, 400);
            }
            var (items, total) = await editor.ListAsync(new ContentAccess(user), filter, q, page ?? 1, ct);
            return Results.Ok(new
            {
                total,
                page = Math.Max(page ?? 1, 1),
                pageSize = ExemplarEditor.PageSize,
                items = items.Select(e => new
                {
                    id = e.Id, code = e.Code, name = e.Name, status = WorkflowVerbs.StatusCode(e.Status), agency = e.Agency.Code,
                    version = e.Version, updatedAt = e.UpdatedAt,
                }),
            });
        });

        exemplars.MapPost("/", async (ExemplarRequest request, ClaimsPrincipal user, ExemplarEditor editor, CancellationToken ct) =>
        {
            var access = new ContentAccess(user);
            var outcome = await editor.CreateAsync(access, request.ToInput(), ct);
            return outcome.Status == EditStatus.Saved
                ? Results.Created($"{ManagerServiceExtensions.ApiPath}/exemplars/{outcome.Item!.Id}", await ViewAsync(outcome, access, editor, ct))
                : await Answer(outcome, access, editor, ct);
        });

        exemplars.MapGet("/{id:int}", async (int id, ClaimsPrincipal user, ExemplarEditor editor, CancellationToken ct) =>
        {
            var access = new ContentAccess(user);
            return await editor.FindAsync(access, id, ct) is { } exemplar
                ? Results.Ok(await ViewAsync(new EditOutcome(EditStatus.Saved, exemplar, new Dictionary<string, string>(), []), access, editor, ct))
                : NotFound();
        });

        exemplars.MapPut("/{id:int}", async (int id, ExemplarRequest request, ClaimsPrincipal user, ExemplarEditor editor, CancellationToken ct) =>
        {
            if (request.Version is null)
            {
                return Invalid(new() { ["version"] = ["Hãy gửi \"version\": số phiên bản của bài khi bạn đọc nó (GET)."] }, 422);
            }
            var access = new ContentAccess(user);
            return await Answer(await editor.UpdateAsync(access, id, request.ToInput(), ct), access, editor, ct);
        });

        exemplars.MapPost("/{id:int}/photos", async (int id, HttpRequest http, ClaimsPrincipal user, ExemplarEditor editor, CancellationToken ct) =>
        {
            if (!http.HasFormContentType) return Invalid(new() { ["file"] = ["Hãy gửi ảnh trong trường \"file\" của một biểu mẫu multipart."] }, 400);
            var form = await http.ReadFormAsync(ct);
            if (form.Files.GetFile("file") is not { } file) return Invalid(new() { ["file"] = ["Hãy gửi ảnh trong trường \"file\"."] }, 400);
            if (!int.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                return Invalid(new() { ["version"] = ["Hãy gửi \"version\": số phiên bản của bài khi bạn đọc nó (GET)."] }, 422);
            }
            if (file.Length > ExemplarEditor.MaxPhotoBytes)
            {
                return Invalid(new() { ["file"] = [$"Ảnh quá lớn: tối đa {ExemplarEditor.MaxPhotoBytes >> 20} MiB."] }, 413);
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var access = new ContentAccess(user);
            return await Answer(await editor.AddPhotoAsync(access, id, version, buffer.ToArray(), file.FileName, form["alt"], ct), access, editor, ct);
        }).DisableAntiforgery();

        foreach (var (verb, action) in WorkflowVerbs.Actions.Select(a => (WorkflowVerbs.Api(a), a)))
        {
            exemplars.MapPost("/{id:int}/" + verb, async (int id, [FromBody] StepRequest? request, ClaimsPrincipal user, ExemplarEditor editor, CancellationToken ct) =>
            {
                var access = new ContentAccess(user);
                var at = action == WorkflowAction.Publish ? request?.At?.UtcDateTime : null;
                return await Answer(await editor.TakeAsync(access, id, action, at, request?.Reason, ct), access, editor, ct);
            });
        }
        return api;
    }

    /// <summary>Every outcome as the API answers it: the item, or problem+json with the status its kind has.</summary>
    private static async Task<IResult> Answer(EditOutcome outcome, ContentAccess access, ExemplarEditor editor, CancellationToken ct) => outcome.Status switch
    {
        EditStatus.Saved => Results.Ok(await ViewAsync(outcome, access, editor, ct)),
        EditStatus.NotFound => NotFound(),
        EditStatus.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Không có quyền",
            detail: outcome.Errors.Values.FirstOrDefault() ?? "Vai trò của bạn không được làm việc này."),
        EditStatus.WrongState => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Không đúng trạng thái",
            detail: outcome.Errors.Values.FirstOrDefault()),
        EditStatus.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: ExemplarTexts.Conflict,
            detail: "Bài đã được lưu ở phiên bản mới hơn phiên bản bạn gửi. Hãy đọc lại bài (GET), áp lại thay đổi của bạn và gửi với \"version\" mới.",
            extensions: new Dictionary<string, object?>
            {
                ["currentVersion"] = outcome.Item!.Version,
                ["current"] = await ViewAsync(outcome with { Redacted = [] }, access, editor, ct),
            }),
        _ => Invalid(outcome.Errors.ToDictionary(e => JsonName(e.Key), e => new[] { e.Value }), 422),
    };

    private static IResult Invalid(Dictionary<string, string[]> errors, int status) =>
        Results.Problem(new ValidationProblemDetails(errors) { Status = status, Title = status == 413 ? "Tệp quá lớn" : "Dữ liệu không hợp lệ" });

    private static IResult NotFound() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy", detail: ExemplarTexts.NotFound);

    /// <summary>"Recognitions[1].DecisionDate" → "recognitions[1].decisionDate": the names the JSON uses.</summary>
    private static string JsonName(string field) =>
        JsonNames.TryGetValue(field, out var name) ? name
        : string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));

    /// <summary>The staff view: everything staff may read, the private contact only for those who may change the item.</summary>
    private static async Task<StaffView> ViewAsync(EditOutcome outcome, ContentAccess access, ExemplarEditor editor, CancellationToken ct)
    {
        var e = outcome.Item!;
        var articles = await editor.RelatedArticlesAsync(access, e.Id, ct);
        return new StaffView(
            e.Id, e.Code, e.Name, Texts.KindCode(e.Kind), WorkflowVerbs.StatusCode(e.Status), e.Version,
            new AgencyRef(e.Agency.Code, e.Agency.Name), new MovementRef(e.Movement.Slug, e.Movement.Name),
            e.Gender, e.BirthYear, e.Ethnicity, e.Position, e.AddressAsRecognised, e.Province?.Slug, e.Field, e.Summary, e.Body,
            access.MayEdit(e) ? e.PrivateContact : null,
            [.. e.Recognitions.OrderBy(r => r.Id).Select(r => new RecognitionView(
                r.Id, r.Award, r.DecisionNumber, r.DecisionNumberAsWritten, r.DecisionDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.Issuer, ExemplarCodes.Level(r.Level), r.Posthumous))],
            [.. e.Photos.OrderBy(p => p.SortOrder).Select(p => new PhotoRef(p.MediaId, PhotoView.UrlOf(p.Media.StoragePath), p.Media.AltText, p.Media.Width, p.Media.Height))],
            [.. articles.Select(a => new ArticleRef(a.Id, a.Title))],
            e.SourceUser, e.CreatedAt, e.UpdatedAt, e.PublishedAt, e.ScheduledAt,
            e.WithdrawnAt is { } at ? new WithdrawalView(e.WithdrawalReason ?? "", at) : null,
            ContentWorkflow.CorrectionLine(e.CorrectedAt, e.CorrectionNote),
            outcome.Redacted.Count > 0 ? outcome.Redacted : null);
    }

    public sealed record AgencyRef(string Code, string Name);

    public sealed record MovementRef(string Slug, string Name);

    public sealed record RecognitionView(
        int Id, string Award, string? DecisionNumber, string? DecisionNumberAsWritten, string? DecisionDate, string? Issuer, string Level, bool Posthumous);

    public sealed record PhotoRef(int MediaId, string Url, string Alt, int Width, int Height);

    public sealed record ArticleRef(int Id, string Title);

    public sealed record WithdrawalView(string Reason, DateTime At);

    public sealed record StaffView(
        int Id, string Code, string Name, string Kind, string Status, int Version, AgencyRef Agency, MovementRef Movement,
        string? Gender, int? BirthYear, string? Ethnicity, string? Position, string? AddressAsRecognised, string? Province,
        string? Field, string Summary, string Body,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PrivateContact,
        IReadOnlyList<RecognitionView> Recognitions, IReadOnlyList<PhotoRef> Photos, IReadOnlyList<ArticleRef> Articles,
        string? CreatedBy, DateTime CreatedAt, DateTime UpdatedAt, DateTime? PublishedAt, DateTime? ScheduledAt,
        WithdrawalView? Withdrawal, string? Correction,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Redactions);
}
