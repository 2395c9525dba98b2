using GuongSang.Content.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace GuongSang.Web.Manager;

/// <summary>Two-factor sign-in: the second step after a right password, and one's own settings (Admin and Editor).</summary>
[AutoValidateAntiforgeryToken]
public sealed class TwoFactorController(StaffSignIn signIn, StaffTwoFactor twoFactor, UserManager<StaffUser> users) : Controller
{
    public const string SettingsPath = ManagerServiceExtensions.ManagerPath + "/xac-thuc-hai-buoc";
    public const string SecondStepPath = ManagerServiceExtensions.SignInPath + "/ma-xac-thuc";

    [AllowAnonymous]
    [HttpGet(SecondStepPath)]
    public async Task<IActionResult> SecondStep(string? returnUrl) =>
        await signIn.OwesCodeAsync() ? View(new SecondStepPage(returnUrl, null)) : Redirect(ManagerServiceExtensions.SignInPath);

    [AllowAnonymous]
    [HttpPost(SecondStepPath)]
    public async Task<IActionResult> SecondStep([FromForm] SecondStepForm form, CancellationToken ct) =>
        await signIn.SecondStepAsync(form.Code, ct) switch
        {
            null => Redirect(ManagerServiceExtensions.SignInPath),
            true => Redirect(ManagerController.AfterSignIn(Url, form.ReturnUrl)),
            false => View(new SecondStepPage(form.ReturnUrl, TwoFactorTexts.SecondStepFailed)),
        };

    [RequirePermission(Permission.UseTwoFactor)]
    [HttpGet(SettingsPath)]
    public async Task<IActionResult> Settings() =>
        await users.GetUserAsync(User) is { } user ? View(await twoFactor.PageAsync(user)) : Challenge();

    [RequirePermission(Permission.UseTwoFactor)]
    [HttpPost(SettingsPath + "/bat")]
    public async Task<IActionResult> TurnOn([FromForm] string? code, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        var codes = await twoFactor.TurnOnAsync(user, code, ct);
        var page = await twoFactor.PageAsync(user);
        return View(nameof(Settings), codes is null
            ? page with { Errors = new Dictionary<string, string> { ["code"] = TwoFactorTexts.WrongCode } }
            : page with { NewRecoveryCodes = codes, Notice = TwoFactorTexts.TurnedOn });
    }

    [RequirePermission(Permission.UseTwoFactor)]
    [HttpPost(SettingsPath + "/ma-khoi-phuc")]
    public async Task<IActionResult> NewRecoveryCodes(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (!await users.GetTwoFactorEnabledAsync(user)) return Redirect(SettingsPath);
        var codes = await twoFactor.NewRecoveryCodesAsync(user, ct);
        return View(nameof(Settings), await twoFactor.PageAsync(user) with { NewRecoveryCodes = codes });
    }

    [RequirePermission(Permission.UseTwoFactor)]
    [HttpPost(SettingsPath + "/tat")]
    public async Task<IActionResult> TurnOff([FromForm] string? proof, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (await twoFactor.TurnOffAsync(user, proof, ct))
        {
            return View(nameof(Settings), await twoFactor.PageAsync(user) with { Notice = TwoFactorTexts.TurnedOff });
        }
        return View(nameof(Settings), await twoFactor.PageAsync(user) with
        {
            Errors = new Dictionary<string, string> { ["proof"] = TwoFactorTexts.WrongProof },
        });
    }
}

public sealed class SecondStepForm
{
    public string? Code { get; set; }
    public string? ReturnUrl { get; set; }
}

public sealed record SecondStepPage(string? ReturnUrl, string? Error);

/// <summary>
/// The two-factor settings page. When off: the shared key, grouped for typing, its otpauth:// address and QR code.
/// <see cref="NewRecoveryCodes"/> is set once, on the answer that made them.
/// </summary>
public sealed record TwoFactorPage(bool Enabled, int RecoveryCodesLeft, string? SharedKey, string? AuthenticatorUri, string? QrSvg)
{
    public IReadOnlyList<string>? NewRecoveryCodes { get; init; }
    public string? Notice { get; init; }
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();
}

/// <summary>The two-factor pages' Vietnamese wording.</summary>
public static class TwoFactorTexts
{
    /// <summary>One answer for every failed second step: a wrong code, a spent recovery code, a locked account.</summary>
    public const string SecondStepFailed =
        "Không đăng nhập được: mã xác thực không đúng. Sau 5 lần sai liên tiếp (tính cả mật khẩu sai), tài khoản tạm khóa 15 phút.";

    public const string WrongCode = "Mã không đúng: hãy nhập mã 6 chữ số đang hiện trong ứng dụng xác thực.";
    public const string WrongProof = "Hãy nhập đúng mật khẩu hiện tại hoặc mã 6 chữ số đang hiện trong ứng dụng xác thực.";
    public const string TurnedOn = "Đã bật xác thực hai bước. Từ lần đăng nhập sau, trang web sẽ hỏi mã trong ứng dụng xác thực.";
    public const string TurnedOff = "Đã tắt xác thực hai bước. Các phiên đăng nhập khác của tài khoản này đã bị đăng xuất.";
}
