using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using GuongSang.Import;
using GuongSang.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GuongSang.Web.Tests;

/// <summary>An empty site whose log lines the tests can read.</summary>
public sealed class SiteWithLogs() : SiteFactory(demoContent: false)
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

/// <summary>
/// Agencies own their content: what one agency pushes, in any format, never updates, links to or is
/// written for another agency. A failure of ours answers a generic message; the details are in the log.
/// </summary>
public sealed class AgencyOwnershipTests(SiteWithLogs site) : IClassFixture<SiteWithLogs>
{
    private const string Header = "Mã hồ sơ,Họ và tên,Loại điển hình,Phong trào thi đua,Tóm tắt thành tích,Cơ quan đề xuất,Trạng thái";
    private const string ArticleTitle = "Ngày hội Giọt hồng mùa thu";

    /// <summary>Names differ per case: the same name in two agencies would be flagged as one person.</summary>
    private static string ExemplarName(string format) => "Nguyễn Thị Hồng Nhung " + format.ToUpperInvariant();

    private async Task<string> KeyForAsync(string code, string name)
    {
        site.CreatePlainClient().Dispose(); // the host (and its database) exists before we write to it
        await using var db = site.CreateDb("kiem-thu");
        return (await AgencyKeys.SetAsync(db, code, name, DateTime.UtcNow))!;
    }

