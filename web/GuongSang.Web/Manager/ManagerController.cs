using System.Security.Claims;
using GuongSang.Content.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace GuongSang.Web.Manager;

/// <summary>What every staff member has: sign-in and out, the start page, their password and their access tokens.</summary>
[RequirePermission(Permission.UseManager)]
[AutoValidateAntiforgeryToken]
public sealed class ManagerController(StaffSignIn signIn, UserManager<StaffUser> users, SignInManager<StaffUser> sessions, StaffAccounts accounts, AccessTokens tokens)
    : Controller
{
    private const string Start = ManagerServiceExtensions.ManagerPath;

    [AllowAnonymous]
    [HttpGet(ManagerServiceExtensions.SignInPath)]
    public IActionResult SignIn(string? returnUrl) =>
        User.Identity?.IsAuthenticated == true ? Redirect(Start) : View(new SignInPage(null, returnUrl, null));

    [AllowAnonymous]
    [HttpPost(ManagerServiceExtensions.SignInPath)]
    public async Task<IActionResult> SignIn([FromForm] SignInForm form, CancellationToken ct)
    {
        return await signIn.SignInAsync(form.Email, form.Password, ct) switch
        {
            SignInStep.Done => Redirect(AfterSignIn(Url, form.ReturnUrl)),
            SignInStep.NeedsCode => Redirect(string.IsNullOrEmpty(form.ReturnUrl)
                ? TwoFactorController.SecondStepPath
                : TwoFactorController.SecondStepPath + QueryString.Create("ReturnUrl", form.ReturnUrl)),
            _ => View(new SignInPage(form.Email, form.ReturnUrl, ManagerTexts.SignInFailed)),
        };
    }

    /// <summary>Only back into the manager: a link from elsewhere cannot send a person who just signed in off the site.</summary>
    internal static string AfterSignIn(IUrlHelper url, string? returnUrl) =>
        url.IsLocalUrl(returnUrl) && ManagerServiceExtensions.IsManager(new PathString(returnUrl.Split('?')[0])) ? returnUrl : Start;

    [HttpPost(Start + "/dang-xuat")]
    public async Task<IActionResult> SignOut(CancellationToken ct)
    {
        await signIn.SignOutAsync(ct);
        return Redirect(ManagerServiceExtensions.SignInPath);
    }

    [HttpGet(Start)]
    public IActionResult Index()
    {
        var role = Permissions.RoleOf(User);
        return View(new StartPage(User.Identity!.Name!, role, User.FindFirstValue(StaffIdentity.AgencyClaim), Permissions.Of(role)));
    }

    [HttpGet(Start + "/mat-khau")]
    public IActionResult Password() => View(new PasswordPage(false, new Dictionary<string, string>()));

    [HttpPost(Start + "/mat-khau")]
    public async Task<IActionResult> Password([FromForm] PasswordForm form, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrEmpty(form.CurrentPassword)) errors[nameof(form.CurrentPassword)] = "Hãy nhập mật khẩu hiện tại.";
        if (PasswordRule.Check(form.NewPassword) is { } broken) errors[nameof(form.NewPassword)] = broken;
        else if (form.NewPassword != form.ConfirmPassword) errors[nameof(form.ConfirmPassword)] = "Hai lần nhập mật khẩu mới không giống nhau.";
        if (errors.Count == 0)
        {
            var user = await users.GetUserAsync(User);
            if (user is null) return Challenge();
            var result = await accounts.ChangePasswordAsync(user, form.CurrentPassword!, form.NewPassword!, ct);
            if (result.Succeeded)
            {
                // This session goes on with the new security stamp; every other one ends at its next check.
                await sessions.RefreshSignInAsync(user);
                return View(new PasswordPage(true, errors));
            }
            errors[nameof(form.CurrentPassword)] = result.Error!;
        }
        return View(new PasswordPage(false, errors));
    }

    [HttpGet(Start + "/ma-truy-cap")]
    public async Task<IActionResult> Tokens(CancellationToken ct) =>
        View(new TokensPage(await tokens.ListAsync(UserId, ct), null, null, null));

    [HttpPost(Start + "/ma-truy-cap")]
    public async Task<IActionResult> CreateToken([FromForm] string? name, CancellationToken ct)
    {
        if (name is { Length: > AccessTokens.MaxNameLength })
        {
            return View(nameof(Tokens), new TokensPage(await tokens.ListAsync(UserId, ct), null, name,
                $"Tên mã truy cập dài tối đa {AccessTokens.MaxNameLength} ký tự."));
        }
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var (token, secret) = await tokens.CreateAsync(user, name, ct);
        // Shown in this answer only (no redirect, no cache): the database keeps its hash alone.
        return View(nameof(Tokens), new TokensPage(await tokens.ListAsync(UserId, ct), secret, token.Name, null));
    }

    [HttpPost(Start + "/ma-truy-cap/{id:int}/thu-hoi")]
    public async Task<IActionResult> RevokeToken(int id, CancellationToken ct) =>
        await tokens.RevokeAsync(UserId, id, ct) ? Redirect(Start + "/ma-truy-cap") : NotFound();

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
