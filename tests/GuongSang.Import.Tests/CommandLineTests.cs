using System.Diagnostics;
using System.Text;
using System.Text.Json;
using GuongSang.Tests;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import.Tests;

/// <summary>The command line as a user runs it: a child process, its exit code, its report file.</summary>
public class CommandLineTests
{
    private static ProcessStartInfo Cli(string dataFolder, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "GuongSang.Import.Cli.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["GUONGSANG_DATA"] = dataFolder;
        return info;
    }

    private static async Task<(int Code, string Out, string Error)> RunAsync(string dataFolder, params string[] args)
    {
        using var process = Process.Start(Cli(dataFolder, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Poll.Bound);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Exit_codes_are_0_when_all_imported_1_when_a_file_is_rejected_2_on_wrong_usage()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var data = bed.Data.Root;

        var help = await RunAsync(data, "--help");
        Assert.Equal(0, help.Code);
        Assert.Contains("import", help.Out, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync(data, "import", "--help")).Code);
        Assert.Equal(2, (await RunAsync(data)).Code);
        Assert.Equal(2, (await RunAsync(data, "import")).Code);
        Assert.Equal(2, (await RunAsync(data, "import", bed.Sample(Samples.DistrictCsv), "--khong-co")).Code);

        var reportPath = Path.Combine(bed.Root, "bao-cao.json");
        var ok = await RunAsync(data, "import", bed.Sample(Samples.DistrictCsv), "--report", reportPath);
        Assert.Equal(0, ok.Code);
        Assert.Contains("tạo mới", ok.Out, StringComparison.Ordinal);
        Assert.Contains("Không đề nghị", ok.Out, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(reportPath));
        var file = json.RootElement.GetProperty("files")[0];
        Assert.Equal("imported", file.GetProperty("status").GetString());
        Assert.EndsWith(Samples.DistrictCsv, file.GetProperty("file").GetString(), StringComparison.Ordinal);
        var row = file.GetProperty("rows")[0];
        Assert.Equal(2, row.GetProperty("row").GetInt32());
        Assert.Equal("IAPA-2024Q3-01", row.GetProperty("code").GetString());
        Assert.Equal("created", row.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Array, row.GetProperty("messages").ValueKind);

        var rejected = await RunAsync(data, "import", bed.Sample(Samples.TruncatedXlsx), bed.Sample(Samples.DistrictJson), "--report", reportPath);
        Assert.Equal(1, rejected.Code);
        Assert.Contains("file-bi-cat-ngang.xlsx", rejected.Out, StringComparison.Ordinal);
        using var json2 = JsonDocument.Parse(await File.ReadAllTextAsync(reportPath));
        Assert.Equal("rejected", json2.RootElement.GetProperty("files")[0].GetProperty("status").GetString());
        Assert.True(json2.RootElement.GetProperty("files")[0].TryGetProperty("error", out _));
        Assert.Equal("imported", json2.RootElement.GetProperty("files")[1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Usage_errors_are_said_in_vietnamese()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var data = bed.Data.Root;
        foreach (var (args, expected) in new (string[], string)[]
                 {
                     (["import"], "Lỗi: thiếu tệp hoặc thư mục cần nhập."),
                     (["impor", "a.csv"], "Lỗi: không hiểu lệnh hoặc tham số \"impor\"."),
                     (["import", "a.csv", "--report"], "Lỗi: tùy chọn --report cần một giá trị theo sau."),
                     (["set-agency-key"], "Lỗi: thiếu mã cơ quan."),
                 })
        {
            var run = await RunAsync(data, args);
            Assert.Equal(2, run.Code);
            Assert.Contains(expected, run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("Required", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("Unrecognized", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Killing_the_importer_mid_file_leaves_the_database_as_before()
    {
        // A kill races the file's commit, so a run proves something only when the kill came first. Every run
        // must leave the file in whole or not at all; a longer file is tried until one kill lands mid-file.
        for (var rows = 6000; rows <= 4 * 6000; rows *= 2)
        {
            if (await KillMidFileAsync(rows)) return;
        }
        Assert.Fail("every kill came after the file's commit, even with 24 000 rows: nothing was proved");
    }

    /// <summary>Kills the importer once it is writing rows; true when the kill came before the commit.</summary>
    private static async Task<bool> KillMidFileAsync(int rows)
    {
        await using var bed = await ImportTestBed.CreateAsync();
        await bed.ImportAsync(bed.Sample(Samples.DistrictCsv));
        var before = await bed.SnapshotAsync();

        var csv = new StringBuilder("Mã hồ sơ,Họ tên,Loại,Phong trào,Năm sinh,Thành tích,Cơ quan đề xuất,Trạng thái\n");
        for (var i = 1; i <= rows; i++) csv.Append($"K-{i},Người thứ {i},Cá nhân,Dạy tốt - Học tốt,{1950 + i % 50},Thành tích số {i},Trường K,Đã duyệt\n");
        var path = bed.Write("lon.csv", csv.ToString());

        using var process = Process.Start(Cli(bed.Data.Root, "import", path))!;
        _ = process.StandardOutput.ReadToEndAsync();
        // The first progress line is printed while rows are being written inside the file's transaction.
        string? line;
        do
        {
            line = await process.StandardError.ReadLineAsync().WaitAsync(Poll.Bound);
        }
        while (line is not null && !line.StartsWith("Đang ghi", StringComparison.Ordinal));
        Assert.NotNull(line);
        process.Kill(entireProcessTree: true); // SIGKILL: no cleanup runs (nothing happens if it has just exited)
        await process.WaitForExitAsync();

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var db = bed.OpenDb();
        var written = await db.Exemplars.CountAsync(e => e.Code.StartsWith("K-"));
        if (written == rows) return false; // the commit won the race: whole, as promised, but no rollback to see
        Assert.Equal(0, written); // never half a file
        Assert.Equal(before, await bed.SnapshotAsync());
        var again = (await bed.ImportAsync(bed.Sample(Samples.DistrictCsv))).Single();
        Assert.Equal(3, again.Count(RowOutcome.Unchanged));
        return true;
    }
}
