using GuongSang.Content.History;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Manager;

/// <summary>
/// Finds the exemplar or article whose revisions are asked for, as the person asking may see it (else none: 404),
/// and restores a revision of it when they may edit it. One place for the manager's pages and the management API.
/// </summary>
public static class RevisionTargets
{
    /// <summary>The manager's path segment ("dien-hinh", "bai-viet") or the API's ("exemplars", "articles") → the item type.</summary>
    public static string? TypeOf(string segment) => segment switch
    {
        "dien-hinh" or "exemplars" => nameof(Exemplar),
        "bai-viet" or "articles" => nameof(Article),
        _ => null,
    };

    public static async Task<IWorkflowItem?> FindAsync(GuongSangDb db, ContentAccess access, string segment, int id, CancellationToken ct) =>
        TypeOf(segment) switch
        {
            nameof(Exemplar) => await access.Visible(db.Exemplars.AsTracking()).SingleOrDefaultAsync(e => e.Id == id, ct),
            nameof(Article) => await access.Visible(db.Articles.AsTracking()).SingleOrDefaultAsync(a => a.Id == id, ct),
            _ => null,
        };

    public static string Title(IWorkflowItem item) => item switch
    {
        Exemplar e => e.Name,
        Article a => a.Title,
        _ => "",
    };

    /// <summary>Null when the item is not visible (404); a refusal when the person may not change it (403); else the restore's outcome.</summary>
    public static async Task<(IWorkflowItem? Item, bool MayEdit, RestoreResult? Result)> RestoreAsync(
        GuongSangDb db, RevisionHistory history, ContentAccess access, string segment, int id, long revisionId, int version,
        string? correction, CancellationToken ct)
    {
        var item = await FindAsync(db, access, segment, id, ct);
        if (item is null) return (null, false, null);
        if (!access.MayEdit(item)) return (item, false, null);
        db.Actor = access.Name;
        return (item, true, await history.RestoreAsync(item, revisionId, version, correction, ct));
    }
}

public sealed record RevisionsPage(
    string Section, int Id, string Title, ContentStatus Status, int Version, bool MayRestore,
    IReadOnlyList<RevisionSummary> Revisions, string? Message, string? Error)
{
    public string BasePath => $"{ManagerServiceExtensions.ManagerPath}/{Section}/{Id}";
    public string Kind => Section == "bai-viet" ? "bài viết" : "gương điển hình";
}

public sealed record RevisionDiffPage(string Section, int Id, string Title, RevisionDiff Diff)
{
    public string BasePath => $"{ManagerServiceExtensions.ManagerPath}/{Section}/{Id}";
}

/// <summary>The revisions of an exemplar or article: the list, a side-by-side comparison of two, and restore.</summary>
[RequirePermission(Permission.UseManager)]
[AutoValidateAntiforgeryToken]
[Route(ManagerServiceExtensions.ManagerPath + "/{section:regex(^(bai-viet|dien-hinh)$)}/{id:int}/phien-ban")]
public sealed class RevisionsController(GuongSangDb db, RevisionHistory history) : Controller
{
    private ContentAccess Access => new(User);

    [HttpGet("")]
    public async Task<IActionResult> Index(string section, int id, [FromQuery(Name = "da-khoi-phuc")] int? restored, CancellationToken ct)
    {
        var item = await RevisionTargets.FindAsync(db, Access, section, id, ct);
        if (item is null) return NotFound();
        var message = restored is { } n ? $"Đã khôi phục phiên bản #{n}: nội dung của nó là nội dung hiện tại (một phiên bản mới đã được ghi)." : null;
        return View(await PageAsync(section, item, message, null, ct));
    }

    [HttpGet("so-sanh")]
    public async Task<IActionResult> Compare(string section, int id, [FromQuery(Name = "tu")] long? from, [FromQuery(Name = "den")] long? to, CancellationToken ct)
    {
        var item = await RevisionTargets.FindAsync(db, Access, section, id, ct);
        if (item is null) return NotFound();
        var diff = from is { } f && to is { } t ? await history.DiffAsync(item, f, t, ct) : null;
        if (diff is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), await PageAsync(section, item, null,
                "Hãy chọn hai phiên bản của bài này để so sánh: một ở cột \"Từ\" và một ở cột \"Đến\".", ct));
        }
        return View(new RevisionDiffPage(section, id, RevisionTargets.Title(item), diff));
    }

    [HttpPost("{revisionId:long}/khoi-phuc")]
    public async Task<IActionResult> Restore(
        string section, int id, long revisionId, [FromForm] int? version, [FromForm] string? correction, CancellationToken ct)
    {
        var (item, mayEdit, result) = await RevisionTargets.RestoreAsync(db, history, Access, section, id, revisionId, version ?? -1, correction, ct);
        if (item is null) return NotFound();
        if (!mayEdit) return Forbid();
        if (result!.Outcome == RestoreOutcome.Restored)
        {
            var number = (await history.ListAsync(item.GetType().Name, id, ct)).First(r => r.Id == revisionId).Number;
            return Redirect($"{ManagerServiceExtensions.ManagerPath}/{section}/{id}/phien-ban?da-khoi-phuc={number}");
        }
        // The page is shown again from the database as it is now: after a conflict, with today's version.
        db.ChangeTracker.Clear();
        item = await RevisionTargets.FindAsync(db, Access, section, id, ct);
        if (item is null) return NotFound();
        Response.StatusCode = result.Outcome switch
        {
            RestoreOutcome.Conflict => StatusCodes.Status409Conflict,
            RestoreOutcome.RevisionNotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        };
        var error = result.Outcome == RestoreOutcome.Conflict
            ? $"{RestoreResult.ConflictMessage}: bạn khôi phục từ phiên bản số {version}, nay bài đã ở phiên bản số {result.Version}. Hãy xem danh sách bên dưới (đã cập nhật) rồi thử lại."
            : result.Error;
        return View(nameof(Index), await PageAsync(section, item, null, error, ct));
    }

    private async Task<RevisionsPage> PageAsync(string section, IWorkflowItem item, string? message, string? error, CancellationToken ct) =>
        new(section, item.Id, RevisionTargets.Title(item), item.Status, item.Version, Access.MayEdit(item),
            await history.ListAsync(item.GetType().Name, item.Id, ct), message, error);
}
