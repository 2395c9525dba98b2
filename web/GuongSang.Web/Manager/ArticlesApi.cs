using System.Security.Claims;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using GuongSang.Content.Workflow;
using GuongSang.Web.Manager.Editing;
using GuongSang.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Manager;

/// <summary>Articles in the management API (/api/v1/manage/articles): the same service, rules and permissions as the manager's pages.</summary>
public static class ArticlesApi
{
    public const int PageSize = 50;

    public sealed record ArticleRequest(string? Title, string? Body, string? Movement, int[]? ExemplarIds, int? Version, string? Correction);

    public sealed record StepRequest(DateTimeOffset? At, string? Reason, int? Version);

    public static RouteGroupBuilder MapArticles(this RouteGroupBuilder api)
    {
        var articles = api.MapGroup("/articles");

        articles.MapGet("", async (ClaimsPrincipal user, ArticleEditor editor, string? status, int? page, CancellationToken ct) =>
        {
            var query = editor.Visible(new ContentAccess(user));
            if (status is not null)
            {
                if (WorkflowVerbs.ParseStatus(status) is not { } parsed)
                {
                    return Invalid(new Dictionary<string, string> { ["status"] = $"Trạng thái \"{status}\" không có; dùng một trong: {string.Join(", ", Enum.GetValues<ContentStatus>().Select(WorkflowVerbs.StatusCode))}." });
                }
                query = query.Where(a => a.Status == parsed);
            }
            var request = new PageRequest(Math.Max(1, page ?? 1), PageSize);
            var total = await query.CountAsync(ct);
            var items = await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).AsSplitQuery().ToPageAsync(request, total, ct);
            return Results.Ok(new { items = items.Select(Describe), page = request.Number, pageSize = PageSize, total });
        });

        articles.MapPost("", async (ArticleRequest request, ClaimsPrincipal user, ArticleEditor editor, CancellationToken ct) =>
        {
            var result = await editor.CreateAsync(new ContentAccess(user), Input(request), ct);
            return result.Outcome == EditStatus.Saved
                ? Results.Created($"{ManagerServiceExtensions.ApiPath}/articles/{result.Article!.Id}", Describe(result.Article))
                : Answer(result);
        });

        articles.MapGet("/{id:int}", async (int id, ClaimsPrincipal user, ArticleEditor editor, CancellationToken ct) =>
            await editor.FindAsync(new ContentAccess(user), id, ct) is { } article ? Results.Ok(Describe(article)) : NotFound());

        articles.MapPut("/{id:int}", async (int id, ArticleRequest request, ClaimsPrincipal user, ArticleEditor editor, CancellationToken ct) =>
            Answer(await editor.UpdateAsync(new ContentAccess(user), id, Input(request), ct)));

        foreach (var action in WorkflowVerbs.Actions)
        {
            articles.MapPost("/{id:int}/" + WorkflowVerbs.Api(action), async (int id, HttpRequest http, ClaimsPrincipal user, ArticleEditor editor, CancellationToken ct) =>
            {
                // The body is optional (submit needs none): read it only when one was sent.
                StepRequest? step = null;
                try
                {
                    if (http.ContentLength is > 0 || http.Headers.TransferEncoding.Count > 0) step = await http.ReadFromJsonAsync<StepRequest>(ct);
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Nội dung yêu cầu không đọc được",
                        detail: "Gửi JSON dạng {\"at\": \"2026-12-01T08:00:00+07:00\", \"reason\": \"…\", \"version\": 3}, hoặc không gửi gì.");
                }
                return Answer(await editor.TakeAsync(new ContentAccess(user), id, action, step?.Version, step?.At?.UtcDateTime, step?.Reason, ct));
            });
        }
        return api;
    }

    private static ArticleInput Input(ArticleRequest r) => new(r.Title, r.Body, r.Movement, r.ExemplarIds, r.Version, r.Correction);

    private static IResult Answer(EditResult result) => result.Outcome switch
    {
        EditStatus.Saved => Results.Ok(Describe(result.Article!)),
        EditStatus.NotFound => NotFound(),
        EditStatus.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Không được phép",
            detail: "Vai trò của bạn không được làm việc này với bài này."),
        EditStatus.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: ArticleEditor.ConflictMessage,
            detail: "Hãy đọc bản đang lưu (GET bài này), gộp thay đổi của bạn vào rồi gửi lại với version mới.",
            extensions: new Dictionary<string, object?> { ["version"] = result.Current?.Version, ["current"] = result.Current is null ? null : Describe(result.Current) }),
        EditStatus.WrongState => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Không thực hiện được bước này",
            detail: string.Join(" ", result.Errors.Values), extensions: new Dictionary<string, object?> { ["errors"] = Errors(result.Errors), ["status"] = WorkflowVerbs.StatusCode(result.Article!.Status) }),
        _ => Invalid(result.Errors),
    };

    private static IResult Invalid(IReadOnlyDictionary<string, string> errors) =>
        Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Dữ liệu chưa hợp lệ",
            detail: string.Join(" ", errors.Select(e => $"Trường \"{e.Key}\": {e.Value}")),
            extensions: new Dictionary<string, object?> { ["errors"] = Errors(errors) });

    private static Dictionary<string, string[]> Errors(IReadOnlyDictionary<string, string> errors) => errors.ToDictionary(e => e.Key, e => new[] { e.Value });

    private static IResult NotFound() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy bài viết");

    /// <summary>An article as the API gives it; field names are those a request sends.</summary>
    public static object Describe(Article a) => new
    {
        id = a.Id,
        title = a.Title,
        slug = a.Slug,
        body = a.Body,
        status = WorkflowVerbs.StatusCode(a.Status),
        version = a.Version,
        movement = a.Movement?.Slug,
        exemplarIds = a.Exemplars.Select(x => x.ExemplarId).Order(),
        createdBy = a.CreatedBy,
        agency = a.Agency?.Code,
        createdAt = a.CreatedAt,
        updatedAt = a.UpdatedAt,
        publishedAt = a.PublishedAt,
        scheduledAt = a.ScheduledAt,
        withdrawal = a.WithdrawnAt is null ? null : new { reason = a.WithdrawalReason, at = a.WithdrawnAt },
        correction = a.CorrectedAt is null ? null : new { note = a.CorrectionNote, at = a.CorrectedAt },
        url = Paths.Article(a.Id, a.Slug),
    };
}
