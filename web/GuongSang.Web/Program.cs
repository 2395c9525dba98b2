using GuongSang.Search;
using GuongSang.Web.Api;
using GuongSang.Web.Search;
using GuongSang.Web.Site;

var builder = WebApplication.CreateBuilder(args);
if (await builder.RunSearchCommandAsync(args)) return;

builder.AddSiteContent();
builder.Services.AddSearch();
builder.Services.AddPublicSite(builder.Configuration);

var app = builder.Build();

await app.InitializeContentAsync();

app.UseSiteErrors();
app.MapStaticAssets();
app.UseDataFolderMedia();
// Routing after the error pages, so a re-executed /loi/{code} is routed again (else ?trang=-1 ends as an empty 404).
app.UseRouting();
app.MapPublicSite();
app.MapDeliveryApi();
app.MapSearchApi();

await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
