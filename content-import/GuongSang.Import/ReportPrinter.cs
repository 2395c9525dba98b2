using System.Globalization;

namespace GuongSang.Import;

/// <summary>The report as a person reads it, in Vietnamese: one block per file, one line per row.</summary>
public static class ReportPrinter
{
    public static string Outcome(string outcome) => outcome switch
    {
        RowOutcome.Created => "tạo mới",
        RowOutcome.Updated => "cập nhật",
        RowOutcome.Unchanged => "không đổi",
        RowOutcome.Skipped => "bỏ qua",
        RowOutcome.Rejected => "từ chối",
        RowOutcome.Flagged => "cần xem xét",
        _ => outcome,
    };

    public static void Print(ImportReport report, TextWriter output)
    {
        foreach (var file in report.Files) Print(file, output);
        foreach (var ignored in report.Ignored) output.WriteLine($"Bỏ qua {ignored.File}: {ignored.Reason}");
        var imported = report.Files.Count(f => f.Status == FileStatus.Imported);
        output.WriteLine($"Kết quả: {imported}/{report.Files.Count} tệp đã nhập" +
                         (report.Files.Count > imported ? $", {report.Files.Count - imported} tệp bị từ chối" : "") +
                         (report.Files.Any(f => f.DryRun) ? " (chạy thử: không có gì được ghi)" : ""));
    }

    public static void Print(FileReport file, TextWriter output)
    {
        var details = new List<string>();
        if (file.Format is not null) details.Add("định dạng " + file.Format);
        if (file.Encoding is not null) details.Add("mã hóa " + file.Encoding);
        if (file.DryRun) details.Add("chạy thử");
        var status = file.Status == FileStatus.Imported ? "ĐÃ NHẬP" : "BỊ TỪ CHỐI";
        output.WriteLine($"== {file.File}: {status}" + (details.Count > 0 ? $" ({string.Join(", ", details)})" : ""));
        if (file.Error is not null) output.WriteLine("   Lỗi: " + file.Error);
        if (file.UnknownColumns.Count > 0) output.WriteLine("   Cột không nhận ra (bỏ qua): " + string.Join("; ", file.UnknownColumns));
        foreach (var agency in file.NewAgencies) output.WriteLine($"   Cơ quan mới cần xem lại: {agency}");
        foreach (var movement in file.NewMovements) output.WriteLine($"   Phong trào mới cần xem lại: {movement}");
        foreach (var ignored in file.Ignored) output.WriteLine($"   Bỏ qua {ignored.File}: {ignored.Reason}");
        foreach (var row in file.Rows)
        {
            var where = row.Kind == "article" ? $"Bài viết {row.Source}" : $"Dòng {row.Row.ToString(CultureInfo.InvariantCulture)}" + (row.Source is null ? "" : $" ({row.Source})");
            output.WriteLine($"   {where} [{row.Code ?? "không mã"}]: {Outcome(row.Outcome)}");
            foreach (var message in row.Messages) output.WriteLine("      - " + message);
        }
        if (file.Rows.Count > 0)
        {
            var counts = file.Counts.Select(kv => $"{kv.Value} {Outcome(kv.Key)}");
            output.WriteLine("   Tổng: " + string.Join(", ", counts));
        }
        output.WriteLine();
    }
}
