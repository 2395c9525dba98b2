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
    public const string Submitted = "submit";
    public const string ReturnedToDraft = "return-to-draft";
    public const string Published = "publish";
    public const string Archived = "archive";
    public const string Withdrawn = "withdraw";

    public static readonly IReadOnlyList<string> All =
    [
        SignIn, SignInFailed, LockedOut, SignOut, AccountCreated, RoleChanged, PasswordChanged, AccountLocked,
        AccountUnlocked, TokenCreated, TokenRevoked,
        Submitted, ReturnedToDraft, Published, Archived, Withdrawn,
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
