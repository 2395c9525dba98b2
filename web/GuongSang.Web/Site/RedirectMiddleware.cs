using GuongSang.Content.Storage;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Site;

/// <summary>A page that is not found may have moved: an old path in the redirect table answers 301.</summary>
internal sealed class RedirectMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, GuongSangDb db)
    {
        await next(context);
        if (context.Response.StatusCode != StatusCodes.Status404NotFound || context.Response.HasStarted ||
            !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }
        var path = context.Request.Path.Value ?? "";
        var target = await db.Redirects.Where(r => r.FromPath == path).Select(r => r.ToPath).FirstOrDefaultAsync(context.RequestAborted);
        if (target is null) return;
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = target + context.Request.QueryString;
    }
}
