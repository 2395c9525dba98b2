using System.Security.Claims;
using System.Text.Encodings.Web;
using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GuongSang.Web.Manager;

/// <summary>
/// Personal access tokens: "gspat_" and 43 characters of a 256-bit random value, shown once; the database keeps
/// the SHA-256 of the token only. A token acts as its account with the account's current role, until revoked.
/// </summary>
public sealed class AccessTokens(GuongSangDb db, IAuditLog audit)
{
    /// <summary>Makes a token recognisable (in a script, a log, a secret scanner) and unlike an agency's push key ("gs_").</summary>
    public const string Prefix = "gspat_";

    public const int MaxNameLength = 100;

    /// <summary>How stale "last used" may be: a script calling every second writes once a minute, not every call.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public static string Hash(string token) => Secrets.Hash(token);

    /// <summary>A new token for the account; the returned text is the only time it exists outside its holder.</summary>
    public async Task<(AccessToken Token, string Secret)> CreateAsync(StaffUser user, string? name, CancellationToken ct = default)
    {
        var secret = Secrets.New(Prefix);
        var token = new AccessToken
        {
            UserId = user.Id,
            Name = string.IsNullOrWhiteSpace(name) ? "Mã truy cập" : name.Trim(),
            Hash = Hash(secret),
            CreatedAt = db.Clock.GetUtcNow().UtcDateTime,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        db.Entry(token).State = EntityState.Detached;
        await audit.RecordAsync(AuditActions.TokenCreated, Target(token.Id), new { name = token.Name, account = user.Email }, ct: ct);
        await transaction.CommitAsync(ct);
        return (token, secret);
    }

    /// <summary>The account's tokens still in force, newest first.</summary>
    public Task<List<AccessToken>> ListAsync(string userId, CancellationToken ct = default) =>
        db.AccessTokens.Where(t => t.UserId == userId && t.RevokedAt == null).OrderByDescending(t => t.Id).ToListAsync(ct);

    /// <summary>Revokes one of the account's own tokens; false when it has no such token in force.</summary>
    public async Task<bool> RevokeAsync(string userId, int id, CancellationToken ct = default)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var revoked = await db.AccessTokens.Where(t => t.Id == id && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        if (revoked == 0) return false;
        await audit.RecordAsync(AuditActions.TokenRevoked, Target(id), ct: ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>The account a token in force belongs to, recording its use; null for anything else.</summary>
    public async Task<string?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        // Looked up by hash: the index finds the row without comparing secrets, and a stored hash reveals nothing.
        var hash = Hash(secret);
        var token = await db.AccessTokens.Where(t => t.Hash == hash && t.RevokedAt == null)
            .Select(t => new { t.Id, t.UserId, t.LastUsedAt }).FirstOrDefaultAsync(ct);
        if (token is null) return null;
        var now = db.Clock.GetUtcNow().UtcDateTime;
        if (token.LastUsedAt is not { } last || now - last >= LastUseResolution)
        {
            await db.AccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }
        return token.UserId;
    }

    public static string Target(int tokenId) => "token:" + tokenId;

}

/// <summary>
/// Authorization: Bearer &lt;personal access token&gt; for the management API. A token of a locked account, or one
/// revoked, is refused; the principal is built as a sign-in's is, so pages and API see the same claims.
/// </summary>
public sealed class AccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccessTokens tokens, UserManager<StaffUser> users, IUserClaimsPrincipalFactory<StaffUser> claims)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";

    /// <summary>The bearer token of a request, or null.</summary>
    public static string? Bearer(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { Length: > 7 } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? value[7..].Trim()
            : null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Bearer(Request) is not { } secret) return AuthenticateResult.NoResult();
        var userId = await tokens.AuthenticateAsync(secret, Context.RequestAborted);
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is null || await users.IsLockedOutAsync(user)) return AuthenticateResult.Fail("Mã truy cập không hợp lệ.");
        var principal = await claims.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
