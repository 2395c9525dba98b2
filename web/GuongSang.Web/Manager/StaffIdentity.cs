using System.Security.Claims;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GuongSang.Web.Manager;

/// <summary>
/// ASP.NET Core Identity for staff accounts on the site's database, configured in one place for the site and
/// for its command line (create-user, create-token).
/// </summary>
public static class StaffIdentity
{
    /// <summary>The claim that carries an Agency account's agency code.</summary>
    public const string AgencyClaim = "guongsang:agency";

    public static IdentityBuilder AddStaffIdentity(this IServiceCollection services) =>
        services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // The rule is PasswordRule's alone (one rule, said once in Vietnamese): Identity's own checks are off.
                o.Password = new PasswordOptions
                {
                    RequiredLength = 1, RequiredUniqueChars = 1, RequireDigit = false, RequireLowercase = false,
                    RequireUppercase = false, RequireNonAlphanumeric = false,
                };
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<GuongSangDb>()
            .AddUserStore<StaffUserStore>()
            .AddErrorDescriber<VietnameseIdentityErrors>()
            .AddPasswordValidator<PasswordRule>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            // Two-factor sign-in by an authenticator app (TOTP); AddIdentityCore registers no token provider itself.
            .AddTokenProvider<AuthenticatorTokenProvider<StaffUser>>(TokenOptions.DefaultAuthenticatorProvider);
}

/// <summary>
/// The password rule: at least 12 characters, of at least two kinds (lower case, upper case, digits, other signs).
/// Long passphrases are welcome; a long run of one kind ("aaaaaaaaaaaa", "123456789012") is not.
/// </summary>
public sealed class PasswordRule : IPasswordValidator<StaffUser>
{
    public const int MinimumLength = 12;

    public const string Text = "Mật khẩu phải dài ít nhất 12 ký tự và gồm ít nhất hai loại ký tự: chữ thường, chữ hoa, chữ số, ký hiệu.";

    /// <summary>The rule's text when <paramref name="password"/> breaks it, else null.</summary>
    public static string? Check(string? password)
    {
        if (password is null || password.Length < MinimumLength) return Text;
        var kinds = 0;
        if (password.Any(char.IsLower)) kinds++;
        if (password.Any(char.IsUpper)) kinds++;
        if (password.Any(char.IsDigit)) kinds++;
        if (password.Any(c => !char.IsLetterOrDigit(c))) kinds++;
        return kinds >= 2 ? null : Text;
    }

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password) =>
        Task.FromResult(Check(password) is { } broken
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordRule", Description = broken })
            : IdentityResult.Success);
}

/// <summary>
/// Identity on the site's database, which reads untracked by default: Identity updates the account it read
/// (failed-attempt counts, security stamp) and needs every read to give the one instance the context tracks.
/// A request that uses accounts tracks what it reads.
/// </summary>
public sealed class StaffUserStore : UserStore<StaffUser, IdentityRole, GuongSangDb>
{
    // Where Identity's own store keeps recovery codes, so its CountCodesAsync still counts them.
    private const string CodesProvider = "[AspNetUserStore]";
    private const string CodesName = "RecoveryCodes";

    public StaffUserStore(GuongSangDb db, IdentityErrorDescriber describer)
        : base(db, describer) => db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.TrackAll;

    // Identity keeps recovery codes as typed; here only their hashes are kept, so a copy of the database signs nobody in.
    public override Task ReplaceCodesAsync(StaffUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, CodesProvider, CodesName, string.Join(';', recoveryCodes.Select(c => CodeHash(user, c))), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(StaffUser user, string code, CancellationToken cancellationToken)
    {
        var codes = (await GetTokenAsync(user, CodesProvider, CodesName, cancellationToken) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        var hash = CodeHash(user, code);
        if (!codes.Contains(hash, StringComparer.Ordinal)) return false;
        await SetTokenAsync(user, CodesProvider, CodesName, string.Join(';', codes.Where(c => c != hash)), cancellationToken);
        return true;
    }

    /// <summary>Salted by the account, and blind to case, spaces and dashes as people type them.</summary>
    private static string CodeHash(StaffUser user, string code) =>
        Secrets.Hash(user.Id + ":" + new string([.. code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]));
}

/// <summary>An account's claims: Identity's (id, e-mail, role, security stamp) and an Agency account's agency code.</summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, GuongSangDb db)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.AgencyId is { } agencyId && await db.Agencies.Where(a => a.Id == agencyId).Select(a => a.Code).FirstOrDefaultAsync() is { } code)
        {
            identity.AddClaim(new Claim(StaffIdentity.AgencyClaim, code));
        }
        return identity;
    }
}

/// <summary>Identity's messages in Vietnamese (only those staff can meet: the rest keep the generic one).</summary>
public sealed class VietnameseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "Không thực hiện được thao tác." };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = $"E-mail \"{email}\" không hợp lệ." };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"E-mail \"{userName}\" có ký tự không dùng được làm tên đăng nhập." };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"Đã có tài khoản với e-mail \"{email}\"." };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"Đã có tài khoản với e-mail \"{userName}\"." };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Mật khẩu hiện tại không đúng." };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "Tài khoản vừa được thay đổi ở nơi khác; hãy thử lại." };
    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = $"Tài khoản đã có vai trò {role}." };
}
