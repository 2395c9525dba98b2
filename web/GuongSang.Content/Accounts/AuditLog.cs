using System.Text.Json;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;

namespace GuongSang.Content.Accounts;

/// <summary>The actions the audit log records. Later work adds its own (publish, withdraw, restore, import) here.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignOut = "sign-out";
    public const string AccountCreated = "account-created";
    public const string RoleChanged = "role-changed";
    public const string PasswordChanged = "password-changed";
    public const string AccountLocked = "account-locked";
    public const string AccountUnlocked = "account-unlocked";
    public const string TokenCreated = "token-created";
    public const string TokenRevoked = "token-revoked";
    public const string TwoFactorOn = "two-factor-on";
    public const string TwoFactorOff = "two-factor-off";
    public const string RecoveryCodesMade = "recovery-codes-made";
    public const string RecoveryCodeUsed = "recovery-code-used";

    /// <summary>A wrong code (or recovery code) at the second sign-in step, after a right password.</summary>
    public const string TwoFactorFailed = "two-factor-failed";

    /// <summary>A story made public; its detail says when it was by the scheduler ({"scheduled":true}).</summary>
    public const string Publish = "publish";

    /// <summary>A file imported (or rejected whole); its detail holds the outcome and the counts per row outcome.</summary>
    public const string Import = "import";
    public const string ReviewResolved = "review-resolved";
    public const string RevisionRestored = "revision-restored";

    /// <summary>The other workflow steps and public corrections of a story (exemplar or article; the target says which).</summary>
    public const string Submitted = "submitted";
    public const string Scheduled = "scheduled";
    public const string Returned = "returned";
    public const string Archived = "archived";
    public const string Withdrawn = "withdrawn";
    public const string Corrected = "corrected";

    /// <summary>The entry a workflow step records; a publication with a future time is a scheduling.</summary>
    public static string Of(Workflow.WorkflowAction action, ContentStatus after) => action switch
    {
        Workflow.WorkflowAction.Submit => Submitted,
        Workflow.WorkflowAction.Publish => after == ContentStatus.Scheduled ? Scheduled : Publish,
        Workflow.WorkflowAction.ReturnToDraft => Returned,
        Workflow.WorkflowAction.Archive => Archived,
        _ => Withdrawn,
    };

    public static readonly IReadOnlyList<string> All =
    [
        SignIn, SignInFailed, LockedOut, SignOut, AccountCreated, RoleChanged, PasswordChanged, AccountLocked,
        AccountUnlocked, TokenCreated, TokenRevoked, Publish, Import,
        Submitted, Scheduled, Returned, Archived, Withdrawn, Corrected,
        RevisionRestored,
        ReviewResolved,
        TwoFactorOn, TwoFactorOff, RecoveryCodesMade, RecoveryCodeUsed, TwoFactorFailed,
    ];
}

/// <summary>Writes to the audit log: the one way any part of the product (manager, API, command line, importer) records an action.</summary>
public interface IAuditLog
{
    /// <param name="action">One of <see cref="AuditActions"/>.</param>
    /// <param name="target">What was acted on (an e-mail, "token:12"…).</param>
    /// <param name="detail">Serialised as JSON; never put a password or a token in it.</param>
    /// <param name="actor">Who acted, when it is not the signed-in person (a sign-in, before the session exists).</param>
    Task RecordAsync(string action, string? target = null, object? detail = null, string? actor = null, CancellationToken ct = default);
}

/// <summary>The audit log on a database, for one actor and address (a request's, or the command line's).</summary>
public sealed class AuditLog(GuongSangDb db, Func<string> defaultActor, Func<string?> ipAddress) : IAuditLog
{
    public const string Anonymous = "an-danh";

    /// <summary>The actor of whatever an operator does from a command line (the site's and the importer's).</summary>
    public const string CommandLine = "dong-lenh";

    public AuditLog(GuongSangDb db, string actor)
        : this(db, () => actor, () => null)
    {
    }

    public async Task RecordAsync(string action, string? target = null, object? detail = null, string? actor = null, CancellationToken ct = default)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = db.Clock.GetUtcNow().UtcDateTime,
            Actor = actor ?? defaultActor(),
            Action = action,
            Target = target,
            IpAddress = ipAddress(),
            Detail = detail is null ? null : JsonSerializer.Serialize(detail),
        });
        await db.SaveChangesAsync(ct);
    }
}
