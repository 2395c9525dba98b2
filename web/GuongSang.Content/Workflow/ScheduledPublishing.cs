using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Content.Workflow;

/// <summary>
/// Publishes the scheduled exemplars and articles whose time has come, as the user "lich-dang", so each gets a
/// revision, a change the search index follows, and an audit entry. Safe when several site processes run it on
/// one database: each item is saved against the version it was read at, so of two processes publishing the same
/// item one saves and the other finds the version moved and leaves it.
/// </summary>
public static class ScheduledPublishing
{
    /// <summary>The author of scheduled publications in revisions and the audit log.</summary>
    public const string Actor = "lich-dang";

    /// <summary>Publishes everything due at the database's clock; returns how many this call published.</summary>
    public static async Task<int> PublishDueAsync(GuongSangDb db, CancellationToken ct)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var published = 0;
        foreach (var item in await DueAsync(db, now, ct))
        {
            if (await PublishAsync(db, item, now, ct)) published++;
        }
        return published;
    }

    /// <summary>The scheduled items due at <paramref name="nowUtc"/>, tracked for saving.</summary>
    public static async Task<List<IWorkflowItem>> DueAsync(GuongSangDb db, DateTime nowUtc, CancellationToken ct) =>
    [
        .. await db.Exemplars.AsTracking().Where(e => e.Status == ContentStatus.Scheduled && e.ScheduledAt <= nowUtc).ToListAsync(ct),
        .. await db.Articles.AsTracking().Where(a => a.Status == ContentStatus.Scheduled && a.ScheduledAt <= nowUtc).ToListAsync(ct),
    ];

    /// <summary>
    /// Publishes one item read by <see cref="DueAsync"/>; false when it is no longer due or someone else saved
    /// it first (another process's scheduler, an editor returning it to draft): theirs stands.
    /// </summary>
    public static async Task<bool> PublishAsync(GuongSangDb db, IWorkflowItem item, DateTime nowUtc, CancellationToken ct)
    {
        var scheduledAt = item.ScheduledAt;
        if (!ContentWorkflow.PublishIfDue(item, nowUtc)) return false;
        db.Actor = Actor;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.Entry(item).State = EntityState.Detached;
            return false;
        }
        await new AuditLog(db, Actor).RecordAsync(AuditActions.Publish, Target(item),
            new { scheduled = true, scheduledAt }, ct: ct);
        return true;
    }

    /// <summary>How the audit log names a story: "exemplar:12", "article:3".</summary>
    public static string Target(IWorkflowItem item) => $"{(item is Exemplar ? "exemplar" : "article")}:{item.Id}";
}
