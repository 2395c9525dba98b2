using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GuongSang.Web.Site;

/// <summary>
/// Security headers on every response: pages, the JSON APIs, error pages, static assets and media. Pages have no
/// inline script or style (views, themes and sanitised stories alike), so the policy needs no 'unsafe-inline'.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Pages: the site's own scripts, styles and images, requests (the manager's preview) and forms only to the site,
    /// never framed.
    /// </summary>
    public const string PagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'";

    /// <summary>JSON answers load nothing: a browser that opens one runs and fetches nothing on its behalf.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), browsing-topics=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), " +
        "payment=(), usb=()";

    /// <summary>No "Server: Kestrel" banner: it tells an attacker what to try and a reader nothing.</summary>
    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);

    /// <summary>First in the pipeline, so error pages and static files get the headers too.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // Set when the headers go out: the error handlers and the redirect table clear the response before that.
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = SiteServiceExtensions.IsApi(http) ? ApiPolicy : PagePolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = PermissionsPolicy;
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
        return app;
    }
}
