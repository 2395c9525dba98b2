using GuongSang.Content.Markdown;
using GuongSang.Content.Seeding;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GuongSang.Content;

public static class ContentServiceCollectionExtensions
{
    /// <summary>The content layer: data folder, database, Markdown, seeding.</summary>
    public static IServiceCollection AddContent(this IServiceCollection services, DataFolder dataFolder, SeedOptions seed)
    {
        VietnameseText.SelfTest();
        services.AddSingleton(dataFolder);
        services.AddSingleton(seed);
        services.AddDbContext<GuongSangDb>(options => ConfigureDb(options, dataFolder));
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    /// <summary>The database settings, shared by the site, the importer and tests.</summary>
    public static DbContextOptionsBuilder ConfigureDb(DbContextOptionsBuilder options, DataFolder dataFolder) =>
        options.UseSqlite(dataFolder.ConnectionString, sqlite => sqlite.CommandTimeout(60))
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);

    /// <summary>A context outside DI (importer, tools).</summary>
    public static GuongSangDb CreateDb(DataFolder dataFolder, string actor)
    {
        var options = new DbContextOptionsBuilder<GuongSangDb>();
        ConfigureDb(options, dataFolder);
        return new GuongSangDb(options.Options) { Actor = actor };
    }
}
