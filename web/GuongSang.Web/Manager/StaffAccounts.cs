using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Manager;

/// <summary>A change to an account: done, or refused with a Vietnamese reason.</summary>
public sealed record AccountResult(bool Succeeded, string? Error = null, bool Created = false)
{
    public static AccountResult Refused(string error) => new(false, error);
}

/// <summary>
/// Every change to staff accounts (create, role, password, lock), each written to the audit log in the same
/// transaction. The command line and the manager's pages both come here.
/// </summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, GuongSangDb db, IAuditLog audit)
{
    /// <summary>
    /// Creates the account, or changes an existing one's role (and password when one is given): the command
    /// line's create-user.
    /// </summary>
    public async Task<AccountResult> SaveAsync(string email, string role, string? agencyCode, string? password, CancellationToken ct = default)
    {
        if (password is not null && PasswordRule.Check(password) is { } broken) return AccountResult.Refused(broken);
        var agency = await AgencyForRoleAsync(role, agencyCode, ct);
        if (agency.Error is not null) return AccountResult.Refused(agency.Error);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await users.FindByEmailAsync(email);
        AccountResult result;
        if (user is null)
        {
            if (password is null) return AccountResult.Refused("Tài khoản mới cần mật khẩu.");
            user = new StaffUser
            {
                UserName = email, Email = email, EmailConfirmed = true, AgencyId = agency.Id,
                CreatedAt = db.Clock.GetUtcNow().UtcDateTime,
            };
            if (Failure(await users.CreateAsync(user, password)) is { } createError) return AccountResult.Refused(createError);
            await EnsureRoleAsync(role);
            if (Failure(await users.AddToRoleAsync(user, role)) is { } roleError) return AccountResult.Refused(roleError);
            await audit.RecordAsync(AuditActions.AccountCreated, user.Email, new { role, agency = agencyCode }, ct: ct);
            result = new AccountResult(true, Created: true);
        }
        else
        {
            result = await ChangeRoleCoreAsync(user, role, agency.Id, agencyCode, ct);
            if (result.Succeeded && password is not null)
            {
                // Removing and adding the password changes the security stamp: every session of the account ends.
                if (Failure(await users.RemovePasswordAsync(user)) is { } removeError) return AccountResult.Refused(removeError);
                if (Failure(await users.AddPasswordAsync(user, password)) is { } addError) return AccountResult.Refused(addError);
                await audit.RecordAsync(AuditActions.PasswordChanged, user.Email, ct: ct);
            }
        }
        if (result.Succeeded) await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>The manager's role change (Admin only). An Agency role needs the agency's code.</summary>
    public async Task<AccountResult> ChangeRoleAsync(string userId, string role, string? agencyCode, CancellationToken ct = default)
    {
        var agency = await AgencyForRoleAsync(role, agencyCode, ct);
        if (agency.Error is not null) return AccountResult.Refused(agency.Error);
        var user = await users.FindByIdAsync(userId);
        if (user is null) return AccountResult.Refused("Không có tài khoản này.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await ChangeRoleCoreAsync(user, role, agency.Id, agencyCode, ct);
        if (result.Succeeded) await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>A person changes their own password: their other sessions end (the security stamp changes).</summary>
    public async Task<AccountResult> ChangePasswordAsync(StaffUser user, string currentPassword, string newPassword, CancellationToken ct = default)
    {
        if (PasswordRule.Check(newPassword) is { } broken) return AccountResult.Refused(broken);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (Failure(await users.ChangePasswordAsync(user, currentPassword, newPassword)) is { } error) return AccountResult.Refused(error);
        await audit.RecordAsync(AuditActions.PasswordChanged, user.Email, ct: ct);
        await transaction.CommitAsync(ct);
        return new AccountResult(true);
    }

    /// <summary>Locks an account until an Admin unlocks it; its sessions end and its tokens stop working.</summary>
    public async Task<AccountResult> SetLockedAsync(string userId, bool locked, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return AccountResult.Refused("Không có tài khoản này.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (locked) await users.UpdateSecurityStampAsync(user);
        else await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(locked ? AuditActions.AccountLocked : AuditActions.AccountUnlocked, user.Email, ct: ct);
        await transaction.CommitAsync(ct);
        return new AccountResult(true);
    }

    private async Task<AccountResult> ChangeRoleCoreAsync(StaffUser user, string role, int? agencyId, string? agencyCode, CancellationToken ct)
    {
        var current = await users.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == role && user.AgencyId == agencyId) return new AccountResult(true);
        if (Failure(await users.RemoveFromRolesAsync(user, current)) is { } removeError) return AccountResult.Refused(removeError);
        await EnsureRoleAsync(role);
        if (Failure(await users.AddToRoleAsync(user, role)) is { } addError) return AccountResult.Refused(addError);
        user.AgencyId = agencyId;
        // A new stamp ends the account's sessions, so no cookie keeps the old role's claims.
        if (Failure(await users.UpdateSecurityStampAsync(user)) is { } updateError) return AccountResult.Refused(updateError);
        await audit.RecordAsync(AuditActions.RoleChanged, user.Email,
            new { from = current.FirstOrDefault(), to = role, agency = agencyCode }, ct: ct);
        return new AccountResult(true);
    }

    private async Task<(int? Id, string? Error)> AgencyForRoleAsync(string role, string? agencyCode, CancellationToken ct)
    {
        if (role != StaffRoles.Agency) return (null, null);
        if (string.IsNullOrWhiteSpace(agencyCode)) return (null, "Vai trò Cơ quan cần mã cơ quan (--agency <mã>).");
        var id = await db.Agencies.Where(a => a.Code == agencyCode).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
        return id is null ? (null, $"Không có cơ quan mã \"{agencyCode}\".") : (id, null);
    }

    /// <summary>Roles are made when first given: no account or role exists until someone creates it.</summary>
    private async Task EnsureRoleAsync(string role)
    {
        if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
    }

    private static string? Failure(IdentityResult result) =>
        result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
}