    private async Task<(HttpStatusCode Status, string Body)> PushAsync(string agency, string key, string fileName, byte[] content)
    {
        using var client = site.CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", fileName);
        var response = await client.PostAsync($"/api/v1/agencies/{agency}/submissions", form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Agency A's exemplar (code X-1) and two articles: one about X-1, one about no exemplar.</summary>
    private async Task<(string ACode, string AName, string BCode, string BKey)> TwoAgenciesAsync(string format)
    {
        var (aCode, aName, bCode) = ($"a-{format}", $"Trung tâm Hiến máu {format.ToUpperInvariant()}", $"b-{format}");
        var aKey = await KeyForAsync(aCode, aName);
        var bKey = await KeyForAsync(bCode, $"Hội Chữ thập đỏ {format.ToUpperInvariant()}");
        foreach (var (name, text) in new[]
        {
            ("ds.csv", Header + $"\nX-1,{ExemplarName(format)},Cá nhân,Hiến máu tình nguyện,Hiến máu 30 lần,{aName},Đã duyệt\n"),
            ("giot-hong.md", $"---\ntitle: {ArticleTitle}\n---\nBài của cơ quan A.\n"),
            ("ve-nhung.md", $"---\ntitle: Chuyện của chị Nhung\nexemplar: X-1\n---\nChị Nhung hiến máu.\n"),
        })
        {
            var (status, body) = await PushAsync(aCode, aKey, name, Utf8(text));
            Assert.True(status == HttpStatusCode.OK, body);
        }
        return (aCode, aName, bCode, bKey);
    }

    /// <summary>Everything of agency A's and every agency's name: equal before and after B's push means B changed nothing of A's.</summary>
    private async Task<string> SnapshotOfAsync(string aCode)
    {
        await using var db = site.CreateDb();
        var agencies = await db.Agencies.OrderBy(a => a.Id).Select(a => a.Code + "|" + a.Name + "|" + a.Key).ToListAsync();
        var exemplars = await db.Exemplars.Where(e => e.Agency.Code == aCode).OrderBy(e => e.Id)
            .Select(e => e.Id + "|" + e.Code + "|" + e.Name + "|" + e.Summary + "|" + e.UpdatedAt).ToListAsync();
        var articles = await db.Articles.Where(a => a.Agency!.Code == aCode || a.Exemplars.Any(x => x.Exemplar.Agency.Code == aCode)).OrderBy(a => a.Id)
            .Select(a => a.Id + "|" + a.Title + "|" + a.Body + "|" + a.AgencyId + "|" + string.Join(",", a.Exemplars.Select(x => x.ExemplarId)) + "|" + a.UpdatedAt)
            .ToListAsync();
        return string.Join("\n", agencies.Concat(exemplars).Concat(articles));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    [InlineData("json")]
    [InlineData("md")]
    [InlineData("docx")]
    [InlineData("zip")]
    public async Task Another_agencys_push_cannot_overwrite_attach_to_or_write_for_an_agency(string format)
    {
        var (aCode, aName, bCode, bKey) = await TwoAgenciesAsync(format);
        var before = await SnapshotOfAsync(aCode);
        Assert.Contains(ExemplarName(format), before, StringComparison.Ordinal);
        Assert.Contains("Bài của cơ quan A.", before, StringComparison.Ordinal);

        // B's rows use A's code and name A (or an agency nobody knows) as the submitting agency; B's
        // articles carry A's title and A's exemplar's code.
        var rows = new[] { ("X-1", "Trần Văn Bảo " + format, aName), ("X-2", "Lê Thị Cúc " + format, "Cơ quan chưa có ai biết") };
        var csv = Header + "\n" + string.Join("\n", rows.Select(r => $"{r.Item1},{r.Item2},Cá nhân,Hiến máu tình nguyện,Bài của cơ quan B,{r.Item3},Đã duyệt")) + "\n";
        var markdown = $"---\ntitle: {ArticleTitle}\nexemplar: X-1\n---\nBài của cơ quan B.\n";
        var (fileName, content) = format switch
        {
            "csv" => ("ds.csv", Utf8(csv)),
            "xlsx" => ("ds.xlsx", Xlsx(rows)),
            "json" => ("ds.json", Utf8(JsonSerializer.Serialize(new
            {
                agency = aName,
                exemplars = rows.Select(r => new Dictionary<string, string>
                {
                    ["Mã hồ sơ"] = r.Item1, ["Họ và tên"] = r.Item2, ["Loại điển hình"] = "Cá nhân", ["Phong trào thi đua"] = "Hiến máu tình nguyện",
                    ["Tóm tắt thành tích"] = "Bài của cơ quan B", ["Trạng thái"] = "Đã duyệt",
                }),
            }))),
            "md" => ("giot-hong.md", Utf8(markdown)),
            "docx" => ("giot-hong.docx", Docx(ArticleTitle, "Mã hồ sơ: X-1", "Bài của cơ quan B.")),
            _ => ("goi.zip", Zip(("ds.csv", csv), ("bai-viet/giot-hong.md", markdown))),
        };
        var (status, body) = await PushAsync(bCode, bKey, fileName, content);
        Assert.True(status == HttpStatusCode.OK, body);

        Assert.Equal(before, await SnapshotOfAsync(aCode));
        Assert.DoesNotContain("Cơ quan chưa có ai biết", await SnapshotOfAsync(aCode), StringComparison.Ordinal);
        var file = JsonDocument.Parse(body).RootElement.GetProperty("files")[0];
        Assert.Empty(file.GetProperty("newAgencies").EnumerateArray());
        var reportRows = file.GetProperty("rows").EnumerateArray().ToList();

        await using var db = site.CreateDb();
        if (format is "csv" or "xlsx" or "json" or "zip")
        {
            // Written for B, under B's own codes, and the rows say so.
            Assert.Equal(["X-1", "X-2"], await db.Exemplars.Where(e => e.Agency.Code == bCode).OrderBy(e => e.Code).Select(e => e.Code).ToListAsync());
            Assert.Contains(reportRows, r => r.GetProperty("messages").EnumerateArray().Any(m => m.GetString()!.Contains("chủ khóa API", StringComparison.Ordinal)));
        }
        if (format is "md" or "docx" or "zip")
        {
            // B's article is B's, about none of A's exemplars (only about B's own X-1, which the package brings).
            var article = await db.Articles.Include(a => a.Exemplars).ThenInclude(x => x.Exemplar).ThenInclude(e => e.Agency)
                .SingleAsync(a => a.Agency!.Code == bCode);
            Assert.Equal("Bài của cơ quan B.", article.Body.Trim());
            Assert.All(article.Exemplars, x => Assert.Equal(bCode, x.Exemplar.Agency.Code));
            var articleRow = reportRows.Single(r => r.GetProperty("kind").GetString() == "article").GetRawText();
            Assert.DoesNotContain(ExemplarName(format), body, StringComparison.Ordinal);
            if (format != "zip")
            {
                Assert.Empty(article.Exemplars);
                Assert.Contains("\\\"X-1\\\" không phải hồ sơ của", articleRow, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_failure_on_our_side_answers_500_with_an_incident_number_and_the_details_go_to_the_log()
    {
        var key = await KeyForAsync("loi-he-thong", "Cơ quan thử lỗi");
        await using (var db = site.CreateDb())
        {
            // A real database failure for this code only, whose text must not reach the agency.
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER \"fail_for_test\" BEFORE INSERT ON \"Exemplars\" WHEN NEW.\"Code\" = 'LOI-1' BEGIN SELECT RAISE(ABORT, 'chi tiet noi bo 4711'); END;");
        }
        var csv = Header + "\nLOI-1,Phạm Văn Lỗi,Cá nhân,Hiến máu tình nguyện,Thành tích,Cơ quan thử lỗi,Đã duyệt\n";

        var (status, body) = await PushAsync("loi-he-thong", key, "ds.csv", Utf8(csv));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        using var problem = JsonDocument.Parse(body);
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.Contains("lỗi hệ thống", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("4711", body, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite", body, StringComparison.Ordinal);
        var incident = System.Text.RegularExpressions.Regex.Match(detail, @"mã sự cố (\w+)").Groups[1].Value;
        var logged = Assert.Single(site.Logs.Lines, l => l.Message.Contains(incident, StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains("4711", logged.Exception!.ToString(), StringComparison.Ordinal);
        await using var check = site.CreateDb();
        Assert.False(await check.Exemplars.AnyAsync(e => e.Code == "LOI-1"));
    }

    [Fact]
    public async Task A_private_contact_is_kept_on_the_exemplar_only_not_in_revisions_flags_logs_or_reports()
    {
        var key = await KeyForAsync("lien-he", "Cơ quan liên hệ");
        var otherKey = await KeyForAsync("lien-he-khac", "Cơ quan khác");
        const string header = "Mã hồ sơ,Họ và tên,Loại điển hình,Năm sinh,Phong trào thi đua,Cơ quan đề xuất,Trạng thái,SĐT liên hệ (nội bộ, không công bố)";
        string Row(string code, string phone) => $"{code},Vũ Thị Liên,Cá nhân,1985,Hiến máu tình nguyện,Cơ quan liên hệ,Đã duyệt,{phone}";

        var first = await PushAsync("lien-he", key, "ds.csv", Utf8(header + "\n" + Row("LH-1", "0911 222 301") + "\n"));
        var second = await PushAsync("lien-he", key, "ds.csv", Utf8(header + "\n" + Row("LH-1", "0911 222 302") + "\n"));
        // The same person from another agency: flagged, its row kept for review.
        var flagged = await PushAsync("lien-he-khac", otherKey, "ds.csv", Utf8(header + "\n" + Row("LK-1", "0911 222 303") + "\n"));

        Assert.True(first.Status == HttpStatusCode.OK, first.Body);
        Assert.Contains("Liên hệ nội bộ", second.Body, StringComparison.Ordinal);
        Assert.Contains("\"flagged\"", flagged.Body, StringComparison.Ordinal);
        await using var db = site.CreateDb();
        var exemplar = await db.Exemplars.SingleAsync(e => e.Code == "LH-1");
        Assert.Equal("0911 222 302", exemplar.PrivateContact);
        var revisions = await db.Revisions.Where(r => r.EntityType == "Exemplar" && r.EntityId == exemplar.Id).OrderBy(r => r.Id).Select(r => r.Changes).ToListAsync();
        Assert.Equal(2, revisions.Count);
        Assert.All(revisions, r => Assert.Contains("\"PrivateContact\":{\"changed\":true}", r, StringComparison.Ordinal));
        var flag = await db.ImportFlags.SingleAsync(f => f.Code == "LK-1");
        var everything = string.Join("\n", revisions) + flag.Row + first.Body + second.Body + flagged.Body + site.Logs.All;
        foreach (var phone in new[] { "0911 222 301", "0911 222 302", "0911 222 303", "0911222" })
            Assert.DoesNotContain(phone, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_of_another_agencys_exemplar_is_flagged_without_telling_the_sender_whose_it_is()
    {
        var aKey = await KeyForAsync("trung-a", "Trung tâm Văn hóa Trùng A");
        var bKey = await KeyForAsync("trung-b", "Đoàn Thanh niên Trùng B");
        const string header = "Mã hồ sơ,Họ và tên,Loại điển hình,Phong trào thi đua,Số quyết định,Cơ quan đề xuất,Trạng thái";
        var a = await PushAsync("trung-a", aKey, "ds.csv", Utf8(header + "\nTA-501,Đỗ Minh Khôi,Cá nhân,Hiến máu tình nguyện,45/QĐ-UBND,Trung tâm Văn hóa Trùng A,Đã duyệt\n"));
        Assert.True(a.Status == HttpStatusCode.OK, a.Body);

        // The same person, spelled B's way.
        var (status, body) = await PushAsync("trung-b", bKey, "ds.csv", Utf8(header + "\nTB-7,ĐỖ MINH KHÔI,Cá nhân,Hiến máu tình nguyện,45/QĐ-UBND,Đoàn Thanh niên Trùng B,Đã duyệt\n"));

        Assert.True(status == HttpStatusCode.OK, body);
        var row = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("files")[0].GetProperty("rows").EnumerateArray());
        Assert.Equal("flagged", row.GetProperty("outcome").GetString());
        Assert.Contains(row.GetProperty("messages").EnumerateArray(), m => m.GetString()!.Contains("giống một gương do cơ quan khác gửi (cùng tên, năm sinh và phong trào)", StringComparison.Ordinal));
        Assert.False(row.TryGetProperty("exemplarId", out _), body);
        foreach (var secret in new[] { "Đỗ Minh Khôi", "TA-501", "Trùng A", "trung-a" })
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);

        // The board's flag still links both.
        await using var db = site.CreateDb();
        var flag = await db.ImportFlags.Include(f => f.Agency).SingleAsync(f => f.Code == "TB-7");
        Assert.Equal("trung-b", flag.Agency.Code);
        Assert.Equal(await db.Exemplars.Where(e => e.Code == "TA-501").Select(e => (int?)e.Id).SingleAsync(), flag.SimilarExemplarId);
        Assert.Contains("Đỗ Minh Khôi, mã TA-501, Trung tâm Văn hóa Trùng A", flag.Reason, StringComparison.Ordinal);
    }

    private static byte[] Xlsx(IEnumerable<(string Code, string Name, string Agency)> rows)
    {
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows.Select(r => new Dictionary<string, object?>
        {
            ["Mã hồ sơ"] = r.Code, ["Họ và tên"] = r.Name, ["Loại điển hình"] = "Cá nhân", ["Phong trào thi đua"] = "Hiến máu tình nguyện",
            ["Tóm tắt thành tích"] = "Bài của cơ quan B", ["Cơ quan đề xuất"] = r.Agency, ["Trạng thái"] = "Đã duyệt",
        }).ToList());
        return stream.ToArray();
    }

    private static byte[] Docx(params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            doc.AddMainDocumentPart().Document = new Document(new Body([.. paragraphs.Select(p => new Paragraph(new Run(new Text(p))))]));
        }
        return stream.ToArray();
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }
        return stream.ToArray();
    }
}
