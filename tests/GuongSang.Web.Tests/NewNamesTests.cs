using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GuongSang.Content.Model;
using GuongSang.Content.Text;
using GuongSang.Import;
using GuongSang.Tests;
using GuongSang.Web.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace GuongSang.Web.Tests;

/// <summary>
/// A movement or agency an import creates stays off the public site, with everything under it, until the
/// board confirms it with the site's command line; then pages, the API and search show it.
/// </summary>
public sealed class NewNamesTests
{
    private const string Header = "Mã hồ sơ,Họ và tên,Loại điển hình,Phong trào thi đua,Tóm tắt thành tích,Trạng thái";

    private static async Task<(int Exit, string Output, string Error)> RunAsync(SiteFactory site, params string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["GuongSang:DataFolder"] = site.DataPath }).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SiteCommands.RunAsync(args, configuration, output, error);
        Assert.NotNull(exit);
        return (exit.Value, output.ToString(), error.ToString());
    }

    /// <summary>The codes search finds (a query that finds nothing may answer for a suggested spelling instead).</summary>
    private static async Task<List<string>> SearchCodesAsync(HttpClient client, string query) =>
        [.. JsonDocument.Parse(await client.GetPageAsync("/api/v1/search?q=" + Uri.EscapeDataString(query))).RootElement
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!)];

    [Fact]
    public async Task A_movement_an_import_creates_shows_nothing_until_the_board_confirms_it()
    {
        using var site = new SiteFactory(demoContent: false);
        using var client = site.CreatePlainClient();
        await client.GetPageAsync("/");
        string key;
        await using (var db = site.CreateDb())
        {
            key = (await AgencyKeys.SetAsync(db, "DTN", "Đoàn Thanh niên tỉnh Gia Lai", DateTime.UtcNow))!;
        }
        var csv = $"""
            {Header}
            MV-1,Trần Văn Kiên Định,Cá nhân,Phong trào "Ánh trăng biên giới",Dạy chữ cho trẻ vùng biên.,Đã duyệt
            MV-2,Lê Thị Đối Chứng,Cá nhân,Hiến máu tình nguyện,Hiến máu 30 lần.,Đã duyệt
            """;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "quy-4.csv");
            var pushed = await client.PostAsync("/api/v1/agencies/DTN/submissions", form);
            var report = await pushed.Content.ReadAsStringAsync();
            Assert.True(pushed.StatusCode == HttpStatusCode.OK, report);
            Assert.Contains("chờ Ban Thi đua xác nhận", report);
        }
        client.DefaultRequestHeaders.Authorization = null;

        int held;
        string slug;
        await using (var db = site.CreateDb())
        {
            var movement = await db.Movements.SingleAsync(m => m.NeedsReview);
            slug = movement.Slug;
            held = await db.Exemplars.Where(e => e.Code == "MV-1").Select(e => e.Id).SingleAsync();
        }
        var heldPage = $"/guong-sang/{held}/{VietnameseText.Slug("Trần Văn Kiên Định")}";

        // The control row (a known movement) is searchable, so the index has seen the push: the held one is not in it.
        await Poll.UntilAsync(async () => (await SearchCodesAsync(client, "Đối Chứng")).Contains("MV-2"), "control row searchable");
        Assert.DoesNotContain("MV-1", await SearchCodesAsync(client, "Kiên Định"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/phong-trao/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/movements/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(heldPage)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/exemplars/{held}")).StatusCode);
        Assert.DoesNotContain("Ánh trăng biên giới", await client.GetPageAsync("/phong-trao"));
        Assert.DoesNotContain("Ánh trăng biên giới", await client.GetPageAsync("/api/v1/movements"));
        Assert.DoesNotContain("Kiên Định", await client.GetPageAsync("/"));

        var listed = await RunAsync(site, "new-names");
        Assert.Equal(0, listed.Exit);
        Assert.Contains($"phong trào\t{slug}\tPhong trào \"Ánh trăng biên giới\"\t1 gương đang chờ", listed.Output);

        Assert.Equal((0, ""), (await RunAsync(site, "confirm-movement", slug)) is var c ? (c.Exit, c.Error) : default);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/phong-trao/{slug}")).StatusCode);
        Assert.Contains("Kiên Định", await client.GetPageAsync($"/phong-trao/{slug}"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/exemplars/{held}")).StatusCode);
        await Poll.UntilAsync(async () => (await SearchCodesAsync(client, "Kiên Định")).Contains("MV-1"), "confirmed exemplar searchable");
        Assert.Contains("Không có phong trào hay cơ quan nào chờ xác nhận.", (await RunAsync(site, "new-names")).Output);
    }

    [Fact]
    public async Task An_agency_an_import_creates_shows_nothing_until_the_board_confirms_it()
    {
        using var site = new SiteFactory(demoContent: false);
        using var client = site.CreatePlainClient();
        await client.GetPageAsync("/");
        int exemplarId, articleId;
        await using (var db = site.CreateDb())
        {
            var now = DateTime.UtcNow;
            var agency = new Agency { Code = "hoi-moi", Name = "Hội Cựu chiến binh xã Mới", Key = "hoi cuu chien binh xa moi", NeedsReview = true, CreatedAt = now };
            var movement = await db.Movements.AsTracking().OrderBy(m => m.SortOrder).FirstAsync();
            var exemplar = new Exemplar
            {
                Agency = agency, Movement = movement, Code = "HM-1", Kind = ExemplarKind.Individual, Name = "Phạm Văn Chờ Duyệt",
                Slug = "pham-van-cho-duyet", NameKey = "pham van cho duyet", Summary = "Tóm tắt.", Body = "Câu chuyện.",
                Status = ContentStatus.Published, PublishedAt = now, CreatedAt = now, UpdatedAt = now,
            };
            var article = new Article
            {
                Agency = agency, Title = "Bài của hội chờ duyệt", Slug = "bai-cua-hoi-cho-duyet", Body = "Nội dung.",
                Status = ContentStatus.Published, PublishedAt = now, CreatedAt = now, UpdatedAt = now,
            };
            db.AddRange(exemplar, article);
            await db.SaveChangesAsync();
            (exemplarId, articleId) = (exemplar.Id, article.Id);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/guong-sang/{exemplarId}/pham-van-cho-duyet")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/exemplars/{exemplarId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/bai-viet/{articleId}/bai-cua-hoi-cho-duyet")).StatusCode);
        Assert.Contains("\"total\":0", await client.GetPageAsync("/api/v1/exemplars?agency=hoi-moi"));

        Assert.Equal(1, (await RunAsync(site, "confirm-agency", "khong-co")).Exit);
        Assert.Equal(2, (await RunAsync(site, "confirm-agency")).Exit);
        Assert.Equal(0, (await RunAsync(site, "confirm-agency", "hoi-moi")).Exit);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/guong-sang/{exemplarId}/pham-van-cho-duyet")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/bai-viet/{articleId}/bai-cua-hoi-cho-duyet")).StatusCode);
        await Poll.UntilAsync(async () => (await SearchCodesAsync(client, "Chờ Duyệt")).Contains("HM-1"), "confirmed agency's exemplar searchable");
    }
}
