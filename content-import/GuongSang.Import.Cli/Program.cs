using System.CommandLine;
using System.Text;
using GuongSang.Content;
using GuongSang.Content.Accounts;
using GuongSang.Content.Seeding;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using GuongSang.Import;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

// A thin shell over ImportService: parse the command line, print the report, choose the exit code.
Console.OutputEncoding = Encoding.UTF8;
VietnameseText.SelfTest();

const int AllImported = 0, SomeRejected = 1, WrongUsage = 2;

var dataOption = new Option<string?>("--data") { Description = $"Thư mục dữ liệu (mặc định: biến môi trường {DataFolder.EnvironmentVariable}, hoặc {DataFolder.DefaultPath})" };

var paths = new Argument<string[]>("tep-hoac-thu-muc") { Description = "Tệp .xlsx, .csv, .json, .md, .docx, .zip hoặc thư mục (mọi tệp trong đó)", Arity = ArgumentArity.OneOrMore };
var dryRun = new Option<bool>("--dry-run") { Description = "Chạy thử: báo cáo như thật nhưng không ghi gì" };
var reportFile = new Option<string?>("--report") { Description = "Ghi báo cáo dạng JSON vào tệp này" };
var agencyOption = new Option<string?>("--agency") { Description = "Cơ quan đề xuất cho các tệp không ghi cơ quan (tên hoặc mã)" };
var newExemplarsOption = new Option<string?>("--new-exemplars") { Description = $"Hồ sơ và bài mới: publish (đăng ngay, mặc định) hoặc review (chờ duyệt); mặc định lấy từ biến môi trường {NewContentModes.EnvironmentVariable}" };
var import = new Command("import", "Nhập danh sách điển hình tiên tiến đã được duyệt") { paths, dryRun, reportFile, agencyOption, dataOption, newExemplarsOption };
import.SetAction(async (parse, ct) =>
{
    // An unknown "--option" is taken as a path by the parser: it is a usage error, not a missing file.
    var unknown = parse.GetValue(paths)!.Where(p => p.StartsWith('-') && !File.Exists(p) && !Directory.Exists(p)).ToList();
    if (unknown.Count > 0)
    {
        Console.Error.WriteLine($"Lỗi: không có tùy chọn {string.Join(", ", unknown)}. Xem hướng dẫn: import --help");
        return WrongUsage;
    }
    // As the data folder: the option, else the environment the site reads its setting from too.
    var (newExemplars, from) = parse.GetValue(newExemplarsOption) is { } given
        ? (given, "--new-exemplars")
        : (Environment.GetEnvironmentVariable(NewContentModes.EnvironmentVariable), NewContentModes.EnvironmentVariable);
    if (!NewContentModes.TryParse(newExemplars, out var mode))
    {
        Console.Error.WriteLine("Lỗi: " + NewContentModes.Error(from, newExemplars!));
        return WrongUsage;
    }
    var folder = DataFolder.FromEnvironment(parse.GetValue(dataOption));
    var service = new ImportService(folder, logger: new StandardErrorLogger());
    var options = new ImportOptions { DryRun = parse.GetValue(dryRun), Agency = parse.GetValue(agencyOption), NewExemplars = mode };
    var progress = new ConsoleProgress();
    var report = await service.ImportAsync(parse.GetValue(paths)!, options, progress, ct);
    progress.Finish();
    ReportPrinter.Print(report, Console.Out);
    if (!options.DryRun && File.Exists(folder.DatabasePath))
    {
        // Who imported what, and what became of it, as for a push: the operator at the command line.
        await using var db = ContentServiceCollectionExtensions.CreateDb(folder, AuditLog.CommandLine);
        var audit = new AuditLog(db, AuditLog.CommandLine);
        foreach (var file in report.Files) await ImportAudit.RecordAsync(audit, file, mode, AuditLog.CommandLine, CancellationToken.None);
    }
    if (parse.GetValue(reportFile) is { } reportPath)
    {
        await File.WriteAllTextAsync(reportPath, report.ToJson(), ct);
        Console.WriteLine($"Đã ghi báo cáo JSON: {reportPath}");
    }
    return report.AllImported ? AllImported : SomeRejected;
});

