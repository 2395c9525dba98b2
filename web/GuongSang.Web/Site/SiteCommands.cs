using System.Globalization;
using System.Text;
using GuongSang.Content;
using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Content.Review;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using GuongSang.Search;
using GuongSang.Web.Manager;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Site;

/// <summary>
/// The site's operator commands (<c>dotnet run --project web/GuongSang.Web -- &lt;command&gt;</c>), run instead of
/// the site. Each works on the data folder the site would use, writes only through the database (never the
/// search index), so all are safe while the site runs. Exit codes: 0 done, 1 refused, 2 wrong usage.
/// </summary>
public static class SiteCommands
{
    public const string Actor = AuditLog.CommandLine;

    private const string Usage = """
        Lệnh quản trị:
          rebuild-index                 yêu cầu dựng lại chỉ mục tìm kiếm
          new-names                     liệt kê phong trào và cơ quan mới do nhập liệu tạo, chờ xác nhận
          confirm-movement <slug>       xác nhận phong trào mới: phong trào và các gương của nó được công khai
          confirm-agency <mã>           xác nhận cơ quan mới: các gương và bài viết của cơ quan được công khai
          create-user <email> --role admin|editor|writer|agency [--agency <mã>]
                                        tạo tài khoản quản trị, hoặc đổi vai trò (và mật khẩu, nếu nhập) của tài khoản đã có;
                                        mật khẩu đọc từ đầu vào chuẩn khi được chuyển vào (echo … | …), nếu không thì hỏi hai lần
          create-token <email> [--name <tên>]
                                        tạo một mã truy cập cho API quản trị của tài khoản; mã chỉ hiện một lần
        """;

    private static readonly string[] Commands = ["rebuild-index", "new-names", "confirm-movement", "confirm-agency", "create-user", "create-token"];

