using GuongSang.Search;
using GuongSang.Search.Indexing;
using GuongSang.Web.Api;
using GuongSang.Web.Manager;
using GuongSang.Web.Search;
using GuongSang.Web.Site;

var builder = WebApplication.CreateBuilder(args);
if (await SiteCommands.RunAsync(args, builder.Configuration, Console.Out, Console.Error,
        Console.IsInputRedirected ? Console.In : null) is { } exitCode)
{
    Environment.ExitCode = exitCode;
    return;
}

var dataFolder = builder.AddSiteContent();
builder.Services.AddSearch(options => builder.Configuration.GetSection(SearchOptions.Section).Bind(options));
builder.Services.AddPublicSite(builder.Configuration);
builder.Services.AddSecurityHeaders();
builder.Services.AddManager(builder.Configuration, dataFolder);
builder.Services.AddWorkflow(builder.Configuration);

var app = builder.Build();

await app.InitializeContentAsync();

app.UseSecurityHeaders();
app.UseHeadAsGet();
app.UseSiteErrors();
// Routing after the error handlers, so their re-executed paths (/loi/404) find an endpoint.
app.UseRouting();
app.UseManager();
app.MapStaticAssets();
app.UseThemeAssets();
app.UseDataFolderMedia();
app.MapPublicSite();
app.MapDeliveryApi();
app.MapAgencySubmissions();
app.MapSearchApi();
app.MapManageApi();

await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
