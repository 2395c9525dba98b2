using System.Security.Claims;
using GuongSang.Content.Accounts;
using GuongSang.Content.Review;
using GuongSang.Content.Storage;

namespace GuongSang.Web.Manager;

/// <summary>
/// The board's review queue in the management API: GET /review-queue lists what waits, POST /review-queue/{id}/resolve
/// decides one item ("duplicate-{flag id}", "agency-{code}", "movement-{slug}"). Editor and Admin only.
/// </summary>
public static class ReviewQueueApi
{
    public sealed record ResolveRequest(string? Action, string? Target, string? Name);

    public static RouteGroupBuilder MapReviewQueue(this RouteGroupBuilder api)
    {
        var queue = api.MapGroup("/review-queue").RequireAuthorization(Permissions.Policy(Permission.EditAll));

        queue.MapGet("", async (ReviewQueue review, CancellationToken ct) =>
        {
            var list = await review.ListAsync(ct);
            return Results.Ok(new
            {
                items = list.Items.Select(i => new { id = i.Id, type = i.Type.ToString().ToLowerInvariant(), name = i.Name, detail = i.Detail, createdAt = i.CreatedAt }),
                counts = new { duplicate = list.Duplicates, agency = list.Agencies, movement = list.Movements },
            });
        });

        queue.MapPost("/{id}/resolve", async (string id, ResolveRequest? request, ClaimsPrincipal user, ReviewQueue review, GuongSangDb db,
            IAuditLog audit, CancellationToken ct) =>
        {
            var outcome = await DecideAsync(id, request?.Action, request?.Target, request?.Name, user, review, db, audit, ct);
            return outcome.Status switch
            {
                ReviewStatus.Done => Results.Ok(new { id, action = request!.Action, status = "resolved" }),
                ReviewStatus.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy", detail: outcome.Error),
                _ => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Không xử lý được mục này", detail: outcome.Error),
            };
        });
        return api;
    }

    /// <summary>One decision, for the pages and the API alike: saved as the signed-in person, and audited when it took effect.</summary>
    public static async Task<ReviewOutcome> DecideAsync(string id, string? action, string? target, string? name, ClaimsPrincipal user,
        ReviewQueue review, GuongSangDb db, IAuditLog audit, CancellationToken ct)
    {
        db.Actor = user.Identity!.Name;
        var outcome = await review.ResolveAsync(id, action?.Trim(), target?.Trim(), name, ct);
        if (outcome.Status == ReviewStatus.Done) await audit.RecordAsync(AuditActions.ReviewResolved, id, outcome.Detail, ct: ct);
        return outcome;
    }
}