    /// <summary>Runs the command <paramref name="args"/> names; null when they name none (the site starts).</summary>
    /// <param name="input">Standard input when it is redirected (a password piped in); null on a terminal, where a password is asked without echo.</param>
    public static async Task<int?> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error, TextReader? input = null, CancellationToken ct = default)
    {
        if (args.Length == 0 || !Commands.Contains(args[0])) return null;
        var dataFolder = DataFolder.FromEnvironment(configuration["GuongSang:DataFolder"]);
        if (!File.Exists(dataFolder.DatabasePath))
        {
            error.WriteLine($"Không có cơ sở dữ liệu ở {dataFolder.DatabasePath}: trang web chưa từng chạy trên thư mục dữ liệu này.");
            return 1;
        }
        switch (args)
        {
            case ["rebuild-index"]:
                var id = await SearchCommands.RequestRebuildAsync(dataFolder, ct);
                output.WriteLine($"Đã ghi yêu cầu dựng lại chỉ mục tìm kiếm (thay đổi số {id}) vào {dataFolder.DatabasePath}. Trang web đang chạy sẽ dựng lại trong vài giây; nếu trang web đang dừng, việc này diễn ra khi khởi động.");
                return 0;
            case ["new-names"]:
                await using (var db = ContentServiceCollectionExtensions.CreateDb(dataFolder, Actor))
                {
                    var names = await NewNames.ListAsync(db, ct);
                    if (names.Count == 0) output.WriteLine("Không có phong trào hay cơ quan nào chờ xác nhận.");
                    foreach (var n in names)
                    {
                        var kind = n.Kind == NewNameKind.Movement ? "phong trào" : "cơ quan";
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{kind}\t{n.Key}\t{n.Name}\t{n.HeldExemplars} gương đang chờ\ttạo {VietnamTime.Date(n.CreatedAt)}"));
                    }
                }
                return 0;
            case ["confirm-movement", var slug]:
                return await ConfirmAsync(dataFolder, db => NewNames.ConfirmMovementAsync(db, slug, ct),
                    $"Đã xác nhận phong trào \"{slug}\".", $"Không có phong trào chờ xác nhận với slug \"{slug}\" (xem: new-names).", output, error);
            case ["confirm-agency", var code]:
                return await ConfirmAsync(dataFolder, db => NewNames.ConfirmAgencyAsync(db, code, ct),
                    $"Đã xác nhận cơ quan \"{code}\".", $"Không có cơ quan chờ xác nhận với mã \"{code}\" (xem: new-names).", output, error);
            case ["create-user", .. var rest] when Options(rest, ["--role", "--agency"]) is ({ } email, var options)
                && options.TryGetValue("--role", out var roleName) && StaffRoles.Parse(roleName) is { } role
                && options.ContainsKey("--agency") == (role == StaffRoles.Agency):
                return await CreateUserAsync(dataFolder, email, role, options.GetValueOrDefault("--agency"), output, error, input, ct);
            case ["create-token", .. var rest] when Options(rest, ["--name"]) is ({ } email, var options):
                return await CreateTokenAsync(dataFolder, email, options.GetValueOrDefault("--name"), output, error, ct);
            default:
                error.WriteLine(Usage);
                return 2;
        }
    }

    /// <summary>One positional value and the named options given, each once with a value; null on anything else.</summary>
    private static (string? Positional, Dictionary<string, string> Options) Options(string[] args, string[] names)
    {
        string? positional = null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (names.Contains(args[i]) && i + 1 < args.Length && !options.ContainsKey(args[i])) options[args[i]] = args[++i];
            else if (positional is null && !args[i].StartsWith("--", StringComparison.Ordinal)) positional = args[i];
            else return (null, options);
        }
        return (positional, options);
    }

    private static async Task<int> CreateUserAsync(
        DataFolder dataFolder, string email, string role, string? agency, TextWriter output, TextWriter error, TextReader? input, CancellationToken ct)
    {
        await using var services = AccountServices(dataFolder);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<GuongSangDb>().Database.MigrateAsync(ct);
        var exists = await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email) is not null;

        string? password;
        if (input is not null)
        {
            password = input.ReadLine();
            if (string.IsNullOrEmpty(password)) password = null;
        }
        else
        {
            password = ReadSecret(error, exists ? "Mật khẩu mới (Enter để giữ mật khẩu cũ): " : "Mật khẩu: ");
            if (password.Length == 0 && exists) password = null;
            else if (PasswordRule.Check(password) is null && ReadSecret(error, "Nhập lại mật khẩu: ") != password)
            {
                error.WriteLine("Hai lần nhập mật khẩu không giống nhau: không thay đổi gì.");
                return 1;
            }
        }

        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().SaveAsync(email, role, agency, password, ct);
        if (!result.Succeeded)
        {
            error.WriteLine(result.Error);
            return 1;
        }
        output.WriteLine(result.Created
            ? $"Đã tạo tài khoản {email} với vai trò {ManagerTexts.Role(role)}. Đăng nhập ở /quan-tri/dang-nhap."
            : $"Đã cập nhật tài khoản {email}: vai trò {ManagerTexts.Role(role)}{(password is null ? "" : ", mật khẩu mới (mọi phiên đăng nhập cũ đã kết thúc)")}.");
        return 0;
    }

    private static async Task<int> CreateTokenAsync(DataFolder dataFolder, string email, string? name, TextWriter output, TextWriter error, CancellationToken ct)
    {
        await using var services = AccountServices(dataFolder);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<GuongSangDb>().Database.MigrateAsync(ct);
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email);
        if (user is null)
        {
            error.WriteLine($"Không có tài khoản {email} (tạo bằng: create-user).");
            return 1;
        }
        if (name is { Length: > AccessTokens.MaxNameLength })
        {
            error.WriteLine($"Tên mã truy cập dài tối đa {AccessTokens.MaxNameLength} ký tự.");
            return 1;
        }
        var (token, secret) = await scope.ServiceProvider.GetRequiredService<AccessTokens>()
            .CreateAsync(user, name ?? "Dòng lệnh " + VietnamTime.Date(DateTime.UtcNow), ct);
        error.WriteLine($"Mã truy cập \"{token.Name}\" của {email} (chỉ hiện một lần, hãy chép ngay):");
        output.WriteLine(secret);
        return 0;
    }

    /// <summary>What the account commands need: the database, Identity with the site's rules, the audit log as the command line.</summary>
    private static ServiceProvider AccountServices(DataFolder dataFolder)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<GuongSangDb>(o => ContentServiceCollectionExtensions.ConfigureDb(o, dataFolder));
        services.AddScoped<IAuditLog>(sp => new AuditLog(sp.GetRequiredService<GuongSangDb>(), Actor));
        services.AddStaffIdentity();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<AccessTokens>();
        return services.BuildServiceProvider();
    }

    /// <summary>A line typed on the terminal without echo.</summary>
    private static string ReadSecret(TextWriter prompt, string text)
    {
        prompt.Write(text);
        var typed = new StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace) typed.Length = Math.Max(0, typed.Length - 1);
            else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        prompt.WriteLine();
        return typed.ToString();
    }

    private static async Task<int> ConfirmAsync(DataFolder dataFolder, Func<GuongSangDb, Task<bool>> confirm, string done, string refused, TextWriter output, TextWriter error)
    {
        await using var db = ContentServiceCollectionExtensions.CreateDb(dataFolder, Actor);
        if (!await confirm(db))
        {
            error.WriteLine(refused);
            return 1;
        }
        output.WriteLine(done + " Trang web hiện nội dung của nó ngay; tìm kiếm trong vài giây.");
        return 0;
    }
}
