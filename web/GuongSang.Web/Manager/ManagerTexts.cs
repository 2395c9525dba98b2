using GuongSang.Content.Accounts;
using GuongSang.Content.Model;

namespace GuongSang.Web.Manager;

/// <summary>The manager's Vietnamese wording that recurs across its pages, in one place.</summary>
public static class ManagerTexts
{
    public const string Title = "Quản trị";

    /// <summary>One answer for every failed sign-in: it must not tell an unknown e-mail from a wrong password or a lock.</summary>
    public const string SignInFailed =
        "Không đăng nhập được: e-mail hoặc mật khẩu không đúng. Sau 5 lần sai liên tiếp, tài khoản tạm khóa 15 phút.";

    public static string Role(string? role) => role switch
    {
        StaffRoles.Admin => "Quản trị viên",
        StaffRoles.Editor => "Biên tập (Ban Thi đua - Khen thưởng)",
        StaffRoles.Writer => "Người viết",
        StaffRoles.Agency => "Cơ quan",
        _ => "Chưa có vai trò",
    };

    public static string Action(string action) => action switch
    {
        AuditActions.SignIn => "Đăng nhập",
        AuditActions.SignInFailed => "Đăng nhập không thành công",
        AuditActions.LockedOut => "Tạm khóa sau nhiều lần sai",
        AuditActions.SignOut => "Đăng xuất",
        AuditActions.AccountCreated => "Tạo tài khoản",
        AuditActions.RoleChanged => "Đổi vai trò",
        AuditActions.PasswordChanged => "Đổi mật khẩu",
        AuditActions.AccountLocked => "Khóa tài khoản",
        AuditActions.AccountUnlocked => "Mở khóa tài khoản",
        AuditActions.TokenCreated => "Tạo mã truy cập",
        AuditActions.TokenRevoked => "Thu hồi mã truy cập",
        AuditActions.Submitted => "Gửi duyệt",
        AuditActions.ReturnedToDraft => "Trả về bản nháp",
        AuditActions.Published => "Đăng (hoặc hẹn giờ đăng)",
        AuditActions.Archived => "Lưu trữ",
        AuditActions.Withdrawn => "Thu hồi nội dung",
        _ => action,
    };

    public static string Permission(Permission permission) => permission switch
    {
        Manager.Permission.UseManager => "Dùng trang quản trị và mã truy cập của mình",
        Manager.Permission.WriteDrafts => "Viết bản nháp và gửi duyệt",
        Manager.Permission.EditOwnAgency => "Sửa và gửi duyệt nội dung của cơ quan mình",
        Manager.Permission.EditAll => "Sửa nội dung của mọi cơ quan",
        Manager.Permission.Publish => "Công bố",
        Manager.Permission.Withdraw => "Thu hồi nội dung đã công bố",
        Manager.Permission.ManageAccounts => "Quản lý tài khoản",
        Manager.Permission.ReadAudit => "Xem nhật ký",
        _ => permission.ToString(),
    };
}
