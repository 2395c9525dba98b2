using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GuongSang.Content.Review;
using GuongSang.Import;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

/// <summary>
/// A pushed package whose agency wrote a phone, in several spellings, into fields that are not stories:
/// the movement's name, the decision number, an article's author and tags. No page, API answer, search
/// result or URL shows it.
/// </summary>
public sealed class PushedPersonalDataTests
{
    private const string Marker = "Hoa Ban Trắng";

    /// <summary>The phone's digits, whatever separators and digit forms the text writes them with.</summary>
    private static bool HasPhone(string text) =>
        new string([.. text.Where(char.IsDigit).Select(c => (char)('0' + char.GetNumericValue(c)))]).Contains("933222111", StringComparison.Ordinal);

    private static byte[] Package()
    {
        var list =
            "Mã hồ sơ;Loại điển hình;Họ và tên;Phong trào thi đua;Tóm tắt thành tích;Hình thức khen thưởng;Số quyết định;Ngày quyết định;Trạng thái\n" +
            $"HB-1;Cá nhân;Ksor H'Bia {Marker};Phong trào {Marker} 0933–222–111;Mở lớp học tình thương;Giấy khen;" +
            "1456/QĐ-UBND, ĐT 84 933 222 111;12/05/2025;Đã duyệt\n";
        var article = $"""
            ---
            title: Chuyện cô giáo {Marker}
            exemplar: HB-1
            author: Phóng viên Lan ０９３３ ２２２ １１１
            tags: [khuyến học, "zalo 0933/222/111"]
            movement: Phong trào {Marker} 0933–222–111
            ---
            Cô mở lớp học tình thương cho các em.
            """;
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[] { ("danh-sach.csv", list), ("bai-viet/co-giao.md", article) })
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return buffer.ToArray();
    }

    [Fact]
    public async Task A_phone_in_the_movement_decision_author_and_tags_reaches_no_page_api_answer_search_result_or_url()
    {
        using var site = new SiteFactory(demoContent: false);
        using var client = site.CreatePlainClient();
        await client.GetPageAsync("/");
        await using (var db = site.CreateDb("kiem-thu"))
        {
            var key = await AgencyKeys.SetAsync(db, "hoa-ban", "UBND xã Ia Trok", DateTime.UtcNow);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Package()), "file", "goi-hoa-ban.zip");

        var response = await client.PostAsync("/api/v1/agencies/hoa-ban/submissions", form);
        var report = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, report);
        Assert.False(HasPhone(report), report);
        var rows = JsonDocument.Parse(report).RootElement.GetProperty("files")[0].GetProperty("rows").EnumerateArray().ToList();
        Assert.All(rows, r => Assert.Equal("created", r.GetProperty("outcome").GetString()));
        var redacted = rows.SelectMany(r => r.GetProperty("redactions").EnumerateArray())
            .Select(r => (r.GetProperty("field").GetString(), r.GetProperty("kind").GetString())).ToList();
        foreach (var field in new[] { "Phong trào thi đua", "Số quyết định", "Tác giả", "Thẻ", "Phong trào" })
            Assert.Contains((field, "phone"), redacted);

        int exemplarId, articleId;
        string exemplarSlug, articleSlug, movementSlug;
        await using (var db = site.CreateDb())
        {
            var exemplar = await db.Exemplars.Include(e => e.Movement).SingleAsync(e => e.Code == "HB-1");
            var article = await db.Articles.SingleAsync();
            (exemplarId, exemplarSlug, movementSlug, articleId, articleSlug) = (exemplar.Id, exemplar.Slug, exemplar.Movement.Slug, article.Id, article.Slug);
            // The movement is new, so it waits for the board; once confirmed, its page and its name are public.
            Assert.True(await NewNames.ConfirmMovementAsync(db, movementSlug));
        }
        var search = await GuongSang.Tests.Poll.UntilAsync(async () =>
            await client.GetPageAsync("/api/v1/search?q=hoa+ban+trang") is var json && JsonDocument.Parse(json).RootElement.GetProperty("total").GetInt32() >= 1
                ? (true, json) : (false, json), "search finds the pushed exemplar");

        var answers = new Dictionary<string, string> { ["/api/v1/search?q=hoa+ban+trang"] = search };
        foreach (var url in new[]
                 {
                     "/", "/phong-trao", $"/phong-trao/{movementSlug}", $"/guong-sang/{exemplarId}/{exemplarSlug}", "/bai-viet",
                     $"/bai-viet/{articleId}/{articleSlug}", "/tim-kiem?q=hoa+ban+trang", "/api/v1/exemplars?pageSize=100",
                     $"/api/v1/exemplars/{exemplarId}", "/api/v1/movements", $"/api/v1/movements/{movementSlug}",
                 })
        {
            answers[url] = await client.GetPageAsync(url);
        }
        Assert.Contains("1456/QĐ-UBND", answers[$"/guong-sang/{exemplarId}/{exemplarSlug}"], StringComparison.Ordinal);
        Assert.Contains("khuyến học", answers[$"/bai-viet/{articleId}/{articleSlug}"], StringComparison.Ordinal);
        foreach (var (url, body) in answers)
        {
            Assert.False(HasPhone(url), url);
            Assert.False(HasPhone(body), $"{url} shows the phone");
        }
        foreach (var typed in new[] { "0933222111", "0933–222–111", "84 933 222 111" })
        {
            var found = JsonDocument.Parse(await client.GetPageAsync("/api/v1/search?q=" + Uri.EscapeDataString(typed))).RootElement;
            Assert.Equal(0, found.GetProperty("total").GetInt32());
        }
    }
}
