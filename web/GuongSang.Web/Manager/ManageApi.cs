using System.Security.Claims;
using System.Text.Json.Serialization;
using GuongSang.Content.Model;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace GuongSang.Web.Manager;

/// <summary>
/// The management API (/api/v1/manage, JSON, problem+json errors). Every endpoint needs a personal access token
/// (Authorization: Bearer) or the login cookie; with the cookie, a request that changes anything also needs the
/// antiforgery token in the RequestVerificationToken header (GET /api/v1/manage/antiforgery gives it).
/// </summary>
public static class ManageApi
{
    public sealed record TokenRequest(string? Name);

    public sealed record Me(
        string Email, string? Role, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Agency,
        IEnumerable<string> Permissions);

    public static IEndpointRouteBuilder MapManageApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ManagerServiceExtensions.ApiPath)
            .RequireAuthorization(ManagerServiceExtensions.ApiPolicy)
            .AddEndpointFilter(CookieAntiforgeryAsync)
            .WithTags("manage");
        api.MapReviewQueue();
        api.MapRevisions();
        api.MapExemplars();
        api.MapArticles();

        api.MapGet("/me", (ClaimsPrincipal user) => Results.Ok(new Me(
            user.Identity!.Name!,
            Permissions.RoleOf(user)?.ToLowerInvariant(),
            user.FindFirstValue(StaffIdentity.AgencyClaim),
            Permissions.Of(Permissions.RoleOf(user)).Select(p => p.ToString()))));

        api.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return Results.Ok(new { headerName = tokens.HeaderName, token = tokens.RequestToken });
        });

        api.MapGet("/tokens", async (ClaimsPrincipal user, AccessTokens tokens, CancellationToken ct) =>
            Results.Ok(new { items = (await tokens.ListAsync(UserId(user), ct)).Select(Describe) }));

        api.MapPost("/tokens", async (TokenRequest? request, ClaimsPrincipal user, UserManager<StaffUser> users, AccessTokens tokens, CancellationToken ct) =>
        {
            if (request?.Name is { Length: > AccessTokens.MaxNameLength })
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Tên mã truy cập quá dài",
                    detail: $"Trường \"name\": tối đa {AccessTokens.MaxNameLength} ký tự.");
            }
            var account = await users.GetUserAsync(user);
            if (account is null) return Results.Unauthorized();
            var (token, secret) = await tokens.CreateAsync(account, request?.Name, ct);
            return Results.Created($"{ManagerServiceExtensions.ApiPath}/tokens/{token.Id}",
                new { id = token.Id, name = token.Name, createdAt = token.CreatedAt, token = secret });
        });

        api.MapDelete("/tokens/{id:int}", async (int id, ClaimsPrincipal user, AccessTokens tokens, CancellationToken ct) =>
            await tokens.RevokeAsync(UserId(user), id, ct) ? Results.NoContent() : Results.NotFound());
        return app;
    }

    private static object Describe(AccessToken t) => new { id = t.Id, name = t.Name, createdAt = t.CreatedAt, lastUsedAt = t.LastUsedAt };

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>
    /// A browser sends the login cookie by itself, so a cookie-authenticated change must prove it comes from the
    /// manager's own page. A bearer token is never sent by a browser on its own: it needs no such proof.
    /// </summary>
    private static async ValueTask<object?> CookieAntiforgeryAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && AccessTokenHandler.Bearer(http.Request) is null)
        {
            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Thiếu mã chống giả mạo",
                    detail: "Yêu cầu dùng cookie đăng nhập phải gửi mã chống giả mạo trong tiêu đề RequestVerificationToken (lấy ở GET /api/v1/manage/antiforgery), hoặc dùng Authorization: Bearer <mã truy cập>.");
            }
        }
        return await next(context);
    }
}
