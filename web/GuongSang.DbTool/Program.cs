// Scaffolds EF Core migrations into web/GuongSang.Content/Migrations. It stands in for
// `dotnet ef migrations add`, whose tool package the NuGet feed here does not serve.
// Usage: dotnet run --project web/GuongSang.DbTool -- add-migration <Name>
using GuongSang.Content;
using GuongSang.Content.Storage;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;

if (args is not ["add-migration", var name])
{
    Console.Error.WriteLine("Usage: add-migration <Name>");
    return 2;
}

var root = FindRepositoryRoot();
var dataFolder = new DataFolder(Path.Combine(Path.GetTempPath(), "guongsang-dbtool-" + Guid.NewGuid().ToString("N")));
using var db = ContentServiceCollectionExtensions.CreateDb(dataFolder, "dbtool");

var services = new ServiceCollection();
services.AddEntityFrameworkDesignTimeServices();
services.AddDbContextDesignTimeServices(db);
new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices().ConfigureDesignTimeServices(services);
using var provider = services.BuildServiceProvider();
var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
var migration = scaffolder.ScaffoldMigration(name, "GuongSang.Content", "Migrations", "C#");
var projectDir = Path.Combine(root, "web", "GuongSang.Content");
var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Migrations"));
Console.WriteLine($"Wrote {files.MigrationFile}, {files.MetadataFile}, {files.SnapshotFile}");
return 0;

static string FindRepositoryRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GuongSang.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("GuongSang.sln not found above " + AppContext.BaseDirectory);
}
