using System.IO.Compression;
using GuongSang.Tests;
using Microsoft.Extensions.Logging;

namespace GuongSang.Import.Tests;

/// <summary>A bad file is the sender's to fix; a failure of ours is a system error, with its details in the log only.</summary>
public class FailureTests
{
    [Fact]
    public async Task A_bug_in_a_reader_is_a_system_error_logged_with_its_stack_not_a_damaged_file()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var logs = new CapturedLogs();
        var service = new ImportService(bed.Data, logger: logs.For<ImportService>());
        var path = bed.Write("ds.csv", "Mã hồ sơ,Họ tên,Loại,Phong trào,Trạng thái,Cơ quan đề xuất\nR-1,Lý Văn R,Cá nhân,Dạy tốt - Học tốt,Đã duyệt,Trường R\n");
        string? missing = null;
        var options = new ImportOptions { WhileReading = path => _ = missing!.Length + path.Length };

        var file = (await service.ImportAsync([path], options)).Single();

        Assert.Equal(FileStatus.Rejected, file.Status);
        Assert.True(file.SystemError);
        Assert.Contains("ds.csv", file.Error, StringComparison.Ordinal);
        Assert.Contains("lỗi hệ thống", file.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hỏng", file.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Object reference", file.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("NullReference", file.Error, StringComparison.Ordinal);
        var incident = System.Text.RegularExpressions.Regex.Match(file.Error!, @"mã sự cố (\w+)").Groups[1].Value;
        var logged = Assert.Single(logs.Lines);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains(incident, logged.Message, StringComparison.Ordinal);
        Assert.IsType<NullReferenceException>(logged.Exception);
        Assert.Contains("FailureTests", logged.Exception.StackTrace, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xl/workbook.xml")]
    [InlineData("xl/_rels/workbook.xml.rels")]
    [InlineData("xl/worksheets/sheet1.xml")]
    [InlineData("xl/styles.xml")]
    [InlineData("xl/sharedStrings.xml")]
    public async Task Xlsx_missing_a_part_is_a_damaged_file_not_a_system_error(string part)
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var whole = Path.Combine(bed.Root, "whole.xlsx");
        MiniExcelLibs.MiniExcel.SaveAs(whole, new[] { new Dictionary<string, object?> { ["Mã hồ sơ"] = "H-1", ["Họ tên"] = "Hà Văn H", ["Loại"] = "Cá nhân", ["Phong trào"] = "Dạy tốt - Học tốt", ["Trạng thái"] = "Đã duyệt" } });
        var broken = Path.Combine(bed.Inbox, "thieu-phan.xlsx");
        using (var source = ZipFile.OpenRead(whole))
        using (var target = ZipFile.Open(broken, ZipArchiveMode.Create))
        {
            Assert.Contains(source.Entries, e => e.FullName == part);
            foreach (var entry in source.Entries.Where(e => e.FullName != part))
            {
                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName).Open();
                await from.CopyToAsync(to);
            }
        }

        var file = (await bed.ImportAsync(broken)).Single();

        Assert.Equal(FileStatus.Rejected, file.Status);
        Assert.False(file.SystemError);
        Assert.Contains("bị hỏng", file.Error, StringComparison.Ordinal);
    }
}
