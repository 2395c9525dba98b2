using System.Security.Claims;
using GuongSang.Content.History;
using GuongSang.Content.Storage;

namespace GuongSang.Web.Manager;

/// <summary>
/// Revisions in the management API: /api/v1/manage/{articles|exemplars}/{id}/revisions (list), …/revisions/diff
/// (word diff of two), POST …/revisions/{revId}/restore. The same access rules as the manager's pages (RevisionTargets).
/// </summary>
public static class RevisionsApi
{
    public sealed record RestoreRequest(int? Version, string? Correction);

    public static RouteGroupBuilder MapRevisions(this RouteGroupBuilder api)
    {
        var revisions = api.MapGroup("/{kind:regex(^(articles|exemplars)$)}/{id:int}/revisions");

        revisions.MapGet("", async (string kind, int id, ClaimsPrincipal user, GuongSangDb db, RevisionHistory history, CancellationToken ct) =>
        {
            var item = await RevisionTargets.FindAsync(db, new ContentAccess(user), kind, id, ct);
            if (item is null) return NotFound();
            var list = await history.ListAsync(item.GetType().Name, id, ct);
            return Results.Ok(new { id, version = item.Version, items = list.Select(Describe) });
        });

        revisions.MapGet("/diff", async (string kind, int id, long? from, long? to, ClaimsPrincipal user, GuongSangDb db, RevisionHistory history, CancellationToken ct) =>
        {
            var item = await RevisionTargets.FindAsync(db, new ContentAccess(user), kind, id, ct);
            if (item is null) return NotFound();
            var errors = new Dictionary<string, string[]>();
            if (from is null) errors["from"] = ["Hãy cho số phiên bản \"from\" (id trong danh sách phiên bản)."];
            if (to is null) errors["to"] = ["Hãy cho số phiên bản \"to\" (id trong danh sách phiên bản)."];
            if (errors.Count > 0) return Results.ValidationProblem(errors, title: "Thiếu phiên bản để so sánh");
            var diff = await history.DiffAsync(item, from!.Value, to!.Value, ct);
            if (diff is null) return NotFound("Không có phiên bản này ở bài này.");
            return Results.Ok(new
            {
                from = Describe(diff.From),
                to = Describe(diff.To),
                fields = diff.Fields.Select(f => new
                {
                    field = f.Field,
                    label = f.Label,
                    note = f.Note,
                    changes = f.Pieces.Select(p => new { op = p.Op, text = p.Text }),
                }),
            });
        });

        revisions.MapPost("/{revisionId:long}/restore", async (
            string kind, int id, long revisionId, RestoreRequest? request, ClaimsPrincipal user, GuongSangDb db, RevisionHistory history,
            CancellationToken ct) =>
        {
            if (request?.Version is not { } version)
            {
                return Results.ValidationProblem(
                    new Dictionary<string, string[]> { ["version"] = ["Hãy gửi \"version\": số phiên bản của bài mà bạn đang xem."] },
                    title: "Thiếu phiên bản của bài");
            }
            var (item, mayEdit, result) = await RevisionTargets.RestoreAsync(db, history, new ContentAccess(user), kind, id, revisionId, version, request.Correction, ct);
            if (item is null) return NotFound();
            if (!mayEdit)
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Không có quyền",
                    detail: "Bạn không được sửa bài này ở trạng thái hiện tại: bài đã đăng chỉ Ban Thi đua - Khen thưởng sửa được.");
            }
            return result!.Outcome switch
            {
                RestoreOutcome.Restored => Results.Ok(new { id, version = result.Version, restored = revisionId, keptAsIs = result.KeptAsIs }),
                RestoreOutcome.RevisionNotFound => NotFound("Không có phiên bản này ở bài này."),
                RestoreOutcome.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: RestoreResult.ConflictMessage,
                    detail: $"Bạn khôi phục từ phiên bản số {version}; bài nay đã ở phiên bản số {result.Version}.",
                    extensions: new Dictionary<string, object?> { ["version"] = result.Version }),
                _ => Results.ValidationProblem(new Dictionary<string, string[]> { [result.Field] = [result.Error!] },
                    statusCode: StatusCodes.Status422UnprocessableEntity, title: "Không khôi phục được"),
            };
        });
        return api;
    }

    private static object Describe(RevisionSummary r) =>
        new { id = r.Id, number = r.Number, author = r.Author, at = r.At, action = r.Action, fields = r.Fields };

    private static IResult NotFound(string detail = "Không có bài này, hoặc bạn không được xem nó.") =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy", detail: detail);
}
