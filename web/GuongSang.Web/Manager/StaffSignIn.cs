using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using Microsoft.AspNetCore.Identity;

namespace GuongSang.Web.Manager;

/// <summary>
/// Sign-in by e-mail and password. An unknown e-mail, a wrong password and a locked account answer alike and
/// each checks one password hash, so neither the message nor the time taken tells which it was.
/// </summary>
public sealed class StaffSignIn(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, IAuditLog audit)
{
    /// <summary>A hash of a random password, checked when there is no real one to check.</summary>
    private static string? _placeholderHash;

    private static readonly StaffUser Placeholder = new();

    public async Task<bool> SignInAsync(string? email, string? password, CancellationToken ct = default)
    {
        password ??= "";
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null || await users.IsLockedOutAsync(user))
        {
            var placeholder = _placeholderHash ??= users.PasswordHasher.HashPassword(Placeholder, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
            users.PasswordHasher.VerifyHashedPassword(Placeholder, placeholder, password);
            // An unknown e-mail is not written down: it may be a password typed in the wrong box.
            await audit.RecordAsync(AuditActions.SignInFailed, user?.Email,
                new { reason = user is null ? "unknown-account" : "locked-out" }, actor: user?.Email ?? AuditLog.Anonymous, ct: ct);
            return false;
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditActions.SignIn, user.Email, actor: user.Email, ct: ct);
            return true;
        }
        await audit.RecordAsync(AuditActions.SignInFailed, user.Email, new { reason = "wrong-password" }, actor: user.Email, ct: ct);
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(AuditActions.LockedOut, user.Email,
                new { minutes = (int)users.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes }, actor: user.Email, ct: ct);
        }
        return false;
    }

    public async Task SignOutAsync(CancellationToken ct = default)
    {
        await audit.RecordAsync(AuditActions.SignOut, ct: ct);
        await signIn.SignOutAsync();
    }
}
