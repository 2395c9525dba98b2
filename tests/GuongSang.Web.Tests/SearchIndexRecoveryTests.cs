using System.Net;
using System.Text.Json;
using GuongSang.Content.Model;
using GuongSang.Tests;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

public sealed class SearchIndexRecoveryTests
{
    private static async Task<int> TotalAsync(SiteFactory site, string q)
    {
        var response = await site.CreatePlainClient().GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(q));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("total").GetInt32();
    }

    private static Task WaitForTotalAsync(SiteFactory site, string q, int total) =>
        Poll.UntilAsync(async () => await TotalAsync(site, q) == total, $"'{q}' has {total} results");

    [Fact]
    public async Task A_corrupt_index_is_rebuilt_on_start_while_pages_keep_serving()
    {
        var path = Path.Combine(Path.GetTempPath(), "guongsang-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var first = new SiteFactory(demoContent: false, movements: false, dataPath: path))
            {
                first.CreatePlainClient();
                await using (var db = first.CreateDb())
                {
                    var movement = new Movement { Name = "Dân vận khéo", Slug = "dan-van-kheo" };
                    var agency = new Agency { Code = "so-noi-vu", Name = "Sở Nội vụ", Key = "so noi vu" };
                    db.Exemplars.Add(SearchSite.Exemplar(1, "Tổ hòa giải thôn Đông", "Hòa giải thành công 20 vụ việc.", ExemplarKind.Collective, movement, agency, null, "12/QĐ-UBND", 2024));
                    await db.SaveChangesAsync();
                }
                await WaitForTotalAsync(first, "hoa giai", 1);
            }

            foreach (var file in Directory.GetFiles(Path.Combine(path, "index")))
            {
                await File.WriteAllTextAsync(file, "hỏng");
            }

            using var second = new SiteFactory(demoContent: false, movements: false, dataPath: path);
            var home = await second.CreatePlainClient().GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            await WaitForTotalAsync(second, "hoa giai", 1);
            Assert.Equal("Healthy", await second.CreatePlainClient().GetStringAsync("/healthz"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