var keyCode = new Argument<string>("ma-co-quan") { Description = "Mã cơ quan (Agency.Code)" };
var keyName = new Option<string?>("--name") { Description = "Tên cơ quan, để tạo cơ quan nếu chưa có" };
var setKey = new Command("set-agency-key", "Cấp khóa API mới cho một cơ quan (khóa chỉ hiện một lần; chỉ lưu bản băm)") { keyCode, keyName, dataOption };
setKey.SetAction(async (parse, ct) =>
{
    var folder = DataFolder.FromEnvironment(parse.GetValue(dataOption));
    await using var db = ContentServiceCollectionExtensions.CreateDb(folder, "nhap-lieu:set-agency-key");
    var haveMovementData = typeof(DatabaseInitializer).Assembly.GetManifestResourceInfo("GuongSang.Content.Data.movements.json") is not null;
    await new DatabaseInitializer(db, new SeedOptions { Movements = haveMovementData, DemoContent = false }, NullLogger<DatabaseInitializer>.Instance)
        .InitializeAsync(allowDemoContent: false, ct);
    var code = parse.GetValue(keyCode)!;
    var key = await AgencyKeys.SetAsync(db, code, parse.GetValue(keyName), DateTime.UtcNow, ct);
    if (key is null)
    {
        Console.Error.WriteLine($"Không có cơ quan mã \"{code}\". Dùng --name \"Tên cơ quan\" để tạo.");
        return SomeRejected;
    }
    Console.WriteLine($"Khóa API mới của cơ quan {code} (chỉ hiện lần này, hãy lưu lại):");
    Console.WriteLine(key);
    return AllImported;
});

var root = new RootCommand("Gương Sáng: nhập hồ sơ điển hình tiên tiến từ các cơ quan") { import, setKey };

// Help in Vietnamese (the parser's own help has English headings).
string[] helpWords = ["--help", "-h", "-?", "/?"];
if (args.Length == 0 || (args.Length == 1 && helpWords.Contains(args[0])))
{
    Console.WriteLine(Help.Root);
    return args.Length == 0 ? WrongUsage : AllImported;
}
if (args.Any(helpWords.Contains))
{
    Console.WriteLine(args[0] == "set-agency-key" ? Help.SetKey : Help.Import);
    return AllImported;
}
var parseResult = root.Parse(args);
if (parseResult.Errors.Count > 0)
{
    foreach (var error in parseResult.Errors) Console.Error.WriteLine("Lỗi: " + UsageErrors.InVietnamese(error.Message));
    Console.Error.WriteLine($"Xem hướng dẫn: {(args[0] == "set-agency-key" ? "set-agency-key" : "import")} --help");
    return WrongUsage;
}
return await parseResult.InvokeAsync();

/// <summary>
/// The importer's log on the error stream: a system error's details and stack trace, for the person
/// running the import (the report itself only says "lỗi hệ thống" with the incident number).
/// </summary>
internal sealed class StandardErrorLogger : ILogger<ImportService>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        Console.Error.WriteLine(formatter(state, exception));
        if (exception is not null) Console.Error.WriteLine(exception);
    }
}

/// <summary>A progress bar on the error stream for large files; plain lines when it is redirected.</summary>
internal sealed class ConsoleProgress : IProgress<ImportProgress>
{
    private int _lastPercent = -10;
    private bool _drawn;

    public void Report(ImportProgress value)
    {
        if (value.Total < 200) return;
        var percent = value.Done * 100 / value.Total;
        if (Console.IsErrorRedirected)
        {
            if (percent / 10 == _lastPercent / 10 && value.Done != value.Total) return;
            _lastPercent = percent;
            Console.Error.WriteLine($"Đang ghi {Path.GetFileName(value.File)}: {value.Done}/{value.Total} dòng ({percent}%)");
            return;
        }
        if (percent == _lastPercent) return;
        _lastPercent = percent;
        var bar = new string('#', percent / 4).PadRight(25, '.');
        Console.Error.Write($"\r{Path.GetFileName(value.File)} [{bar}] {value.Done}/{value.Total} ({percent}%)");
        _drawn = true;
    }

    public void Finish()
    {
        if (_drawn) Console.Error.WriteLine();
    }
}

