using GuongSang.Content.Seeding;
using GuongSang.Content.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuongSang.Content.Tests;

/// <summary>A real SQLite file in its own temporary data folder, migrated, with localities only.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public DataFolder Folder { get; } = new(Path.Combine(Path.GetTempPath(), "guongsang-unit-" + Guid.NewGuid().ToString("N")));

    public static async Task<TestDatabase> CreateAsync(bool movements = false)
    {
        var test = new TestDatabase();
        await using var db = test.Open("kiem-thu");
        await new DatabaseInitializer(db, new SeedOptions { Movements = movements, DemoContent = false }, NullLogger<DatabaseInitializer>.Instance)
            .InitializeAsync(allowDemoContent: false);
        return test;
    }

    public GuongSangDb Open(string? actor) => ContentServiceCollectionExtensions.CreateDb(Folder, actor!);

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder.Root, recursive: true);
        return ValueTask.CompletedTask;
    }
}
