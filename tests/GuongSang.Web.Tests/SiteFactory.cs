using System.Data.Common;
using GuongSang.Content;
using GuongSang.Content.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace GuongSang.Web.Tests;

/// <summary>
/// The real site on its own temporary data folder (a real SQLite file), with a theme and seed
/// settings of the test's choosing. Counts the SQL commands it runs.
/// </summary>
public class SiteFactory(
    string theme = "Default", bool demoContent = true, bool movements = true, string? dataPath = null,
    IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <summary>A new folder unless the test names one (a second start on the same data).</summary>
    public string DataPath { get; } = dataPath ?? Path.Combine(Path.GetTempPath(), "guongsang-test-" + Guid.NewGuid().ToString("N"));

    public SqlCommandCounter Commands { get; } = new();

    public DataFolder DataFolder => new(DataPath);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("GuongSang:DataFolder", DataPath);
        builder.UseSetting("GuongSang:Theme", theme);
        builder.UseSetting("GuongSang:Seed:DemoContent", demoContent.ToString());
        builder.UseSetting("GuongSang:Seed:Movements", movements.ToString());
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<GuongSangDb>(o => o.AddInterceptors(Commands)));
    }

    /// <summary>A database context on the same data folder, for a test to arrange or inspect content.</summary>
    public GuongSangDb CreateDb(string actor = "kiem-thu") => ContentServiceCollectionExtensions.CreateDb(DataFolder, actor);

    public HttpClient CreatePlainClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || dataPath is not null) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned by the OS later.
        }
    }
}

public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }
}
