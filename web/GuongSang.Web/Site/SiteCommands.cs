using System.Globalization;
using GuongSang.Content;
using GuongSang.Content.Review;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using GuongSang.Search;

namespace GuongSang.Web.Site;

/// <summary>
/// The site's operator commands (<c>dotnet run --project web/GuongSang.Web -- &lt;command&gt;</c>), run instead of
/// the site. Each works on the data folder the site would use, writes only through the database (never the
/// search index), so all are safe while the site runs. Exit codes: 0 done, 1 refused, 2 wrong usage.
/// </summary>
public static class SiteCommands
{
    public const string Actor = "dong-lenh";

    private const string Usage = """
        Lệnh quản trị:
          rebuild-index                 yêu cầu dựng lại chỉ mục tìm kiếm
          new-names                     liệt kê phong trào và cơ quan mới do nhập liệu tạo, chờ xác nhận
          confirm-movement <slug>       xác nhận phong trào mới: phong trào và các gương của nó được công khai
          confirm-agency <mã>           xác nhận cơ quan mới: các gương và bài viết của cơ quan được công khai
        """;

    private static readonly string[] Commands = ["rebuild-index", "new-names", "confirm-movement", "confirm-agency"];

    /// <summary>Runs the command <paramref name="args"/> names; null when they name none (the site starts).</summary>
    public static async Task<int?> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken ct = default)
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
            default:
                error.WriteLine(Usage);
                return 2;
        }
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
