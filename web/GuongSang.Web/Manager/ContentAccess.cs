using System.Security.Claims;
using GuongSang.Content.Model;
using GuongSang.Content.Workflow;

namespace GuongSang.Web.Manager;

/// <summary>
/// Which stories a staff member sees and may change, in one place for the manager's pages and the management API.
/// The board (EditAll) sees everything; an Agency account only its own agency's exemplars and articles; a Writer
/// only what they wrote themselves. What a person may not see is answered as not found (404), never as forbidden:
/// another agency's drafts do not exist for them.
/// </summary>
public sealed class ContentAccess(ClaimsPrincipal user)
{
    public ClaimsPrincipal User { get; } = user;

    /// <summary>The user name revisions, audit entries and "created by" record.</summary>
    public string Name => User.Identity?.Name ?? "";

    /// <summary>An Agency account's agency code; null for every other role.</summary>
    public string? AgencyCode => Allows(Permission.EditAll) ? null : User.FindFirstValue(StaffIdentity.AgencyClaim);

    public bool Allows(Permission permission) => Permissions.Allows(User, permission);

    /// <summary>May write new stories at all (and in which agency is <see cref="AgencyCode"/>'s business).</summary>
    public bool MayCreate => Allows(Permission.EditAll) || Allows(Permission.WriteDrafts) || (Allows(Permission.EditOwnAgency) && AgencyCode is not null);

    public IQueryable<Exemplar> Visible(IQueryable<Exemplar> exemplars)
    {
        if (Allows(Permission.EditAll)) return exemplars;
        if (Allows(Permission.EditOwnAgency) && AgencyCode is { } code) return exemplars.Where(e => e.Agency.Code == code);
        if (Allows(Permission.WriteDrafts)) return exemplars.Where(e => e.SourceUser == Name);
        return exemplars.Where(_ => false);
    }

    public IQueryable<Article> Visible(IQueryable<Article> articles)
    {
        if (Allows(Permission.EditAll)) return articles;
        if (Allows(Permission.EditOwnAgency) && AgencyCode is { } code) return articles.Where(a => a.Agency != null && a.Agency.Code == code);
        if (Allows(Permission.WriteDrafts)) return articles.Where(a => a.CreatedBy == Name);
        return articles.Where(_ => false);
    }

    /// <summary>
    /// May change the content of an item already found visible: the board always; the others only while it is
    /// not public yet (a published story is corrected by the board, with a public note).
    /// </summary>
    public bool MayEdit(IWorkflowItem item) =>
        Allows(Permission.EditAll) || item.Status is ContentStatus.Draft or ContentStatus.InReview;

    /// <summary>The permission a workflow step needs: submitting is part of writing; the rest is the board's.</summary>
    public static Permission? Needed(WorkflowAction action) => action switch
    {
        WorkflowAction.Submit => null,
        WorkflowAction.Withdraw => Permission.Withdraw,
        _ => Permission.Publish,
    };

    /// <summary>May take the step on an item already found visible (whether its state allows it is the workflow's rule).</summary>
    public bool MayTake(WorkflowAction action, IWorkflowItem item) =>
        Needed(action) is { } permission ? Allows(permission) : MayEdit(item);
}
