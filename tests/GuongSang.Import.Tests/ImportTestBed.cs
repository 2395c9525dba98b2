using GuongSang.Content;
using GuongSang.Content.Seeding;
using GuongSang.Content.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuongSang.Import.Tests;

/// <summary>
/// One test's world: its own data folder (SQLite file, media, work space) and its own copy of
/// the samples, so nothing a test does can touch another test or the checked-in samples.
/// </summary>
public sealed class ImportTestBed : IAsyncDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "guongsang-import-" + Guid.NewGuid().ToString("N"));
    public DataFolder Data { get; }
    public string Inbox { get; }
    public ImportService Service { get; }

    private ImportTestBed()
    {
        Data = new DataFolder(Path.Combine(Root, "data"));
        Inbox = Path.Combine(Root, "inbox");
        Directory.CreateDirectory(Inbox);
        Service = new ImportService(Data);
    }

    /// <summary>A data folder migrated with localities and, when asked, the 24 movements of the plan (as the site seeds them).</summary>
    public static async Task<ImportTestBed> CreateAsync(bool withMovements = true)
    {
        var bed = new ImportTestBed();
        await using var db = bed.OpenDb();
        await new DatabaseInitializer(db, new SeedOptions { Movements = withMovements, DemoContent = false }, NullLogger<DatabaseInitializer>.Instance)
            .InitializeAsync(allowDemoContent: false);
        return bed;
    }

    public GuongSangDb OpenDb() => ContentServiceCollectionExtensions.CreateDb(Data, "kiem-thu");

    /// <summary>Writes one of the project's samples into this test's inbox and returns its path there.</summary>
    public string Sample(string name) => WriteBytes(Path.GetFileName(name), GuongSang.Tests.Samples.Bytes(name));

    /// <summary>Copies one of the agencies' shared fixtures into this test's inbox (only from a <c>[FixtureFact]</c>).</summary>
    public string Fixture(string relative)
    {
        var target = Path.Combine(Inbox, Path.GetFileName(relative));
        File.Copy(GuongSang.Tests.SharedFixtures.File(relative), target, overwrite: true);
        return target;
    }

    public string Write(string name, string text, System.Text.Encoding? encoding = null)
    {
        var path = Path.Combine(Inbox, name);
        File.WriteAllText(path, text, encoding ?? new System.Text.UTF8Encoding(false));
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(Inbox, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public Task<ImportReport> ImportAsync(params string[] paths) => Service.ImportAsync(paths, new ImportOptions());

    public Task<ImportReport> ImportAsync(ImportOptions options, params string[] paths) => Service.ImportAsync(paths, options);

    /// <summary>Everything that says what the site has: counts of each table that content lives in, plus the change log.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var db = OpenDb();
        var parts = new[]
        {
            await db.Exemplars.CountAsync(), await db.Recognitions.CountAsync(), await db.Articles.CountAsync(), await db.Media.CountAsync(),
            await db.Agencies.CountAsync(), await db.Movements.CountAsync(), await db.Revisions.CountAsync(), await db.ContentChanges.CountAsync(),
        };
        var texts = await db.Exemplars.OrderBy(e => e.Id).Select(e => e.Code + "|" + e.Name + "|" + e.Summary + "|" + e.UpdatedAt).ToListAsync();
        return string.Join(",", parts) + "\n" + string.Join("\n", texts);
    }

    public IEnumerable<string> MediaFiles() =>
        Directory.Exists(Data.MediaPath) ? Directory.EnumerateFiles(Data.MediaPath, "*", SearchOption.AllDirectories) : [];

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}

internal static class ReportExtensions
{
    public static FileReport Single(this ImportReport report) => Assert.Single(report.Files);

    public static int Count(this FileReport file, string outcome) => file.Rows.Count(r => r.Outcome == outcome && r.Kind == "exemplar");

    public static RowReport RowFor(this FileReport file, string code) => file.Rows.Single(r => r.Code == code && r.Kind == "exemplar");
}
