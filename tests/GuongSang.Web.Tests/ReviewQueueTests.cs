using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Content.Text;
using GuongSang.Import;
using GuongSang.Tests;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

/// <summary>
/// The board's review queue: what imports hold for a person (cross-agency duplicates, new agencies, new movements)
/// is listed, decided through the pages and the management API, audited, and shows at once on the site and in search.
/// </summary>
public sealed class ReviewQueueTests
{
    private const string Header = "Mã hồ sơ,Họ và tên,Loại điển hình,Năm sinh,Cơ quan đề xuất,Phong trào thi đua,Tóm tắt thành tích,Hình thức khen thưởng,Số quyết định,Trạng thái";
    private const string Movement = "Hiến máu tình nguyện";
    private const string Editor = "bientap@so-noi-vu.vn";

    private static async Task<FileReport> ImportAsync(SiteFactory site, string fileName, string rows)
    {
        await using var content = new MemoryStream(Encoding.UTF8.GetBytes(Header + "\n" + rows));
        var report = await new ImportService(site.DataFolder).ImportStreamAsync(content, fileName, new ImportOptions());
        Assert.True(report.Status == FileStatus.Imported, report.Error);
        return report;
    }

    private static async Task AddAgencyAsync(SiteFactory site, string code, string name)
    {
        await using var db = site.CreateDb();
        db.Agencies.Add(new Agency { Code = code, Name = name, Key = VietnameseText.Key(name), CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    private static async Task<HttpClient> EditorApiAsync(SiteFactory site)
    {
        await Staff.CreateAsync(site, Editor, "editor");
        var (exit, token, error) = await Staff.RunAsync(site, null, "create-token", Editor);
        Assert.True(exit == 0, error);
        var client = site.CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        return client;
    }

    private static async Task<List<(string Id, string Type, string Name)>> QueueAsync(HttpClient api)
    {
        using var json = JsonDocument.Parse(await api.GetPageAsync("/api/v1/manage/review-queue"));
        return [.. json.RootElement.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("id").GetString()!, i.GetProperty("type").GetString()!, i.GetProperty("name").GetString()!))];
    }

    private static Task<HttpResponseMessage> ResolveAsync(HttpClient api, string id, string action, string? target = null) =>
        api.PostAsJsonAsync($"/api/v1/manage/review-queue/{id}/resolve", new { action, target });

    private static async Task<List<string>> SearchCodesAsync(HttpClient client, string query) =>
        [.. JsonDocument.Parse(await client.GetPageAsync("/api/v1/search?q=" + Uri.EscapeDataString(query))).RootElement
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!)];

    private static string PagePath(int id, string name) => $"/guong-sang/{id}/{VietnameseText.Slug(name)}";

