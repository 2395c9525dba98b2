using System.Diagnostics;
using System.Text;
using GuongSang.Content.Model;
using GuongSang.Tests;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import.Tests;

/// <summary>
/// New exemplars and articles from an import enter the workflow as the board configures it (GuongSang:Import:NewExemplars):
/// published at once (the default) or held in review; an update of a stored one keeps its state.
/// </summary>
public class WorkflowEntryTests
{
    private const string Header = "STT;Mã hồ sơ;Loại điển hình;Họ và tên;Năm sinh;Phong trào thi đua;Tóm tắt thành tích;Số quyết định;Ngày quyết định;Cơ quan đề xuất;Trạng thái";

    private static string Row(int n, string code, string name, string summary = "Thành tích tốt") =>
        $"{n};{code};Cá nhân;{name};1980;Dạy tốt - Học tốt;{summary};12/QĐ-UBND;01/02/2024;Trường THCS Long Sơn;Đã duyệt";

    private static async Task<Dictionary<string, (ContentStatus Status, DateTime? PublishedAt)>> ExemplarsAsync(ImportTestBed bed)
    {
        await using var db = bed.OpenDb();
        return await db.Exemplars.ToDictionaryAsync(e => e.Code, e => (e.Status, e.PublishedAt));
    }

    [Fact]
    public async Task By_default_new_exemplars_and_articles_are_published_at_once()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        bed.Write("ds.csv", Header + "\n" + Row(1, "F-1", "Nguyễn Văn An"));
        bed.Write("bai.md", "---\ntitle: Câu chuyện của An\nexemplar: F-1\n---\nAn giúp bạn học.\n");
        Assert.True((await bed.ImportAsync(bed.Inbox)).AllImported);

        var exemplar = (await ExemplarsAsync(bed))["F-1"];
        Assert.Equal(ContentStatus.Published, exemplar.Status);
        Assert.NotNull(exemplar.PublishedAt);
        await using var db = bed.OpenDb();
        Assert.Equal(ContentStatus.Published, await db.Articles.Select(a => a.Status).SingleAsync());
    }

    [Fact]
    public async Task In_review_mode_new_exemplars_and_articles_wait_in_review_and_published_ones_stay_published_when_updated()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        // Imported when the board published at once.
        Assert.True((await bed.ImportAsync(bed.Write("truoc.csv", Header + "\n" + Row(1, "F-1", "Nguyễn Văn An")))).AllImported);

        var review = new ImportOptions { NewExemplars = NewContentMode.Review };
        bed.Write("ds.csv", Header + "\n" + Row(1, "F-1", "Nguyễn Văn An", summary: "Thành tích mới") + "\n" + Row(2, "F-2", "Trần Thị Bình"));
        bed.Write("bai.md", "---\ntitle: Câu chuyện của Bình\nexemplar: F-2\n---\nBình giúp bạn học.\n");
        var report = await bed.ImportAsync(review, Path.Combine(bed.Inbox, "ds.csv"), Path.Combine(bed.Inbox, "bai.md"));
        Assert.True(report.AllImported);
        Assert.Equal(RowOutcome.Updated, report.Files[0].RowFor("F-1").Outcome);

        var exemplars = await ExemplarsAsync(bed);
        Assert.Equal(ContentStatus.Published, exemplars["F-1"].Status);
        Assert.Equal((ContentStatus.InReview, (DateTime?)null), exemplars["F-2"]);
        await using var db = bed.OpenDb();
        var article = await db.Articles.SingleAsync();
        Assert.Equal((ContentStatus.InReview, (DateTime?)null), (article.Status, article.PublishedAt));
    }

    [Theory]
    [InlineData("publish", NewContentMode.Publish)]
    [InlineData(" Review ", NewContentMode.Review)]
    [InlineData(null, NewContentMode.Publish)]
    [InlineData("", NewContentMode.Publish)]
    public void The_setting_reads_publish_or_review(string? value, NewContentMode expected)
    {
        Assert.True(NewContentModes.TryParse(value, out var mode));
        Assert.Equal(expected, mode);
    }

    [Fact]
    public void Any_other_value_of_the_setting_is_refused_in_Vietnamese()
    {
        Assert.False(NewContentModes.TryParse("duyet", out _));
        Assert.Equal("--new-exemplars: giá trị \"duyet\" không hợp lệ; dùng \"publish\" (đăng ngay, mặc định) hoặc \"review\" (chờ Ban Thi đua - Khen thưởng duyệt).",
            NewContentModes.Error("--new-exemplars", "duyet"));
    }

    private static async Task<(int Code, string Error)> RunCliAsync(ImportTestBed bed, string? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, StandardErrorEncoding = Encoding.UTF8 };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "GuongSang.Import.Cli.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["GUONGSANG_DATA"] = bed.Data.Root;
        info.Environment[NewContentModes.EnvironmentVariable] = environment;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Poll.Bound);
        await output;
        return (process.ExitCode, await error);
    }

    [Fact]
    public async Task The_command_line_reads_the_setting_from_its_option_else_from_the_sites_environment_variable()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var first = bed.Write("mot.csv", Header + "\n" + Row(1, "C-1", "Lê Văn Cường"));
        var second = bed.Write("hai.csv", Header + "\n" + Row(1, "C-2", "Phạm Thị Dung"));
        var third = bed.Write("ba.csv", Header + "\n" + Row(1, "C-3", "Hoàng Văn Em"));

        Assert.Equal(0, (await RunCliAsync(bed, environment: "review", "import", first)).Code);
        // The option wins over the environment.
        Assert.Equal(0, (await RunCliAsync(bed, environment: "review", "import", second, "--new-exemplars", "publish")).Code);
        Assert.Equal(0, (await RunCliAsync(bed, environment: null, "import", third)).Code);

        var exemplars = await ExemplarsAsync(bed);
        Assert.Equal(ContentStatus.InReview, exemplars["C-1"].Status);
        Assert.Equal(ContentStatus.Published, exemplars["C-2"].Status);
        Assert.Equal(ContentStatus.Published, exemplars["C-3"].Status);

        var wrong = await RunCliAsync(bed, environment: "sometimes", "import", third);
        Assert.Equal(2, wrong.Code);
        Assert.Contains($"{NewContentModes.EnvironmentVariable}: giá trị \"sometimes\" không hợp lệ", wrong.Error);
    }

    [Fact]
    public async Task Each_file_the_command_line_imports_is_in_the_audit_log_and_a_dry_run_is_not()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var good = bed.Write("tot.csv", Header + "\n" + Row(1, "A-1", "Lê Văn An"));
        var empty = bed.Write("rong.csv", "");

        Assert.Equal(0, (await RunCliAsync(bed, environment: null, "import", good, "--dry-run")).Code);
        Assert.Equal(1, (await RunCliAsync(bed, environment: "review", "import", good, empty)).Code);

        await using var db = bed.OpenDb();
        var entries = await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([("tot.csv", FileStatus.Imported), ("rong.csv", FileStatus.Rejected)],
            entries.Select(e => (Path.GetFileName(e.Target!), System.Text.Json.JsonDocument.Parse(e.Detail!).RootElement.GetProperty("status").GetString()!)));
        Assert.All(entries, e =>
        {
            Assert.Equal(Content.Accounts.AuditActions.Import, e.Action);
            Assert.Equal(Content.Accounts.AuditLog.CommandLine, e.Actor);
            Assert.Contains("\"newExemplars\":\"review\"", e.Detail);
        });
    }
}
