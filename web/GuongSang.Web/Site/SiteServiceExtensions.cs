using GuongSang.Content;
using GuongSang.Content.Seeding;
using GuongSang.Content.Storage;
using GuongSang.Web.Api;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.WebEncoders;
using Microsoft.Extensions.FileProviders;

namespace GuongSang.Web.Site;

/// <summary>The site's parts, one extension method per concern, called from Program.cs.</summary>
public static class SiteServiceExtensions
{
    /// <summary>Content layer on the data folder named by GuongSang:DataFolder, else GUONGSANG_DATA, else the default.</summary>
    public static DataFolder AddSiteContent(this WebApplicationBuilder builder)
    {
        var dataFolder = DataFolder.FromEnvironment(builder.Configuration["GuongSang:DataFolder"]);
        var seed = builder.Configuration.GetSection("GuongSang:Seed").Get<SeedOptions>() ?? new SeedOptions();
        builder.Services.AddContent(dataFolder, seed);
        builder.Services.AddScoped<SiteContent>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return dataFolder;
    }

    public static IServiceCollection AddPublicSite(this IServiceCollection services, IConfiguration configuration)
    {
        var theme = ThemeOptions.From(configuration["GuongSang:Theme"]);
        services.AddSingleton(theme);
        services.AddControllersWithViews();
        // Vietnamese letters as themselves, not as &#x…; entities: smaller pages, readable source.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<RazorViewEngineOptions>(o => o.ViewLocationExpanders.Add(new ThemeViewLocationExpander(theme)));
        services.AddProblemDetails();
        return services;
    }

    /// <summary>
    /// HEAD is answered as GET is, with the same status and headers and no body (RFC 9110 §9.3.2), for every
    /// page, API endpoint and file at once: routes are declared for GET alone and a new one needs nothing more.
    /// First in the pipeline, so error pages and redirects see a GET too.
    /// </summary>
    public static WebApplication UseHeadAsGet(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }
            var body = context.Response.Body;
            context.Request.Method = HttpMethods.Get;
            context.Response.Body = Stream.Null;
            try
            {
                await next(context);
            }
            finally
            {
                context.Request.Method = HttpMethods.Head;
                context.Response.Body = body;
            }
        });
        return app;
    }

    /// <summary>Errors in one place: problem+json under /api and /healthz, Vietnamese pages elsewhere.</summary>
    public static WebApplication UseSiteErrors(this WebApplication app)
    {
        app.UseWhen(IsApi, api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(ctx => !IsApi(ctx), site => site
            .UseExceptionHandler("/loi/500")
            .UseStatusCodePagesWithReExecute("/loi/{0}")
            .UseMiddleware<RedirectMiddleware>());
        return app;
    }

    /// <summary>JSON answers (problem+json on errors) rather than pages.</summary>
    internal static bool IsApi(HttpContext ctx) => ctx.Request.Path.StartsWithSegments("/api");

    /// <summary>Media (originals and web versions) straight from the data folder.</summary>
    public static WebApplication UseDataFolderMedia(this WebApplication app)
    {
        var dataFolder = app.Services.GetRequiredService<DataFolder>();
        Directory.CreateDirectory(dataFolder.MediaPath);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(dataFolder.MediaPath),
            RequestPath = "/media",
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public,max-age=31536000,immutable",
        });
        return app;
    }

    /// <summary>Theme assets (CSS, images), copied beside the site at build time.</summary>
    public static WebApplication UseThemeAssets(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "themes");
        Directory.CreateDirectory(root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            RequestPath = "/themes",
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public,max-age=86400",
        });
        return app;
    }

    public static WebApplication MapPublicSite(this WebApplication app)
    {
        app.MapControllers();
        app.MapHealthChecks("/healthz");
        return app;
    }

    /// <summary>
    /// Before the first request: migrates and, on a new data folder, seeds; strips metadata from photos an
    /// earlier version stored as received (once per data folder).
    /// </summary>
    public static async Task InitializeContentAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await new MediaStore(app.Services.GetRequiredService<DataFolder>()).CleanStoredFilesAsync(
            scope.ServiceProvider.GetRequiredService<GuongSangDb>(), app.Logger);
    }
}

internal sealed class DatabaseHealthCheck(GuongSangDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Reading a table proves the file opens and the schema is there.
            await db.Localities.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Không đọc được cơ sở dữ liệu.", e);
        }
    }
}
