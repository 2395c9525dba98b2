using GuongSang.Content.Storage;
using GuongSang.Search;

namespace GuongSang.Web.Search;

public static class SearchSiteExtensions
{
    /// <summary>
    /// <c>dotnet run --project web/GuongSang.Web -- rebuild-index</c>: asks the site(s) on this data folder's
    /// database to rebuild their search index. It writes one row in the change log and never opens the index,
    /// so it is safe while the site runs (the site rebuilds within seconds) or while it is stopped (on next start).
    /// </summary>
    public static async Task<bool> RunSearchCommandAsync(this WebApplicationBuilder builder, string[] args)
    {
        if (args is not ["rebuild-index", ..]) return false;
        var dataFolder = DataFolder.FromEnvironment(builder.Configuration["GuongSang:DataFolder"]);
        if (!File.Exists(dataFolder.DatabasePath))
        {
            Console.Error.WriteLine($"Không có cơ sở dữ liệu ở {dataFolder.DatabasePath}: trang web chưa từng chạy trên thư mục dữ liệu này (chỉ mục sẽ được dựng khi khởi động).");
            Environment.ExitCode = 1;
            return true;
        }
        var id = await SearchCommands.RequestRebuildAsync(dataFolder);
        Console.WriteLine($"Đã ghi yêu cầu dựng lại chỉ mục tìm kiếm (thay đổi số {id}) vào {dataFolder.DatabasePath}. Trang web đang chạy sẽ dựng lại trong vài giây; nếu trang web đang dừng, việc này diễn ra khi khởi động.");
        return true;
    }
}
