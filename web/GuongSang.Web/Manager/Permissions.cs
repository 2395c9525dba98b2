using System.Security.Claims;
using GuongSang.Content.Model;
using Microsoft.AspNetCore.Authorization;

namespace GuongSang.Web.Manager;

/// <summary>What a person may do. Pages and the management API ask for these, never for a role.</summary>
public enum Permission
{
    /// <summary>Sign in to the manager, read one's own account, make and revoke one's own access tokens.</summary>
    UseManager,

    /// <summary>Write drafts (articles, stories) and submit them for review.</summary>
    WriteDrafts,

    /// <summary>Edit and submit the drafts and exemplars of one's own agency only.</summary>
    EditOwnAgency,

    /// <summary>Edit any agency's content (the board).</summary>
    EditAll,
    Publish,
    Withdraw,
    ManageAccounts,
    ReadAudit,

    /// <summary>Turn on two-factor sign-in (an authenticator app) for one's own account.</summary>
    UseTwoFactor,
}

/// <summary>
/// The one permission table (role → permissions), turned into one authorization policy per permission that the
/// manager's pages and the management API both use.
/// </summary>
public static class Permissions
{
    private static readonly Dictionary<string, Permission[]> ByRole = new(StringComparer.Ordinal)
    {
        [StaffRoles.Admin] = Enum.GetValues<Permission>(),
        [StaffRoles.Editor] = [Permission.UseManager, Permission.WriteDrafts, Permission.EditAll, Permission.Publish, Permission.Withdraw, Permission.UseTwoFactor],
        [StaffRoles.Writer] = [Permission.UseManager, Permission.WriteDrafts],
        [StaffRoles.Agency] = [Permission.UseManager, Permission.EditOwnAgency],
    };

    /// <summary>The policy name of a permission, for [Authorize(Policy = …)] and RequireAuthorization.</summary>
    public static string Policy(Permission permission) => "permission:" + permission;

    public static IReadOnlyList<Permission> Of(string? role) => role is not null && ByRole.TryGetValue(role, out var p) ? p : [];

    public static bool Allows(ClaimsPrincipal user, Permission permission) =>
        user.Identity?.IsAuthenticated == true && ByRole.Any(r => user.IsInRole(r.Key) && r.Value.Contains(permission));

    public static AuthorizationOptions AddPermissionPolicies(this AuthorizationOptions options)
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            options.AddPolicy(Policy(permission), p => p.RequireAssertion(c => Allows(c.User, permission)));
        }
        return options;
    }

    /// <summary>The account's one role, from its claims.</summary>
    public static string? RoleOf(ClaimsPrincipal user) => StaffRoles.All.FirstOrDefault(user.IsInRole);
}

/// <summary>[RequirePermission(Permission.ReadAudit)] on a manager page: the permission's policy.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequirePermissionAttribute(Permission permission) : AuthorizeAttribute(Permissions.Policy(permission))
{
    public Permission Permission { get; } = permission;
}
