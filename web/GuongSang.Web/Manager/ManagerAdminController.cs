using System.Globalization;
using System.Security.Claims;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Manager;

/// <summary>The Admin's pages: accounts (role, lock) and the audit log.</summary>
[AutoValidateAntiforgeryToken]
public sealed class ManagerAdminController(GuongSangDb db, StaffAccounts accounts, StaffTwoFactor twoFactor) : Controller
{
    private const string Accounts = ManagerServiceExtensions.ManagerPath + "/tai-khoan";
    public const int AuditPageSize = 50;

    [RequirePermission(Permission.ReadAudit)]
    [HttpGet(ManagerServiceExtensions.ManagerPath + "/nhat-ky")]
    public async Task<IActionResult> AuditLog(
        [FromQuery(Name = "nguoi")] string? person, [FromQuery(Name = "hanh-dong")] string? action,
        [FromQuery(Name = "tu")] string? from, [FromQuery(Name = "den")] string? to, [FromQuery(Name = "trang")] int page = 1,
        CancellationToken ct = default)
    {
        var filter = new AuditFilter(person?.Trim(), action, from?.Trim(), to?.Trim());
        var errors = new Dictionary<string, string>();
        var fromUtc = ParseDay(filter.From, "tu", "Từ ngày", errors);
        var toUtc = ParseDay(filter.To, "den", "Đến ngày", errors);
        if (page < 1) errors["trang"] = "Số trang phải từ 1 trở lên.";
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new AuditPage([], filter, 1, 1, 0, errors));
        }

        var query = db.AuditEntries.AsQueryable();
        if (!string.IsNullOrEmpty(filter.Person)) query = query.Where(a => a.Actor == filter.Person || a.Target == filter.Person);
        if (!string.IsNullOrEmpty(filter.Action)) query = query.Where(a => a.Action == filter.Action);
        if (fromUtc is { } f) query = query.Where(a => a.At >= f);
        // "Đến ngày" includes that whole day, in Vietnam time.
        if (toUtc is { } t) query = query.Where(a => a.At < t.AddDays(1));
        var total = await query.CountAsync(ct);
        var request = new PageRequest(page, AuditPageSize);
        var entries = await query.OrderByDescending(a => a.Id).ToPageAsync(request, total, ct);
        var pageCount = Math.Max(1, (total + AuditPageSize - 1) / AuditPageSize);
        return View(new AuditPage(entries, filter, page, pageCount, total, errors));
    }

    [RequirePermission(Permission.ManageAccounts)]
    [HttpGet(Accounts)]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await AccountsPageAsync(null, ct));

    [RequirePermission(Permission.ManageAccounts)]
    [HttpPost(Accounts + "/{id}/vai-tro")]
    public async Task<IActionResult> ChangeRole(string id, [FromForm] string? role, [FromForm] string? agency, CancellationToken ct)
    {
        if (id == CurrentUserId) return await Refused("Không thể tự đổi vai trò của mình: hãy nhờ một quản trị viên khác.", ct);
        if (StaffRoles.Parse(role) is not { } parsed) return await Refused("Hãy chọn một vai trò.", ct);
        var result = await accounts.ChangeRoleAsync(id, parsed, parsed == StaffRoles.Agency ? agency : null, ct);
        return result.Succeeded ? Redirect(Accounts) : await Refused(result.Error!, ct);
    }

    [RequirePermission(Permission.ManageAccounts)]
    [HttpPost(Accounts + "/{id}/khoa")]
    public Task<IActionResult> Lock(string id, CancellationToken ct) => SetLockedAsync(id, true, ct);

    [RequirePermission(Permission.ManageAccounts)]
    [HttpPost(Accounts + "/{id}/mo-khoa")]
    public Task<IActionResult> Unlock(string id, CancellationToken ct) => SetLockedAsync(id, false, ct);

    /// <summary>For a lost phone: the account signs in with its password alone until it turns two-factor on again.</summary>
    [RequirePermission(Permission.ManageAccounts)]
    [HttpPost(Accounts + "/{id}/tat-xac-thuc-hai-buoc")]
    public async Task<IActionResult> TurnOffTwoFactor(string id, CancellationToken ct)
    {
        if (id == CurrentUserId) return await Refused("Hãy tắt xác thực hai bước của mình ở trang Xác thực hai bước.", ct);
        return await twoFactor.TurnOffForAsync(id, ct) ? Redirect(Accounts) : NotFound();
    }

    private async Task<IActionResult> SetLockedAsync(string id, bool locked, CancellationToken ct)
    {
        if (id == CurrentUserId) return await Refused("Không thể tự khóa tài khoản của mình.", ct);
        var result = await accounts.SetLockedAsync(id, locked, ct);
        return result.Succeeded ? Redirect(Accounts) : await Refused(result.Error!, ct);
    }

    private async Task<IActionResult> Refused(string error, CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Index), await AccountsPageAsync(error, ct));
    }

    private async Task<AccountsPage> AccountsPageAsync(string? error, CancellationToken ct)
    {
        var now = db.Clock.GetUtcNow();
        var rows = await (
            from u in db.Users
            join a in db.Agencies on u.AgencyId equals a.Id into owners
            from a in owners.DefaultIfEmpty()
            orderby u.Email
            select new
            {
                u.Id, u.Email, u.LockoutEnd, u.CreatedAt, u.TwoFactorEnabled, Agency = a == null ? null : a.Code,
                Role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        var agencies = await db.Agencies.Where(a => !a.NeedsReview).OrderBy(a => a.Name).ToListAsync(ct);
        return new AccountsPage(
            [.. rows.Select(r => new AccountRow(r.Id, r.Email!, r.Role, r.Agency, r.LockoutEnd > now, r.CreatedAt, r.TwoFactorEnabled))],
            agencies, CurrentUserId, error);
    }

    private string CurrentUserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>A dd/MM/yyyy day in Vietnam time as the UTC instant it starts at; a malformed one is named in <paramref name="errors"/>.</summary>
    private static DateTime? ParseDay(string? text, string field, string label, Dictionary<string, string> errors)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (DateTime.TryParseExact(text, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return DateTime.SpecifyKind(day - VietnamTime.Offset, DateTimeKind.Utc);
        }
        errors[field] = $"Ô \"{label}\": \"{text}\" không phải ngày dạng dd/MM/yyyy.";
        return null;
    }
}
