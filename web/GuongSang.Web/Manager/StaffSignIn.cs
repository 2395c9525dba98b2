using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using Microsoft.AspNetCore.Identity;

namespace GuongSang.Web.Manager;

/// <summary>How far a sign-in got.</summary>
public enum SignInStep
{
    Failed,
    Done,

    /// <summary>The password was right and the account has two-factor on: the session starts after the code.</summary>
    NeedsCode,
}

/// <summary>
/// Sign-in by e-mail and password, then, for an account with two-factor on, a code from its authenticator app or a
/// recovery code. An unknown e-mail, a wrong password and a locked account answer alike and each checks one password
/// hash, so neither the message nor the time taken tells which it was. Wrong codes count toward the same lockout.
/// </summary>
public sealed class StaffSignIn(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, IAuditLog audit)
{
    /// <summary>A hash of a random password, checked when there is no real one to check.</summary>
    private static string? _placeholderHash;

    private static readonly StaffUser Placeholder = new();

    public async Task<SignInStep> SignInAsync(string? email, string? password, CancellationToken ct = default)
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
            return SignInStep.Failed;
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditActions.SignIn, user.Email, actor: user.Email, ct: ct);
            return SignInStep.Done;
        }
        // Identity keeps the failed-attempt count until the code is right, so both steps share the lockout.
        if (result.RequiresTwoFactor) return SignInStep.NeedsCode;
        await audit.RecordAsync(AuditActions.SignInFailed, user.Email, new { reason = "wrong-password" }, actor: user.Email, ct: ct);
        if (result.IsLockedOut) await RecordLockedOutAsync(user, ct);
        return SignInStep.Failed;
    }

    /// <summary>Whether this browser has given a right password and still owes its code (for a few minutes).</summary>
    public async Task<bool> OwesCodeAsync() => await signIn.GetTwoFactorAuthenticationUserAsync() is not null;

    /// <summary>
    /// The second step: a 6-digit code from the authenticator app, or one recovery code (each works once). Null when
    /// nobody owes a code (no right password first, or it was too long ago).
    /// </summary>
    public async Task<bool?> SecondStepAsync(string? code, CancellationToken ct = default)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return null;
        code = new string([.. (code ?? "").Where(c => !char.IsWhiteSpace(c))]);
        var recovery = !(code.Length == 6 && code.All(char.IsAsciiDigit));
        var wasLocked = await users.IsLockedOutAsync(user);
        SignInResult result;
        if (!recovery)
        {
            result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        }
        else if (wasLocked)
        {
            // Identity redeems a recovery code even on a locked account: refused here, and the code is not spent.
            result = SignInResult.LockedOut;
        }
        else
        {
            result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
            // Identity does not count a wrong recovery code ("random enough"): here it counts like any wrong code.
            if (!result.Succeeded && (await users.AccessFailedAsync(user)).Succeeded && await users.IsLockedOutAsync(user))
            {
                result = SignInResult.LockedOut;
            }
        }

        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditActions.SignIn, user.Email, new { twoFactor = recovery ? "recovery-code" : "authenticator" },
                actor: user.Email, ct: ct);
            if (recovery)
            {
                await audit.RecordAsync(AuditActions.RecoveryCodeUsed, user.Email, new { left = await users.CountRecoveryCodesAsync(user) },
                    actor: user.Email, ct: ct);
            }
            return true;
        }
        await audit.RecordAsync(AuditActions.TwoFactorFailed, user.Email,
            new { reason = wasLocked ? "locked-out" : recovery ? "wrong-recovery-code" : "wrong-code" }, actor: user.Email, ct: ct);
        if (!wasLocked && result.IsLockedOut) await RecordLockedOutAsync(user, ct);
        return false;
    }

    private Task RecordLockedOutAsync(StaffUser user, CancellationToken ct) =>
        audit.RecordAsync(AuditActions.LockedOut, user.Email,
            new { minutes = (int)users.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes }, actor: user.Email, ct: ct);

    public async Task SignOutAsync(CancellationToken ct = default)
    {
        await audit.RecordAsync(AuditActions.SignOut, ct: ct);
        await signIn.SignOutAsync();
    }
}