/// <summary>The command line's help text, in Vietnamese.</summary>
/// <summary>
/// The parser's usage errors (System.CommandLine has no Vietnamese messages) said in Vietnamese: the
/// ones a person meets, recognised by their English wording; any other keeps its wording after a
/// Vietnamese lead.
/// </summary>
internal static partial class UsageErrors
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^Unrecognized command or argument '(?<x>.*)'\.?$")]
    private static partial System.Text.RegularExpressions.Regex Unrecognized();

    [System.Text.RegularExpressions.GeneratedRegex(@"^Required argument missing for option: '(?<x>.*)'\.?$")]
    private static partial System.Text.RegularExpressions.Regex OptionValueMissing();

    [System.Text.RegularExpressions.GeneratedRegex(@"^Required argument missing for command: '(?<x>.*)'\.?$")]
    private static partial System.Text.RegularExpressions.Regex ArgumentMissing();

    public static string InVietnamese(string message)
    {
        if (message.StartsWith("Required command was not provided", StringComparison.Ordinal))
            return "thiếu lệnh: dùng import (nhập tệp) hoặc set-agency-key (cấp khóa API).";
        if (Unrecognized().Match(message) is { Success: true } u)
            return $"không hiểu lệnh hoặc tham số \"{u.Groups["x"].Value}\".";
        if (OptionValueMissing().Match(message) is { Success: true } o)
            return $"tùy chọn {o.Groups["x"].Value} cần một giá trị theo sau.";
        if (ArgumentMissing().Match(message) is { Success: true } a)
            return a.Groups["x"].Value == "set-agency-key" ? "thiếu mã cơ quan." : "thiếu tệp hoặc thư mục cần nhập.";
        return "lệnh không hợp lệ (" + message + ").";
    }
}

internal static class Help
{
    public const string Root = """
        Gương Sáng: nhập hồ sơ điển hình tiên tiến từ các cơ quan

        Cách dùng:
          GuongSang.Import.Cli import <tệp-hoặc-thư-mục>... [--dry-run] [--report <bao-cao.json>] [--agency <tên>] [--data <thư-mục>] [--new-exemplars publish|review]
          GuongSang.Import.Cli set-agency-key <mã-cơ-quan> [--name "<tên cơ quan>"] [--data <thư-mục>]
          GuongSang.Import.Cli import --help

        Lệnh:
          import          Nhập danh sách điển hình đã được duyệt (.xlsx, .csv, .json, .md, .docx, .zip)
          set-agency-key  Cấp khóa API mới cho một cơ quan (khóa chỉ hiện một lần; chỉ lưu bản băm)

        Mã thoát: 0 mọi tệp đã nhập; 1 có tệp bị từ chối; 2 dùng sai lệnh.
        """;

    public const string Import = """
        Nhập danh sách điển hình tiên tiến đã được duyệt.

        Cách dùng:
          GuongSang.Import.Cli import <tệp-hoặc-thư-mục>... [tùy chọn]

        Đối số:
          <tệp-hoặc-thư-mục>  Tệp .xlsx, .csv, .json, .md, .docx, .zip; thư mục = mọi tệp trong đó

        Tùy chọn:
          --dry-run           Chạy thử: báo cáo như thật nhưng không ghi gì
          --report <tệp>      Ghi thêm báo cáo dạng JSON vào tệp này
          --agency <tên>      Cơ quan đề xuất cho các tệp không ghi cơ quan (tên hoặc mã)
          --data <thư-mục>    Thư mục dữ liệu (mặc định: biến môi trường GUONGSANG_DATA, hoặc ~/.local/share/guong-sang)
          --new-exemplars <cách>
                              Hồ sơ và bài mới: publish (đăng ngay) hoặc review (chờ Ban Thi đua - Khen thưởng duyệt);
                              mặc định: biến môi trường GuongSang__Import__NewExemplars (như trang web), hoặc publish.
                              Hồ sơ đã có khi cập nhật giữ nguyên trạng thái.
          -h, --help          Hiện hướng dẫn này

        Chỉ hồ sơ có trạng thái "Đã duyệt" được nhập; mỗi tệp được ghi trọn vẹn hoặc không ghi gì.
        Mã thoát: 0 mọi tệp đã nhập; 1 có tệp bị từ chối; 2 dùng sai lệnh.
        """;

    public const string SetKey = """
        Cấp khóa API mới cho một cơ quan để gửi hồ sơ qua POST /api/v1/agencies/{mã}/submissions.
        Khóa chỉ hiện một lần; cơ sở dữ liệu chỉ lưu bản băm SHA-256. Chạy lại sẽ thay khóa cũ.

        Cách dùng:
          GuongSang.Import.Cli set-agency-key <mã-cơ-quan> [--name "<tên cơ quan>"] [--data <thư-mục>]

        Tùy chọn:
          --name <tên>        Tạo cơ quan với tên này nếu chưa có
          --data <thư-mục>    Thư mục dữ liệu (mặc định: GUONGSANG_DATA, hoặc ~/.local/share/guong-sang)
        """;
}
