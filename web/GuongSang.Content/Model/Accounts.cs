using Microsoft.AspNetCore.Identity;

namespace GuongSang.Content.Model;

/// <summary>A staff account of the manager: one role (see <see cref="StaffRoles"/>); an Agency account belongs to one agency.</summary>
public class StaffUser : IdentityUser
{
    /// <summary>Set for the Agency role only: the one agency whose content the account sees and edits.</summary>
    public int? AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>The four roles. Every account has exactly one; what each may do is decided in one permission table in the site.</summary>
public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Editor = "Editor";
    public const string Writer = "Writer";
    public const string Agency = "Agency";

    public static readonly IReadOnlyList<string> All = [Admin, Editor, Writer, Agency];

    /// <summary>The role named case-insensitively ("admin", "Editor"), or null.</summary>
    public static string? Parse(string? name) => All.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// A personal access token for the management API. Only the SHA-256 of the token is stored; the token itself is
/// shown once, when it is made. It acts as its account, with the account's current role.
/// </summary>
public class AccessToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public StaffUser? User { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Written at most once a minute per token, so a busy script does not write on every call.</summary>
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>One line of the audit log: append-only (the database refuses to change or remove one).</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }

    /// <summary>Who acted: an account's e-mail, "dong-lenh" for the site's command line, "an-danh" when nobody signed in.</summary>
    public required string Actor { get; set; }

    /// <summary>One of <see cref="GuongSang.Content.Accounts.AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What it acted on: an account's e-mail, "token:12", "exemplar:42"…</summary>
    public string? Target { get; set; }
    public string? IpAddress { get; set; }

    /// <summary>JSON object with the particulars (old and new role, token name…); never a password or a token.</summary>
    public string? Detail { get; set; }
}
