using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Content.Workflow;

namespace GuongSang.Web.Manager.Editing;

/// <summary>
/// The names of workflow steps and states outside the code, in one table for exemplars and articles: the manager's
/// URL verbs (/quan-tri/…/{id}/dang), the management API's (/api/v1/manage/…/{id}/publish) and the API's status values.
/// The audit log's action for a step is <see cref="AuditActions.Of"/>.
/// </summary>
public static class WorkflowVerbs
{
    private static readonly (WorkflowAction Action, string Page, string Api)[] Table =
    [
        (WorkflowAction.Submit, "gui-duyet", "submit"),
        (WorkflowAction.Publish, "dang", "publish"),
        (WorkflowAction.ReturnToDraft, "tra-ve", "return"),
        (WorkflowAction.Archive, "luu-tru", "archive"),
        (WorkflowAction.Withdraw, "thu-hoi", "withdraw"),
    ];

    public static IEnumerable<WorkflowAction> Actions => Table.Select(t => t.Action);

    /// <summary>A route constraint matching the manager's verbs: "gui-duyet|dang|…".</summary>
    public const string PagePattern = "^(gui-duyet|dang|tra-ve|luu-tru|thu-hoi)$";

    public static string Page(WorkflowAction action) => Table.Single(t => t.Action == action).Page;

    public static string Api(WorkflowAction action) => Table.Single(t => t.Action == action).Api;

    public static WorkflowAction? FromPage(string? verb) => Table.FirstOrDefault(t => t.Page == verb) is { Page: not null } t ? t.Action : null;

    /// <summary>A state as the API writes it and the manager's list filters by it: "draft", "in-review", "published"…</summary>
    public static string StatusCode(ContentStatus status) => status switch
    {
        ContentStatus.InReview => "in-review",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static ContentStatus? ParseStatus(string? code) =>
        Enum.GetValues<ContentStatus>().Cast<ContentStatus?>().FirstOrDefault(s => StatusCode(s!.Value) == code);
}
