using GuongSang.Content.Accounts;
using GuongSang.Content.Storage;
using GuongSang.Web.Site;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.FileProviders;

namespace GuongSang.Web.Manager;

/// <summary>The manager (/quan-tri) and the management API (/api/v1/manage): accounts, sign-in, tokens, audit log.</summary>
public static class ManagerServiceExtensions
{
    public const string ManagerPath = "/quan-tri";
    public const string SignInPath = "/quan-tri/dang-nhap";
    public const string ApiPath = "/api/v1/manage";

    /// <summary>The management API's scheme: a bearer token when the request has one, else the login cookie.</summary>
    public const string ApiScheme = "Manage";

    public static IServiceCollection AddManager(this IServiceCollection services, IConfiguration configuration, DataFolder dataFolder)
    {
        // Login cookies and antiforgery tokens stay valid across restarts, and every site process on the data folder reads them.
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder.Root, "keys")))
            .SetApplicationName("guong-sang");
        services.AddHttpContextAccessor();
        services.AddScoped<IAuditLog>(sp =>
        {
            var http = sp.GetRequiredService<IHttpContextAccessor>();
            return new AuditLog(sp.GetRequiredService<GuongSangDb>(),
                () => http.HttpContext?.User.Identity?.Name ?? AuditLog.Anonymous,
                () => http.HttpContext?.Connection.RemoteIpAddress?.ToString());
        });
        services.AddStaffIdentity().AddSignInManager();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<StaffSignIn>();
        services.AddScoped<StaffTwoFactor>();
        services.AddScoped<AccessTokens>();
        services.AddReviewQueue();
        services.AddScoped<GuongSang.Content.History.RevisionHistory>();
        services.AddScoped<Editing.ExemplarEditor>();
        services.AddScoped<Editing.ArticleEditor>();
        services.AddScoped<Editing.ArticlePhotos>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(AccessTokenHandler.SchemeName, null)
            .AddPolicyScheme(ApiScheme, null, o =>
            {
                o.ForwardDefaultSelector = http => AccessTokenHandler.Bearer(http.Request) is null
                    ? IdentityConstants.ApplicationScheme
                    : AccessTokenHandler.SchemeName;
                // The API answers 401/403 (problem+json), never a redirect to the login page.
                o.ForwardChallenge = AccessTokenHandler.SchemeName;
                o.ForwardForbid = AccessTokenHandler.SchemeName;
            });
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "guongsang.quantri";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = SignInPath;
            o.LogoutPath = ManagerPath + "/dang-xuat";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        // How often a session is checked against its account's security stamp: a changed password, role or lock
        // ends every other session of the account within this time.
        var stampCheck = configuration.GetValue<TimeSpan?>("GuongSang:Manager:SecurityStampInterval") ?? TimeSpan.FromMinutes(1);
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = stampCheck);

        services.AddAuthorization(o => o.AddPermissionPolicies());
        return services;
    }

    /// <summary>Where the manager's stylesheet is served from (files copied beside the site, like the themes' assets).</summary>
    public const string AssetsPath = "/manager-assets";

    /// <summary>After routing: who is asking, what they may do, and no manager answer kept by a cache or a search engine.</summary>
    public static WebApplication UseManager(this WebApplication app)
    {
        var assets = Path.Combine(AppContext.BaseDirectory, "manager-assets");
        Directory.CreateDirectory(assets);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(assets),
            RequestPath = AssetsPath,
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public,max-age=3600",
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use((context, next) =>
        {
            if (IsManager(context.Request.Path))
            {
                context.Response.OnStarting(static state =>
                {
                    var headers = ((HttpContext)state).Response.Headers;
                    headers.CacheControl = "no-store";
                    headers["X-Robots-Tag"] = "noindex, nofollow";
                    return Task.CompletedTask;
                }, context);
            }
            return next(context);
        });
        return app;
    }

    public static bool IsManager(PathString path) => path.StartsWithSegments(ManagerPath) || path.StartsWithSegments(ApiPath);

    /// <summary>The management API's base policy: a signed-in person or a token, allowed to use the manager.</summary>
    public static AuthorizationPolicy ApiPolicy { get; } = new AuthorizationPolicyBuilder(ApiScheme)
        .RequireAuthenticatedUser()
        .RequireAssertion(c => Permissions.Allows(c.User, Permission.UseManager))
        .Build();
}