    [Fact]
    public async Task A_cross_agency_duplicate_waits_in_the_queue_and_is_merged_kept_or_rejected_on_the_site_and_in_search()
    {
        using var site = await Staff.StartAsync();
        await AddAgencyAsync(site, "SYT", "Sở Y tế tỉnh Gia Lai");
        await AddAgencyAsync(site, "HCTD", "Hội Chữ thập đỏ tỉnh Gia Lai");
        await ImportAsync(site, "so-y-te.csv", $"""
            YT-1,Nguyễn Văn Gộp Khen,Cá nhân,1980,Sở Y tế tỉnh Gia Lai,{Movement},Hiến máu 40 lần.,Bằng khen,12/QĐ-UBND,Đã duyệt
            YT-2,Trần Thị Hai Người,Cá nhân,1975,Sở Y tế tỉnh Gia Lai,{Movement},Hiến máu 20 lần.,Bằng khen,13/QĐ-UBND,Đã duyệt
            YT-3,Lê Văn Bị Từ Chối,Cá nhân,1990,Sở Y tế tỉnh Gia Lai,{Movement},Hiến máu 10 lần.,Bằng khen,14/QĐ-UBND,Đã duyệt
            """);
        var secondRows = $"""
            CTD-1,Nguyễn Văn Gộp Khen,Cá nhân,1980,Hội Chữ thập đỏ tỉnh Gia Lai,{Movement},Vận động hiến máu.,Giấy khen,45/QĐ-CTĐ,Đã duyệt
            CTD-2,Trần Thị Hai Người,Cá nhân,1975,Hội Chữ thập đỏ tỉnh Gia Lai,{Movement},Nấu cháo cho bệnh nhân.,Giấy khen,46/QĐ-CTĐ,Đã duyệt
            CTD-3,Lê Văn Bị Từ Chối,Cá nhân,1990,Hội Chữ thập đỏ tỉnh Gia Lai,{Movement},Trùng hồ sơ.,Giấy khen,47/QĐ-CTĐ,Đã duyệt
            """;
        var second = await ImportAsync(site, "chu-thap-do.csv", secondRows);
        Assert.All(second.Rows, r => Assert.Equal(RowOutcome.Flagged, r.Outcome));

        using var api = await EditorApiAsync(site);
        var queue = await QueueAsync(api);
        Assert.Equal(3, queue.Count(i => i.Type == "duplicate"));
        string Flag(string name) => queue.Single(i => i.Type == "duplicate" && i.Name == name).Id;
        int merged, kept;
        await using (var db = site.CreateDb())
        {
            merged = await db.Exemplars.Where(e => e.Code == "YT-1").Select(e => e.Id).SingleAsync();
            kept = await db.Exemplars.Where(e => e.Code == "YT-2").Select(e => e.Id).SingleAsync();
        }

        // Same person, through the manager's page: the page shows both side by side, and the new decision joins the exemplar.
        using var editor = await Staff.SignedInAsync(site, Editor);
        var menu = await editor.GetPageAsync("/quan-tri");
        Assert.Contains("Hàng chờ duyệt (3)", menu);
        var page = await editor.GetPageAsync("/quan-tri/hang-cho/" + Flag("Nguyễn Văn Gộp Khen"));
        Assert.Contains("cùng tên, năm sinh và phong trào", page);
        Assert.Contains("45/QĐ-CTĐ", page);
        Assert.Contains("12/QĐ-UBND", page);
        Assert.Contains("<tr class=\"differs\">", page);
        var mergedAnswer = await Staff.PostFormAsync(editor, "/quan-tri/hang-cho/" + Flag("Nguyễn Văn Gộp Khen"),
            "/quan-tri/hang-cho/" + Flag("Nguyễn Văn Gộp Khen"), ("action", "merge"));
        Assert.Equal(HttpStatusCode.Redirect, mergedAnswer.StatusCode);
        var mergedPage = await api.GetPageAsync(PagePath(merged, "Nguyễn Văn Gộp Khen"));
        Assert.Contains("45/QĐ-CTĐ", mergedPage);
        Assert.Contains("12/QĐ-UBND", mergedPage);

        // Different people: the stored row becomes the sending agency's exemplar.
        Assert.Equal(HttpStatusCode.OK, (await ResolveAsync(api, Flag("Trần Thị Hai Người"), "keep-both")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ResolveAsync(api, Flag("Lê Văn Bị Từ Chối"), "reject")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ResolveAsync(api, Flag("Lê Văn Bị Từ Chối"), "reject")).StatusCode);

        int created;
        await using (var db = site.CreateDb())
        {
            var newOne = await db.Exemplars.Include(e => e.Agency).SingleAsync(e => e.Code == "CTD-2");
            Assert.Equal("HCTD", newOne.Agency.Code);
            created = newOne.Id;
            Assert.False(await db.Exemplars.AnyAsync(e => e.Code == "CTD-1" || e.Code == "CTD-3"));
            Assert.Equal(1, await db.Recognitions.CountAsync(r => r.ExemplarId == merged && r.DecisionNumber == "45/QĐ-CTĐ"));
            Assert.Equal(["created", "merged", "rejected"], await db.ImportFlags.OrderBy(f => f.Resolution).Select(f => f.Resolution!).ToListAsync());
            Assert.All(await db.ImportFlags.ToListAsync(), f => Assert.Equal(Editor, f.ResolvedBy));
            var audited = await db.AuditEntries.Where(a => a.Action == AuditActions.ReviewResolved).ToListAsync();
            Assert.Equal(3, audited.Count);
            Assert.All(audited, a => Assert.Equal(Editor, a.Actor));
        }
        Assert.Contains("Nấu cháo cho bệnh nhân", await api.GetPageAsync(PagePath(created, "Trần Thị Hai Người")));
        await Poll.UntilAsync(async () => (await SearchCodesAsync(api, "Trần Thị Hai Người")) is var c && c.Contains("CTD-2") && c.Contains("YT-2"), "kept exemplar searchable");
        // Rejected and merged rows never become exemplars of their own.
        foreach (var (name, stored, sent) in new[] { ("Lê Văn Bị Từ Chối", "YT-3", "CTD-3"), ("Nguyễn Văn Gộp Khen", "YT-1", "CTD-1") })
        {
            var found = await Poll.UntilAsync(async () => await SearchCodesAsync(api, name) is var c ? (c.Contains(stored), c) : default, name + " searchable");
            Assert.DoesNotContain(sent, found);
        }
        Assert.Empty(await QueueAsync(api));
        Assert.Contains("Hàng chờ duyệt (0)", await editor.GetPageAsync("/quan-tri"));
        Assert.Equal(kept, (await site.CreateDb().Exemplars.SingleAsync(e => e.Code == "YT-2")).Id);

        // The same file again: what was merged or rejected is not put back in the queue; the kept row is the agency's own now.
        var again = await ImportAsync(site, "chu-thap-do.csv", secondRows);
        Assert.DoesNotContain(again.Rows, r => r.Outcome == RowOutcome.Flagged);
        Assert.Equal(RowOutcome.Skipped, again.Rows.Single(r => r.Code == "CTD-1").Outcome);
        Assert.Empty(await QueueAsync(api));
    }

