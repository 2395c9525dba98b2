using GuongSang.Content;
using GuongSang.Content.Seeding;
using GuongSang.Content.Storage;
using GuongSang.Import.Applying;
using GuongSang.Import.Mapping;
using GuongSang.Import.Reading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuongSang.Import;

/// <summary>
/// The import pipeline: read → detect → map columns → normalise → validate → plan → apply in one
/// transaction per file → report. The command line, the site's push API and the manager's upload
/// all call this. A file's fault is reported to the sender; a failure of ours (a bug, the database) is
/// reported as a system error with an incident number, and its details go to the log only.
/// </summary>
public sealed class ImportService(DataFolder dataFolder, TimeProvider? clock = null, ILogger<ImportService>? logger = null)
{
    public static readonly string[] DataExtensions = [".xlsx", ".csv", ".tsv", ".txt", ".json", ".md", ".docx", ".zip"];
    public static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".gif"];

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? NullLogger<ImportService>.Instance;
    private bool _databaseReady;
    private bool _workSpaceSwept;

    public DataFolder DataFolder => dataFolder;

    /// <summary>Imports files and folders (a folder means every file in it); one report entry per file.</summary>
    public async Task<ImportReport> ImportAsync(
        IReadOnlyList<string> paths, ImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var report = new ImportReport();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                // Lists before articles, so an article finds the exemplar a list in the same folder creates.
                var files = Directory.EnumerateFiles(path)
                    .OrderBy(f => Path.GetExtension(f).Equals(".md", StringComparison.OrdinalIgnoreCase) ? 1 : 0)
                    .ThenBy(f => f, StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0)
                {
                    var empty = new FileReport { File = path, DryRun = options.DryRun };
                    empty.Reject($"Thư mục \"{path}\" không có tệp nào");
                    report.Files.Add(empty);
                }
                foreach (var file in files)
                {
                    // Photos beside a list are its photos, not submissions; only a photo that is no image is worth a line.
                    if (ImageExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                    {
                        if (CheckImage(file) is { } error) report.Files.Add(error);
                        continue;
                    }
                    // A README or notes beside the lists: said, not imported as an article.
                    if (Path.GetExtension(file).Equals(".md", StringComparison.OrdinalIgnoreCase) &&
                        !MarkdownArticleReader.HasFrontMatter(TextDecoder.Decode(ReadHead(file, 512)).Text))
                    {
                        report.Ignored.Add(new IgnoredFile(file, MarkdownArticleReader.NotAnArticle));
                        continue;
                    }
                    report.Files.Add(await ImportFileAsync(file, file, options, progress, ct));
                }
            }
            else
            {
                report.Files.Add(await ImportFileAsync(path, path, options, progress, ct));
            }
        }
        return report;
    }

    /// <summary>Imports one uploaded or pushed file (the site's API and upload): the stream is copied into the work folder first.</summary>
    public async Task<FileReport> ImportStreamAsync(
        Stream content, string fileName, ImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var safeName = Path.GetFileName(fileName.Replace('\\', '/'));
        if (string.IsNullOrWhiteSpace(safeName) || safeName.StartsWith('.')) safeName = "tep-gui-len" + Path.GetExtension(safeName);
        var upload = CreateWorkFolder();
        try
        {
            var path = Path.Combine(upload, safeName);
            await using (var file = File.Create(path))
            {
                await content.CopyToAsync(file, ct);
            }
            return await ImportFileAsync(path, safeName, options, progress, ct, photoRoot: null);
        }
        finally
        {
            DeleteFolder(upload);
        }
    }

    private FileReport? CheckImage(string path)
    {
        var head = ReadHead(path, 512);
        if (Content.Storage.MediaStore.DetectImageType(head) is not null) return null;
        var report = new FileReport { File = path, Format = Path.GetExtension(path).TrimStart('.').ToLowerInvariant() };
        report.Reject($"Tệp \"{path}\": có đuôi {Path.GetExtension(path)} nhưng {Content.Storage.MediaStore.DescribeNonImage(head)}; tệp bị từ chối");
        return report;
    }

    private static byte[] ReadHead(string path, int length)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[length];
        var read = stream.ReadAtLeast(buffer, length, throwOnEndOfStream: false);
        return buffer[..read];
    }

    private async Task<FileReport> ImportFileAsync(
        string path, string display, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct, string? photoRoot = "")
    {
        var report = new FileReport { File = display, DryRun = options.DryRun, Format = Path.GetExtension(path).TrimStart('.').ToLowerInvariant() };
        var work = CreateWorkFolder();
        // The file's time budget: reading and writing stop when it runs out, as when the caller cancels.
        using var budget = new CancellationTokenSource(options.TimeBudget, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);
        var callerToken = ct;
        ct = linked.Token;
        try
        {
            if (!File.Exists(path))
            {
                report.Reject($"Không tìm thấy tệp \"{display}\"");
                return report;
            }
            // The database is made ready (schema, reference data: a second on a new data folder) while the
            // file is read, on the other core; neither touches the other's data.
            var databaseReady = Task.Run(() => EnsureDatabaseAsync(ct), ct);
            Submission submission;
            try
            {
                submission = Read(path, display, work, photoRoot == "" ? Path.GetDirectoryName(Path.GetFullPath(path)) : photoRoot, report, options, ct);
            }
            catch (ImportRejectedException e)
            {
                await databaseReady;
                report.Rows.Clear();
                report.Reject($"Tệp \"{display}\": {e.Message}");
                if (e.InnerException is not null) _logger.LogInformation(e.InnerException, "Tệp {File} bị từ chối: {Reason}", display, e.Message);
                return report;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await databaseReady;
                // Readers turn what a bad file causes into ImportRejectedException: anything else is a bug.
                RejectAsSystemError(report, display, "khi đọc tệp", e);
                return report;
            }
            report.Encoding = submission.Encoding;
            report.Format = submission.Format;

            await databaseReady;
            var apply = new ImportApplier(dataFolder, _clock, options, report, options.Actor ?? "nhap-lieu:" + Path.GetFileName(display));
            try
            {
                await apply.RunAsync(submission, progress, ct);
            }
            catch (ImportRejectedException e)
            {
                report.Rows.Clear();
                report.Reject($"Tệp \"{display}\": {e.Message}; không có gì được ghi");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                RejectAsSystemError(report, display, "khi ghi vào cơ sở dữ liệu", e);
            }
            return report;
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !callerToken.IsCancellationRequested)
        {
            report.Rows.Clear();
            report.Reject($"Tệp \"{display}\": chưa xong sau {Describe(options.TimeBudget)}, thời gian tối đa cho một tệp; đã dừng và hoàn tác, không có gì được ghi");
            return report;
        }
        finally
        {
            DeleteFolder(work);
        }
    }

    /// <summary>
    /// A failure that is not the file's fault: the sender gets a generic message with an incident number
    /// (never the exception's text, which can name paths, SQL or data); the log gets the details under it.
    /// </summary>
    private void RejectAsSystemError(FileReport report, string display, string during, Exception e)
    {
        var incident = Guid.NewGuid().ToString("N")[..8];
        _logger.LogError(e, "Lỗi hệ thống {During} {File} (mã sự cố {Incident})", during, display, incident);
        report.Rows.Clear();
        report.SystemError = true;
        report.Reject($"Tệp \"{display}\": lỗi hệ thống {during} (mã sự cố {incident}), không phải lỗi của tệp; " +
                      "không có gì được ghi (mọi thay đổi đã được hoàn tác). Sự cố đã được ghi lại cho kỹ thuật viên; hãy gửi lại sau.");
    }

    private static string Describe(TimeSpan span) =>
        span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} phút" : $"{span.TotalSeconds:0.#} giây";

    /// <summary>Read and detect: the file's format, encoding, tables and articles. Column checks happen here too.</summary>
    private static Submission Read(string path, string display, string work, string? photoRoot, FileReport report, ImportOptions options, CancellationToken ct)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (ImageExtensions.Contains(extension))
        {
            var head = ReadHead(path, 512);
            throw new ImportRejectedException(Content.Storage.MediaStore.DetectImageType(head) is null
                ? $"có đuôi {extension} nhưng {Content.Storage.MediaStore.DescribeNonImage(head)}"
                : "ảnh chỉ nhập được kèm danh sách (trong gói .zip hoặc cùng thư mục với danh sách có cột \"Ảnh\")");
        }
        if (extension == ".xls") throw new ImportRejectedException("định dạng Excel cũ (.xls) chưa được hỗ trợ: hãy lưu lại thành .xlsx");
        if (!DataExtensions.Contains(extension))
            throw new ImportRejectedException($"định dạng \"{extension}\" không được hỗ trợ (nhận .xlsx, .csv, .json, .md, .docx, .zip)");
        if (new FileInfo(path).Length == 0) throw new ImportRejectedException("tệp rỗng");

        // What the sender knows the file by, the first part of every source reference.
        var sourceName = Path.GetFileName(display);
        Submission submission;
        if (extension == ".zip")
        {
            var unpacked = Path.Combine(work, "goi");
            SafeZip.Extract(path, unpacked, ct: ct);
            submission = new Submission { Photos = new PhotoFolder(unpacked, depth: 8), Format = "zip" };
            var dataFiles = submission.Photos.FilesWithExtension(".xlsx", ".csv", ".tsv", ".json", ".docx").ToList();
            foreach (var file in dataFiles)
            {
                var entry = submission.Photos.Relative(file);
                ReadOne(file, display + SourceRef.Separator + entry, new SourceRef(sourceName, entry), submission, report, options, ct);
            }
            foreach (var md in submission.Photos.FilesWithExtension(".md"))
            {
                var (text, _) = ReadArticleText(md);
                var entry = submission.Photos.Relative(md);
                if (MarkdownArticleReader.HasFrontMatter(text))
                    AddArticle(MarkdownArticleReader.Read(text, entry, Path.GetDirectoryName(md)), new SourceRef(sourceName, entry), submission);
                else
                    report.Ignored.Add(new IgnoredFile(submission.Photos.Relative(md), MarkdownArticleReader.NotAnArticle));
            }
            if (submission.Tables.Count == 0 && submission.Articles.Count == 0)
                throw new ImportRejectedException("gói không có danh sách (.xlsx, .csv, .json, .docx) hay bài viết (.md) nào");
        }
        else
        {
            submission = new Submission { Photos = new PhotoFolder(photoRoot, depth: 1), Format = extension.TrimStart('.') };
            ReadOne(path, display, new SourceRef(sourceName), submission, report, options, ct);
        }

        if (submission.Tables.Count == 0 && submission.Articles.Count == 0)
            throw new ImportRejectedException("không tìm thấy danh sách điển hình nào");
        return submission;
    }

    private static void ReadOne(string path, string display, SourceRef origin, Submission submission, FileReport report, ImportOptions options, CancellationToken ct)
    {
        options.WhileReading?.Invoke(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".xlsx":
            {
                var head = ReadHead(path, 4);
                if (head.Length < 2 || head[0] != (byte)'P' || head[1] != (byte)'K')
                    throw new ImportRejectedException($"\"{Path.GetFileName(path)}\" không phải tệp Excel .xlsx thật (nội dung không đúng định dạng)");
                AddTables(SpreadsheetReader.Read(path, display, ct), origin, submission, report);
                break;
            }
            case ".docx":
            {
                var (tables, story) = WordReader.Read(path, display, ct);
                var withHeader = tables.Where(t => ColumnMap.Find(RowsOf(t)) is not null).ToList();
                if (withHeader.Count > 0) AddTables(withHeader, origin, submission, report);
                else if (story is not null) AddArticle(story, origin, submission);
                else throw new ImportRejectedException("tài liệu Word không có bảng danh sách hay bài viết nào");
                break;
            }
            case ".json":
            {
                CheckSize(path, ReadLimits.MaxListFileBytes, "danh sách JSON");
                var (utf8, encoding) = TextDecoder.OpenUtf8(path, ct);
                using (utf8)
                {
                    submission.Encoding ??= encoding;
                    AddTables([JsonSubmissionReader.Read(utf8, display, ct)], origin, submission, report);
                }
                break;
            }
            case ".md":
            {
                var (text, encoding) = ReadArticleText(path);
                submission.Encoding ??= encoding;
                AddArticle(MarkdownArticleReader.Read(text, Path.GetFileName(path), Path.GetDirectoryName(path)), origin, submission);
                break;
            }
            default:
            {
                CheckSize(path, ReadLimits.MaxListFileBytes, "danh sách CSV");
                var (reader, encoding) = TextDecoder.OpenText(path, ct);
                using (reader)
                {
                    submission.Encoding ??= encoding;
                    AddTables([DelimitedReader.Read(reader, display, ct)], origin, submission, report);
                }
                break;
            }
        }
    }

    /// <summary>A Markdown article's text, refused past its size before it is read.</summary>
    private static (string Text, string Encoding) ReadArticleText(string path)
    {
        CheckSize(path, ReadLimits.MaxArticleFileBytes, "bài viết Markdown");
        return TextDecoder.Decode(File.ReadAllBytes(path));
    }

    private static void AddArticle(ArticleSource article, SourceRef origin, Submission submission)
    {
        FieldLimits.Check(article);
        submission.Articles.Add(new SubmittedArticle(article, origin));
    }

    private static void CheckSize(string path, long limit, string what)
    {
        var length = new FileInfo(path).Length;
        if (length > limit)
            throw new ImportRejectedException($"{what} \"{Path.GetFileName(path)}\" nặng {ReadLimits.Describe(length)}, quá giới hạn {ReadLimits.Describe(limit)} cho một tệp");
    }

    private static List<object?[]> RowsOf(SourceTable table) => [.. table.Rows.Select(r => r.Cells)];

    /// <summary>Keeps the tables that have a header row, checks the required columns, reports unknown ones.</summary>
    private static void AddTables(List<SourceTable> tables, SourceRef origin, Submission submission, FileReport report)
    {
        // Tables with a header row; of several (sheets, Word tables), the complete ones are read and
        // the others (a notes sheet that names a few columns) are left alone.
        var candidates = new List<(SourceTable Table, ColumnMap Map, List<string> Missing)>();
        foreach (var table in tables)
        {
            var map = table.Header is not null
                ? ColumnMap.FromHeader([.. table.Header], -1)
                : ColumnMap.Find(RowsOf(table));
            if (map is null || map.KnownCount < 3) continue;
            candidates.Add((table, map, [.. Columns.Required.Where(f => !map.Has(f)).Select(Columns.Label)]));
        }
        if (candidates.Count == 0)
        {
            throw new ImportRejectedException(
                "không tìm thấy dòng tiêu đề (cần các cột như \"Mã hồ sơ\", \"Họ và tên\", \"Loại điển hình\", \"Phong trào thi đua\", \"Trạng thái\")");
        }
        var complete = candidates.Where(c => c.Missing.Count == 0).ToList();
        if (complete.Count == 0)
        {
            var (table, map, missing) = candidates.OrderBy(c => c.Missing.Count).First();
            throw new ImportRejectedException(
                $"thiếu cột bắt buộc {string.Join(", ", missing.Select(m => $"\"{m}\""))}" +
                (table.Header is null ? $" (dòng tiêu đề là dòng {table.Rows[map.HeaderRowIndex].Number})" : ""));
        }
        foreach (var (table, map, _) in complete)
        {
            var dataRows = table.Header is null ? table.Rows.Count - map.HeaderRowIndex - 1 : table.Rows.Count;
            if (dataRows <= 0 && complete.Count == 1) throw new ImportRejectedException("chỉ có dòng tiêu đề, không có hồ sơ nào bên dưới");
            foreach (var unknown in map.Unknown)
            {
                if (!report.UnknownColumns.Contains(unknown)) report.UnknownColumns.Add(unknown);
            }
            submission.Tables.Add(new SubmittedTable(table, map, origin with { Part = table.Part }));
        }
        if (submission.Tables.Sum(t => t.Table.Header is null ? t.Table.Rows.Count - t.Map.HeaderRowIndex - 1 : t.Table.Rows.Count) <= 0)
            throw new ImportRejectedException("chỉ có dòng tiêu đề, không có hồ sơ nào bên dưới");
    }

    /// <summary>Migrates a new data folder and seeds localities and movements (never demo content).</summary>
    private async Task EnsureDatabaseAsync(CancellationToken ct)
    {
        if (_databaseReady) return;
        await using var db = ContentServiceCollectionExtensions.CreateDb(dataFolder, DatabaseInitializer.SeederActor);
        var haveMovementData = typeof(DatabaseInitializer).Assembly.GetManifestResourceInfo("GuongSang.Content.Data.movements.json") is not null;
        await new DatabaseInitializer(db, new SeedOptions { Movements = haveMovementData, DemoContent = false }, NullLogger<DatabaseInitializer>.Instance)
            .InitializeAsync(allowDemoContent: false, ct);
        _databaseReady = true;
    }

    /// <summary>A fresh folder for one import under the data folder's import work space.</summary>
    private string CreateWorkFolder()
    {
        if (!_workSpaceSwept)
        {
            // Left by an importer that was killed: only copies, safe to remove after a day.
            _workSpaceSwept = true;
            if (Directory.Exists(dataFolder.ImportWorkPath))
            {
                foreach (var stale in new DirectoryInfo(dataFolder.ImportWorkPath).EnumerateDirectories().Where(d => d.CreationTimeUtc < _clock.GetUtcNow().UtcDateTime.AddDays(-1)))
                    DeleteFolder(stale.FullName);
            }
        }
        var path = Path.Combine(dataFolder.ImportWorkPath, _clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static void DeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned next time; it holds only copies.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
