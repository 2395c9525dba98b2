using GuongSang.Content.Model;
using GuongSang.Content.Text;

namespace GuongSang.Content.Workflow;

/// <summary>A step a person (or the scheduler) asks of the workflow.</summary>
public enum WorkflowAction
{
    /// <summary>Draft → In review.</summary>
    Submit,

    /// <summary>In review or scheduled → back to Draft (the board returns it to its writer).</summary>
    ReturnToDraft,

    /// <summary>Public now; or, with a time in the future, Scheduled until then.</summary>
    Publish,

    /// <summary>Published → Archived: off the public site (its URL answers 404), kept with its history, can be published again.</summary>
    Archive,

    /// <summary>Published or archived → Withdrawn, with a public reason shown at its URL instead of the story.</summary>
    Withdraw,
}

/// <summary>The outcome of a step: done, or refused with a reason in Vietnamese for the person who asked.</summary>
public sealed record WorkflowResult(bool Done, string? Error)
{
    public static readonly WorkflowResult Ok = new(true, null);

    public static WorkflowResult Refused(string error) => new(false, error);
}

/// <summary>
/// The one set of rules for moving a story through Draft → In review → Scheduled/Published → Archived, and
/// Withdrawn. It changes the item only; who may ask for which step is the manager's permission table, and saving
/// (which records the revision and the change the search index follows) is the caller's.
/// </summary>
public static class ContentWorkflow
{
    /// <summary>What a save from an older version is told, on every door (pages, API, restore).</summary>
    public const string ConflictMessage = "Bài này vừa được người khác sửa";

    /// <summary>The longest public reason or correction note: one line on the page.</summary>
    public const int MaxNoteLength = 300;

    /// <summary>From which states each step may be taken.</summary>
    private static readonly Dictionary<WorkflowAction, ContentStatus[]> From = new()
    {
        [WorkflowAction.Submit] = [ContentStatus.Draft],
        [WorkflowAction.ReturnToDraft] = [ContentStatus.InReview, ContentStatus.Scheduled],
        [WorkflowAction.Publish] = [ContentStatus.Draft, ContentStatus.InReview, ContentStatus.Scheduled, ContentStatus.Archived, ContentStatus.Withdrawn],
        [WorkflowAction.Archive] = [ContentStatus.Published],
        [WorkflowAction.Withdraw] = [ContentStatus.Published, ContentStatus.Archived],
    };

    /// <summary>Whether <paramref name="action"/> may be taken from the item's state (for showing only the buttons that work).</summary>
    public static bool CanTake(ContentStatus status, WorkflowAction action) => From[action].Contains(status);

    /// <summary>
    /// Takes one step. <paramref name="at"/> is when to publish (UTC; none or past: now); <paramref name="reason"/> is
    /// the public reason of a withdrawal.
    /// </summary>
    public static WorkflowResult Apply(IWorkflowItem item, WorkflowAction action, DateTime nowUtc, DateTime? at = null, string? reason = null)
    {
        if (!CanTake(item.Status, action))
        {
            return WorkflowResult.Refused($"Không thể {ActionName(action)} khi bài đang ở trạng thái \"{StatusName(item.Status)}\".");
        }
        switch (action)
        {
            case WorkflowAction.Submit:
                item.Status = ContentStatus.InReview;
                break;
            case WorkflowAction.ReturnToDraft:
                item.Status = ContentStatus.Draft;
                item.ScheduledAt = null;
                break;
            case WorkflowAction.Publish when at is { } when && when > nowUtc:
                if (item.Status is ContentStatus.Archived or ContentStatus.Withdrawn)
                {
                    return WorkflowResult.Refused("Bài đã từng đăng chỉ có thể đăng lại ngay, không hẹn giờ.");
                }
                item.Status = ContentStatus.Scheduled;
                item.ScheduledAt = DateTime.SpecifyKind(when, DateTimeKind.Utc);
                break;
            case WorkflowAction.Publish:
                PublishNow(item, nowUtc);
                break;
            case WorkflowAction.Archive:
                item.Status = ContentStatus.Archived;
                break;
            case WorkflowAction.Withdraw:
                if (Note(reason, "lý do thu hồi") is { } error) return WorkflowResult.Refused(error);
                item.Status = ContentStatus.Withdrawn;
                item.WithdrawnAt = nowUtc;
                item.WithdrawalReason = OneLine(reason!);
                break;
        }
        return WorkflowResult.Ok;
    }

    /// <summary>
    /// Records a public correction of a published story ("Cập nhật ngày dd/MM/yyyy: …"). Drafts need none: nobody
    /// has read them yet.
    /// </summary>
    public static WorkflowResult Correct(IWorkflowItem item, string? note, DateTime nowUtc)
    {
        if (item.Status != ContentStatus.Published)
        {
            return WorkflowResult.Refused("Chỉ bài đã đăng mới có ghi chú cập nhật.");
        }
        if (Note(note, "lý do cập nhật") is { } error) return WorkflowResult.Refused(error);
        item.CorrectedAt = nowUtc;
        item.CorrectionNote = OneLine(note!);
        return WorkflowResult.Ok;
    }

    /// <summary>The scheduler's step: a scheduled item whose time has come is published.</summary>
    public static bool PublishIfDue(IWorkflowItem item, DateTime nowUtc)
    {
        if (item.Status != ContentStatus.Scheduled || item.ScheduledAt is not { } when || when > nowUtc) return false;
        PublishNow(item, when);
        return true;
    }

    /// <summary>The public line of a correction, e.g. "Cập nhật ngày 05/03/2026: sửa năm sinh".</summary>
    public static string? CorrectionLine(DateTime? correctedAt, string? note) =>
        correctedAt is null || string.IsNullOrWhiteSpace(note) ? null : $"Cập nhật ngày {VietnamTime.Date(correctedAt)}: {note}";

    public static string StatusName(ContentStatus status) => status switch
    {
        ContentStatus.Draft => "Bản nháp",
        ContentStatus.InReview => "Chờ duyệt",
        ContentStatus.Scheduled => "Hẹn giờ đăng",
        ContentStatus.Published => "Đã đăng",
        ContentStatus.Archived => "Lưu trữ",
        ContentStatus.Withdrawn => "Đã thu hồi",
        _ => status.ToString(),
    };

    public static string ActionName(WorkflowAction action) => action switch
    {
        WorkflowAction.Submit => "gửi duyệt",
        WorkflowAction.ReturnToDraft => "trả về bản nháp",
        WorkflowAction.Publish => "đăng",
        WorkflowAction.Archive => "lưu trữ",
        WorkflowAction.Withdraw => "thu hồi",
        _ => action.ToString(),
    };

    private static void PublishNow(IWorkflowItem item, DateTime whenUtc)
    {
        item.Status = ContentStatus.Published;
        // The first publication date stays: a story republished after an archive is not a new story.
        item.PublishedAt ??= whenUtc;
        item.ScheduledAt = null;
        item.WithdrawnAt = null;
        item.WithdrawalReason = null;
    }

    private static string? Note(string? text, string what) =>
        string.IsNullOrWhiteSpace(text) ? $"Hãy nhập {what}."
        : OneLine(text).Length > MaxNoteLength ? $"{char.ToUpperInvariant(what[0])}{what[1..]} dài tối đa {MaxNoteLength} ký tự."
        : null;

    /// <summary>Stored text (NFC, new tone placement) on one line: it is shown in a single line on the public page.</summary>
    private static string OneLine(string text) =>
        string.Join(' ', VietnameseText.Clean(text)!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