    [Fact]
    public async Task An_agency_an_import_created_merged_into_an_existing_one_takes_its_exemplars_and_its_name_along()
    {
        using var site = await Staff.StartAsync();
        await AddAgencyAsync(site, "SYT", "Sở Y tế tỉnh Gia Lai");
        var rows = $"TT-1,Đinh Văn Theo Sau,Cá nhân,1970,Trung tâm Y tế huyện Ia Pa,{Movement},Cứu người đuối nước.,Giấy khen,88/QĐ-TTYT,Đã duyệt";
        var first = await ImportAsync(site, "ia-pa.csv", rows);
        Assert.Single(first.NewAgencies);
        using var api = await EditorApiAsync(site);
        var item = (await QueueAsync(api)).Single(i => i.Type == "agency");
        int exemplarId;
        await using (var db = site.CreateDb()) exemplarId = await db.Exemplars.Where(e => e.Code == "TT-1").Select(e => e.Id).SingleAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(PagePath(exemplarId, "Đinh Văn Theo Sau"))).StatusCode);

        var refused = await ResolveAsync(api, item.Id, "merge", "khong-co");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("cơ quan đã xác nhận", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await ResolveAsync(api, item.Id, "merge", "SYT")).StatusCode);

        await using (var db = site.CreateDb())
        {
            Assert.Equal("SYT", (await db.Exemplars.Include(e => e.Agency).SingleAsync(e => e.Id == exemplarId)).Agency.Code);
            Assert.Equal(1, await db.Agencies.CountAsync());
        }
        Assert.Contains("Sở Y tế tỉnh Gia Lai", await api.GetPageAsync(PagePath(exemplarId, "Đinh Văn Theo Sau")));
        await Poll.UntilAsync(async () => (await SearchCodesAsync(api, "Đinh Văn Theo Sau")).Contains("TT-1"), "merged agency's exemplar searchable");

        // The next file with the old name finds the agency it was merged into: nothing new, the row unchanged.
        var again = await ImportAsync(site, "ia-pa.csv", rows);
        Assert.Empty(again.NewAgencies);
        Assert.Equal(RowOutcome.Unchanged, Assert.Single(again.Rows).Outcome);
        Assert.Empty(await QueueAsync(api));
    }

    [Fact]
    public async Task A_movement_mapped_once_is_matched_by_the_next_import_of_the_same_spelling_and_its_address_redirects()
    {
        using var site = await Staff.StartAsync();
        await AddAgencyAsync(site, "SYT", "Sở Y tế tỉnh Gia Lai");
        const string spelling = "Phong trào Giọt hồng nghĩa tình";
        var first = await ImportAsync(site, "dot-1.csv", $"GH-1,Võ Thị Giọt Hồng,Cá nhân,1988,Sở Y tế tỉnh Gia Lai,{spelling},Hiến máu 15 lần.,Giấy khen,5/QĐ-SYT,Đã duyệt");
        Assert.Single(first.NewMovements);
        string slug, target;
        await using (var db = site.CreateDb())
        {
            slug = await db.Movements.Where(m => m.NeedsReview).Select(m => m.Slug).SingleAsync();
            target = await db.Movements.Where(m => m.Name == Movement).Select(m => m.Slug).SingleAsync();
        }
        using var api = await EditorApiAsync(site);
        var item = (await QueueAsync(api)).Single(i => i.Type == "movement");
        Assert.Equal("movement-" + slug, item.Id);
        Assert.Equal(HttpStatusCode.OK, (await ResolveAsync(api, item.Id, "map", target)).StatusCode);

        var moved = await api.GetAsync("/phong-trao/" + slug);
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal("/phong-trao/" + target, moved.Headers.Location?.OriginalString);
        Assert.Contains("Võ Thị Giọt Hồng", await api.GetPageAsync("/phong-trao/" + target));
        await Poll.UntilAsync(async () => (await SearchCodesAsync(api, "Võ Thị Giọt Hồng")).Contains("GH-1"), "mapped exemplar searchable");

        var next = await ImportAsync(site, "dot-2.csv", $"GH-2,Phan Văn Lần Sau,Cá nhân,1979,Sở Y tế tỉnh Gia Lai,{spelling},Hiến máu 25 lần.,Giấy khen,6/QĐ-SYT,Đã duyệt");
        Assert.Empty(next.NewMovements);
        Assert.Equal(RowOutcome.Created, Assert.Single(next.Rows).Outcome);
        await using (var db = site.CreateDb())
        {
            Assert.False(await db.Movements.AnyAsync(m => m.NeedsReview));
            Assert.Equal(target, await db.Exemplars.Where(e => e.Code == "GH-2").Select(e => e.Movement.Slug).SingleAsync());
        }
        Assert.Empty(await QueueAsync(api));
    }

    [Theory]
    [InlineData("writer")]
    [InlineData("agency")]
    public async Task Writers_and_agencies_may_not_see_or_decide_the_queue(string role)
    {
        using var site = await Staff.StartAsync();
        await AddAgencyAsync(site, "SYT", "Sở Y tế tỉnh Gia Lai");
        var email = role + "@so-y-te.vn";
        await Staff.CreateAsync(site, email, role, role == "agency" ? "SYT" : null);
        var (_, token, _) = await Staff.RunAsync(site, null, "create-token", email);
        using var api = site.CreatePlainClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/manage/review-queue")).StatusCode);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/manage/review-queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ResolveAsync(api, "agency-SYT", "confirm")).StatusCode);

        using var browser = await Staff.SignedInAsync(site, email);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/quan-tri/hang-cho")).StatusCode);
        Assert.DoesNotContain("Hàng chờ duyệt", await browser.GetPageAsync("/quan-tri"));
    }
}
