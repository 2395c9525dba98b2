using GuongSang.Content.Accounts;

namespace GuongSang.Import;

/// <summary>
/// The audit log's line for a file that was imported or rejected (never for a dry run): the same for every door, the
/// push API (actor "api:&lt;agency&gt;") and the command line (actor "dong-lenh").
/// </summary>
public static class ImportAudit
{
    public static Task RecordAsync(IAuditLog audit, FileReport report, NewContentMode mode, string actor, CancellationToken ct) =>
        audit.RecordAsync(AuditActions.Import, report.File,
            new { status = report.Status, counts = report.Counts, newExemplars = mode.ToString().ToLowerInvariant() },
            actor, ct);
}
