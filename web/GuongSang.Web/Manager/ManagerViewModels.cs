using System.ComponentModel.DataAnnotations;
using GuongSang.Content.Model;

namespace GuongSang.Web.Manager;

public sealed class SignInForm
{
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
}

public sealed record SignInPage(string? Email, string? ReturnUrl, string? Error);

public sealed record StartPage(string Email, string? Role, string? Agency, IReadOnlyList<Permission> Permissions);

public sealed class PasswordForm
{
    [Display(Name = "Mật khẩu hiện tại")]
    public string? CurrentPassword { get; set; }

    [Display(Name = "Mật khẩu mới")]
    public string? NewPassword { get; set; }

    [Display(Name = "Nhập lại mật khẩu mới")]
    public string? ConfirmPassword { get; set; }
}

public sealed record PasswordPage(bool Done, IReadOnlyDictionary<string, string> Errors);

/// <summary>The "Mã truy cập" page; <see cref="NewSecret"/> is set once, on the answer that created it.</summary>
public sealed record TokensPage(IReadOnlyList<AccessToken> Tokens, string? NewSecret, string? NewName, string? Error);

public sealed record AccountRow(string Id, string Email, string? Role, string? AgencyCode, bool Locked, DateTime CreatedAt, bool TwoFactor);

public sealed record AccountsPage(IReadOnlyList<AccountRow> Accounts, IReadOnlyList<Agency> Agencies, string CurrentUserId, string? Error);

public sealed record AuditFilter(string? Person, string? Action, string? From, string? To);

public sealed record AuditPage(
    IReadOnlyList<AuditEntry> Entries, AuditFilter Filter, int Page, int PageCount, int Total, IReadOnlyDictionary<string, string> Errors)
{
    /// <summary>This page's address with the same filter and another page number.</summary>
    public string PageUrl(int page) => ManagerServiceExtensions.ManagerPath + "/nhat-ky" + QueryString.Create(
        new Dictionary<string, string?>
        {
            ["nguoi"] = Filter.Person, ["hanh-dong"] = Filter.Action, ["tu"] = Filter.From, ["den"] = Filter.To,
            ["trang"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
