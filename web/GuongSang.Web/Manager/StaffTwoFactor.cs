using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Content.Text;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace GuongSang.Web.Manager;

/// <summary>
/// Two-factor sign-in settings of an account, on Identity's authenticator support (TOTP, RFC 6238) and recovery codes:
/// turning it on with a first right code, off with the password or a code (or by an Admin), new recovery codes.
/// Every change is audited, and changes the security stamp, so the account's other sessions end.
/// </summary>
public sealed class StaffTwoFactor(UserManager<StaffUser> users, SignInManager<StaffUser> sessions, IAuditLog audit)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>What the settings page shows: when off, the shared key (made on first visit) to scan or type.</summary>
    public async Task<TwoFactorPage> PageAsync(StaffUser user)
    {
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return new TwoFactorPage(true, await users.CountRecoveryCodesAsync(user), null, null, null);
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // A new key changes the security stamp: this session goes on, it is the one that asked.
            await sessions.RefreshSignInAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }
        var uri = AuthenticatorUri(user.Email!, key);
        return new TwoFactorPage(false, 0, GroupKey(key), uri, QrSvg(uri));
    }

    /// <summary>Turns two-factor on when <paramref name="code"/> is right for the shared key; the new recovery codes, else null.</summary>
    public async Task<IReadOnlyList<string>?> TurnOnAsync(StaffUser user, string? code, CancellationToken ct = default)
    {
        if (await users.GetTwoFactorEnabledAsync(user) || !await IsAuthenticatorCodeAsync(user, code)) return null;
        await users.SetTwoFactorEnabledAsync(user, true);
        await audit.RecordAsync(AuditActions.TwoFactorOn, user.Email, ct: ct);
        return await NewRecoveryCodesAsync(user, ct);
    }

    /// <summary>Replaces the account's recovery codes; the only time they are seen is in this answer.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(StaffUser user, CancellationToken ct = default)
    {
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        await audit.RecordAsync(AuditActions.RecoveryCodesMade, user.Email, new { count = codes.Count }, ct: ct);
        await sessions.RefreshSignInAsync(user);
        return codes;
    }

    /// <summary>Turns one's own two-factor off, given the current password or a right code; false otherwise.</summary>
    public async Task<bool> TurnOffAsync(StaffUser user, string? proof, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(proof) || !(await users.CheckPasswordAsync(user, proof) || await IsAuthenticatorCodeAsync(user, proof)))
        {
            return false;
        }
        await DisableAsync(user, "self", ct);
        await sessions.RefreshSignInAsync(user);
        return true;
    }

    /// <summary>An Admin turns off another account's two-factor (a lost phone); false when there is no such account.</summary>
    public async Task<bool> TurnOffForAsync(string userId, CancellationToken ct = default)
    {
        if (await users.FindByIdAsync(userId) is not { } user) return false;
        if (await users.GetTwoFactorEnabledAsync(user)) await DisableAsync(user, "admin", ct);
        return true;
    }

    private async Task DisableAsync(StaffUser user, string by, CancellationToken ct)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        // The old phone's key stops working: turning it on again means scanning a new one.
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.RecordAsync(AuditActions.TwoFactorOff, user.Email, new { by }, ct: ct);
    }

    private async Task<bool> IsAuthenticatorCodeAsync(StaffUser user, string? code)
    {
        code = new string([.. (code ?? "").Where(c => !char.IsWhiteSpace(c))]);
        return code.Length == 6 && code.All(char.IsAsciiDigit)
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
    }

    /// <summary>The key as authenticator apps take it, for the QR code (Key Uri Format of Google Authenticator).</summary>
    public static string AuthenticatorUri(string email, string key)
    {
        var issuer = Uri.EscapeDataString(Texts.SiteName);
        return $"otpauth://totp/{issuer}:{Uri.EscapeDataString(email)}?secret={key}&issuer={issuer}&digits=6";
    }

    /// <summary>The Base32 key in groups of four, for typing it by hand.</summary>
    public static string GroupKey(string key) => string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));

    /// <summary>An SVG drawn with attributes only (no style): the pages' Content-Security-Policy allows it inline.</summary>
    private static string QrSvg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
