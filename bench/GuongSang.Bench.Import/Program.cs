using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using GuongSang.Content.Storage;
using GuongSang.Import;
using MiniExcelLibs;
using NetVips;

// Import benchmark: generates a package (an xlsx of N rows + P JPEG photos 2400×1600), then imports
// it into an empty data folder in a child process, whose wall time and peak memory are the figures.
//   dotnet run -c Release --project bench/GuongSang.Bench.Import -- [--rows 10000] [--photos 500] [--keep]
// --keep leaves the generated package in bench/out/import-<rows>-<photos> and reuses it next time (for
// profiling the import alone: dotnet-trace collect -- dotnet <bench dll> --import-only <package> <empty folder>).
//   dotnet run -c Release --project bench/GuongSang.Bench.Import -- --hostile
// imports instead the largest lists the importer accepts (a TCVN3 CSV and a JSON list near the list file limit,
// an xlsx near the table's character limit; each at the row limit), then the JSON again over the CSV's rows
// (every row an update), and prints each import's peak memory and CPU time.

if (args.Length >= 3 && args[0] == "--import-only") return await ImportOnlyAsync(args[1], args[2], noTimeBudget: args.Contains("--no-time-budget"));
if (args.Contains("--hostile")) return await HostileAsync();

var rows = Option("--rows", 10_000);
var photos = Option("--photos", 500);
var keep = args.Contains("--keep");
var work = keep
    ? Path.Combine(RepositoryRoot(), "bench", "out", $"import-{rows}-{photos}")
    : Path.Combine(Path.GetTempPath(), "guongsang-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(work);
try
{
    Console.WriteLine($"Máy: {Environment.ProcessorCount} nhân, {CpuModel()}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
    var generate = Stopwatch.StartNew();
    var existing = Path.Combine(work, "goi-benchmark.zip");
    var package = keep && File.Exists(existing) ? existing : Generate(work, rows, photos);
    Console.WriteLine($"Gói {Path.GetFileName(package)}: {rows} dòng, {photos} ảnh, {new FileInfo(package).Length / (1 << 20)} MiB ({generate.Elapsed.TotalSeconds:F1} s, không tính vào kết quả)");

    var data = Path.Combine(work, "data");
    if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
    var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = false };
    info.ArgumentList.Add(typeof(Program).Assembly.Location);
    info.ArgumentList.Add("--import-only");
    info.ArgumentList.Add(package);
    info.ArgumentList.Add(data);
    using var child = Process.Start(info)!;
    await child.WaitForExitAsync();
    return child.ExitCode;
}
finally
{
    if (!keep) Directory.Delete(work, recursive: true);
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static async Task<int> ImportOnlyAsync(string package, string dataPath, bool noTimeBudget)
{
    var service = new ImportService(new DataFolder(dataPath));
    var wall = Stopwatch.StartNew();
    // The hostile-input run measures a whole import even on a loaded machine, where the budget would stop it.
    var options = noTimeBudget ? new ImportOptions { TimeBudget = Timeout.InfiniteTimeSpan } : new ImportOptions();
    var report = await service.ImportAsync([package], options);
    wall.Stop();
    var file = report.Files.Single();
    var rowCount = file.Rows.Count(r => r.Kind == "exemplar");
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    Console.WriteLine($"Trạng thái: {file.Status} {file.Error}; {string.Join(", ", file.Counts.Select(kv => $"{kv.Value} {kv.Key}"))}");
    Console.WriteLine($"Thời gian nhập: {wall.Elapsed.TotalSeconds:F1} s (CPU {self.TotalProcessorTime.TotalSeconds:F1} s); {rowCount / wall.Elapsed.TotalSeconds:F0} dòng/s; " +
                      $"bộ nhớ đỉnh (PeakWorkingSet64): {self.PeakWorkingSet64 / (1 << 20)} MiB");
    return file.Status == FileStatus.Imported ? 0 : 1;
}

static string RepositoryRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GuongSang.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("GuongSang.sln not found");
}

static string CpuModel()
{
    try
    {
        return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
    }
    catch (IOException)
    {
        return "?";
    }
}

static string Generate(string work, int rows, int photos)
{
    var folder = Path.Combine(work, "goi");
    Directory.CreateDirectory(Path.Combine(folder, "anh"));
    // Photos: smooth random colour fields (unique bytes each), 2400×1600 JPEG like the fixtures.
    Parallel.For(0, photos, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
    {
        using var noise = Image.Gaussnoise(60, 40, mean: 128, sigma: 40, seed: i + 1);
        using var colour = noise.Bandjoin(noise.Rot180(), noise.FlipHor()).Cast(Enums.BandFormat.Uchar);
        using var big = colour.Resize(40, kernel: Enums.Kernel.Linear);
        big.Jpegsave(Path.Combine(folder, "anh", $"anh-{i + 1:D4}.jpg"), q: 85);
    });

    string[] movements = ["Dạy tốt - Học tốt", "Hiến máu tình nguyện", "Dân vận khéo", "Chung tay vì người nghèo - Không để ai bị bỏ lại phía sau", "Thi đua sáng kiến, sáng tạo"];
    string[] kinds = ["Cá nhân", "Tập thể", "Hộ gia đình", "Mô hình"];
    var every = photos == 0 ? int.MaxValue : Math.Max(1, rows / photos);
    var table = Enumerable.Range(1, rows).Select(i => new Dictionary<string, object?>
    {
        ["STT"] = i,
        ["Mã hồ sơ"] = $"BENCH-{i:D6}",
        ["Loại điển hình"] = kinds[i % kinds.Length],
        ["Họ và tên / Tên tập thể"] = $"Nguyễn Văn Thử {i}",
        ["Năm sinh"] = 1950 + i % 60,
        ["Địa chỉ"] = "xã Long Sơn, thành phố Vũng Tàu, tỉnh Bà Rịa - Vũng Tàu",
        ["Phong trào thi đua"] = movements[i % movements.Length],
        ["Tóm tắt thành tích"] = $"Thành tích tiêu biểu số {i}: vận động {i % 90} hộ tham gia, liên hệ 0912 345 {i % 1000:D3}.",
        ["Hình thức khen thưởng"] = "Giấy khen của Chủ tịch UBND huyện",
        ["Số quyết định"] = $"{i}/QĐ-UBND",
        ["Ngày quyết định"] = new DateTime(2025, 1, 1).AddDays(i % 300),
        ["Cơ quan đề xuất"] = $"Đơn vị thử {i % 20}",
        ["Trạng thái"] = i % 50 == 0 ? "Chờ thẩm định" : "Đã duyệt",
        ["Ảnh"] = i % every == 0 && i / every <= photos ? $"anh-{i / every:D4}.jpg" : null,
    });
    MiniExcel.SaveAs(Path.Combine(folder, "danh-sach.xlsx"), table);
    var zip = Path.Combine(work, "goi-benchmark.zip");
    ZipFile.CreateFromDirectory(folder, zip, CompressionLevel.Fastest, includeBaseDirectory: false);
    Directory.Delete(folder, recursive: true);
    return zip;
}

/// <summary>The worst accepted files, each imported into its own empty data folder in a child process.</summary>
static async Task<int> HostileAsync()
{
    var work = Path.Combine(Path.GetTempPath(), "guongsang-bench-hostile-" + Guid.NewGuid().ToString("N")[..8]);
    Directory.CreateDirectory(work);
    try
    {
        Console.WriteLine($"Máy: {Environment.ProcessorCount} nhân, {CpuModel()}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        var csv = HostileCsv(work);
        var json = HostileJson(work);
        var xlsx = HostileXlsx(work);
        // Each into an empty data folder; then the JSON again into the CSV's folder: every row an update of a stored exemplar.
        var runs = new[] { (csv, "csv"), (json, "json"), (xlsx, "xlsx"), (json, "csv") };
        var failed = 0;
        foreach (var (file, folder) in runs)
        {
            Console.WriteLine($"== {Path.GetFileName(file)}: {new FileInfo(file).Length / (1 << 20)} MiB, vào thư mục dữ liệu {folder}");
            var info = new ProcessStartInfo("dotnet");
            info.ArgumentList.Add(typeof(Program).Assembly.Location);
            info.ArgumentList.Add("--import-only");
            info.ArgumentList.Add(file);
            info.ArgumentList.Add(Path.Combine(work, "data-" + folder));
            info.ArgumentList.Add("--no-time-budget");
            using var child = Process.Start(info)!;
            await child.WaitForExitAsync();
            if (child.ExitCode != 0) failed++;
        }
        return failed == 0 ? 0 : 1;
    }
    finally
    {
        Directory.Delete(work, recursive: true);
    }
}

/// <summary>One row of a worst-case list: every field near a realistic length, the summary long.</summary>
static string[] HostileRow(int i, int summaryLength)
{
    var summary = new System.Text.StringBuilder();
    while (summary.Length < summaryLength) summary.Append($"Vận động {i % 90} hộ tham gia hiến máu, dạy học cho trẻ em vùng khó khăn. ");
    return [$"HOSTILE-{i:D6}", "Cá nhân", $"Nguyễn Văn Thử {i}", "Dạy tốt - Học tốt", summary.ToString(0, summaryLength).Trim(), $"{i}/QĐ-UBND", "01/02/2025", $"Đơn vị thử {i % 20}", "Đã duyệt"];
}

static string[] HostileHeader() => ["Mã hồ sơ", "Loại điển hình", "Họ và tên", "Phong trào thi đua", "Tóm tắt thành tích", "Số quyết định", "Ngày quyết định", "Cơ quan đề xuất", "Trạng thái"];

/// <summary>A TCVN3 (8-bit) CSV at the row limit, just under the list file limit: the encoding is detected, then decoded as it streams.</summary>
static string HostileCsv(string work)
{
    var path = Path.Combine(work, "lon-tcvn3.csv");
    using var output = new BufferedStream(File.Create(path));
    output.Write(GuongSang.Import.Reading.LegacyVietnamese.EncodeTcvn3(string.Join(';', HostileHeader().Select(h => VietnameseNoDiacritics(h))) + "\n"));
    for (var i = 1; i <= GuongSang.Import.Reading.ReadLimits.MaxRows - 10; i++)
        output.Write(GuongSang.Import.Reading.LegacyVietnamese.EncodeTcvn3(string.Join(';', HostileRow(i, 650)) + "\n"));
    return path;
}

// TCVN3 headers are written without diacritics in the samples ("Ma ho so").
static string VietnameseNoDiacritics(string text) => GuongSang.Content.Text.VietnameseText.Fold(text);

/// <summary>A JSON list at the row limit, just under the list file limit.</summary>
static string HostileJson(string work)
{
    var path = Path.Combine(work, "lon.json");
    using var stream = File.Create(path);
    using var json = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    json.WriteStartObject();
    json.WriteString("agency", "Đơn vị thử");
    json.WriteStartArray("exemplars");
    string[] keys = ["code", "kind", "name", "movement", "summary", "decisionNumber", "decisionDate", "submittedBy", "status"];
    for (var i = 1; i <= GuongSang.Import.Reading.ReadLimits.MaxRows - 10; i++)
    {
        json.WriteStartObject();
        var row = HostileRow(i, 450);
        for (var k = 0; k < keys.Length; k++) json.WriteString(keys[k], row[k]);
        json.WriteEndObject();
    }
    json.WriteEndArray();
    json.WriteEndObject();
    return path;
}

/// <summary>An xlsx at the row limit whose cells hold nearly the table's character limit (inline strings, as some exporters write).</summary>
static string HostileXlsx(string work)
{
    var path = Path.Combine(work, "lon.xlsx");
    const string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
    void Part(string name, string xml)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open());
        writer.Write(xml);
    }
    Part("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
    Part("_rels/.rels", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
    Part("xl/workbook.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{ns}\" xmlns:r=\"{rel}\"><sheets><sheet name=\"Danh sách\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
    Part("xl/_rels/workbook.xml.rels", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
    using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open());
    sheet.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{ns}\"><sheetData>");
    void Row(int r, string[] cells)
    {
        sheet.Write($"<row r=\"{r}\">");
        for (var c = 0; c < cells.Length; c++)
            sheet.Write($"<c r=\"{(char)('A' + c)}{r}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(cells[c])}</t></is></c>");
        sheet.Write("</row>");
    }
    Row(1, HostileHeader());
    for (var i = 1; i <= GuongSang.Import.Reading.ReadLimits.MaxRows - 10; i++) Row(i + 1, HostileRow(i, 650));
    sheet.Write("</sheetData></worksheet>");
    return path;
}
