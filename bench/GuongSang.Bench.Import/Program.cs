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

if (args.Length >= 3 && args[0] == "--import-only") return await ImportOnlyAsync(args[1], args[2]);

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

static async Task<int> ImportOnlyAsync(string package, string dataPath)
{
    var service = new ImportService(new DataFolder(dataPath));
    var wall = Stopwatch.StartNew();
    var report = await service.ImportAsync([package], new ImportOptions());
    wall.Stop();
    var file = report.Files.Single();
    var rowCount = file.Rows.Count(r => r.Kind == "exemplar");
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    Console.WriteLine($"Trạng thái: {file.Status} {file.Error}; {string.Join(", ", file.Counts.Select(kv => $"{kv.Value} {kv.Key}"))}");
    Console.WriteLine($"Thời gian nhập: {wall.Elapsed.TotalSeconds:F1} s; {rowCount / wall.Elapsed.TotalSeconds:F0} dòng/s; " +
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
