using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GuongSang.Content.Accounts;
using GuongSang.Import;
using GuongSang.Web.Manager;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

/// <summary>Personal access tokens: made once, stored hashed, used as Bearer on the management API, revocable.</summary>
public sealed class AccessTokenTests
{
    private static HttpClient Bearer(SiteFactory site, string token)
    {
        var client = Staff.Client(site);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_token_from_create_token_acts_as_its_account_until_revoked_and_its_use_is_recorded()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "bientap@so-noi-vu.vn", "editor");
        var (exit, output, error) = await Staff.RunAsync(site, null, "create-token", "bientap@so-noi-vu.vn", "--name", "máy tòa soạn");
        Assert.True(exit == 0, output + error);
        var token = output.Trim();
        Assert.StartsWith(AccessTokens.Prefix, token);

        using var client = Bearer(site, token);
        using var me = JsonDocument.Parse(await client.GetPageAsync("/api/v1/manage/me"));
        Assert.Equal("bientap@so-noi-vu.vn", me.RootElement.GetProperty("email").GetString());
        Assert.Equal("editor", me.RootElement.GetProperty("role").GetString());
        Assert.False(me.RootElement.TryGetProperty("agency", out _));
        Assert.Contains("Publish", me.RootElement.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));

        int id;
        await using (var db = site.CreateDb())
        {
            var stored = await db.AccessTokens.SingleAsync();
            id = stored.Id;
            Assert.Equal("máy tòa soạn", stored.Name);
            Assert.Equal(AccessTokens.Hash(token), stored.Hash);
            Assert.NotNull(stored.LastUsedAt);
            Assert.DoesNotContain(token, string.Concat(await db.AuditEntries.Select(a => a.Detail + a.Target).ToListAsync()));
        }

        var list = await client.GetPageAsync("/api/v1/manage/tokens");
        Assert.Contains("máy tòa soạn", list);
        Assert.DoesNotContain(token, list);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/manage/tokens/{id}")).StatusCode);
        var refused = await client.GetAsync("/api/v1/manage/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        await using (var db = site.CreateDb())
        {
            var actions = await db.AuditEntries.Where(a => a.Target == AccessTokens.Target(id)).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
            Assert.Equal([AuditActions.TokenCreated, AuditActions.TokenRevoked], actions);
        }
    }

    [Fact]
    public async Task Unknown_tokens_and_agency_push_keys_are_401_on_the_management_api()
    {
        using var site = await Staff.StartAsync();
        string key;
        await using (var db = site.CreateDb())
        {
            key = (await AgencyKeys.SetAsync(db, "DTN", "Đoàn Thanh niên tỉnh Gia Lai", DateTime.UtcNow))!;
        }
        foreach (var token in new[] { key, AccessTokens.Prefix + "khongphaima", "rac" })
        {
            using var client = Bearer(site, token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/manage/me")).StatusCode);
        }
    }

    [Fact]
    public async Task A_locked_accounts_tokens_stop_working()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "quantri@so-noi-vu.vn", "admin");
        await Staff.CreateAsync(site, "nguoiviet@bao.vn", "writer");
        var (_, token, _) = await Staff.RunAsync(site, null, "create-token", "nguoiviet@bao.vn");
        using var writer = Bearer(site, token.Trim());
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync("/api/v1/manage/me")).StatusCode);

        using var admin = await Staff.SignedInAsync(site, "quantri@so-noi-vu.vn");
        string id;
        await using (var db = site.CreateDb()) id = await db.Users.Where(u => u.Email == "nguoiviet@bao.vn").Select(u => u.Id).SingleAsync();
        var locked = await Staff.PostFormAsync(admin, "/quan-tri/tai-khoan", $"/quan-tri/tai-khoan/{id}/khoa");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await writer.GetAsync("/api/v1/manage/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Staff.SignInAsync(Staff.Client(site), "nguoiviet@bao.vn")).StatusCode);
        await using (var db = site.CreateDb())
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.AccountLocked);
            Assert.Equal(("quantri@so-noi-vu.vn", "nguoiviet@bao.vn"), (entry.Actor, entry.Target));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await Staff.PostFormAsync(admin, "/quan-tri/tai-khoan", $"/quan-tri/tai-khoan/{id}/mo-khoa")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync("/api/v1/manage/me")).StatusCode);
    }

    [Fact]
    public async Task The_tokens_page_shows_a_new_token_once_lists_it_and_revokes_it()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "nguoiviet@bao.vn", "writer");
        using var client = await Staff.SignedInAsync(site, "nguoiviet@bao.vn");

        var created = await Staff.PostFormAsync(client, "/quan-tri/ma-truy-cap", "/quan-tri/ma-truy-cap", ("name", "kịch bản đăng bài"));
        var page = await created.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(page, "id=\"ma-moi\">([^<]+)<").Groups[1].Value;
        Assert.StartsWith(AccessTokens.Prefix, token);
        using (var bearer = Bearer(site, token)) Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/manage/me")).StatusCode);

        var listed = await client.GetPageAsync("/quan-tri/ma-truy-cap");
        Assert.Contains(HttpExtensions.Encoded("kịch bản đăng bài"), listed);
        Assert.DoesNotContain(token, listed);

        int id;
        await using (var db = site.CreateDb()) id = await db.AccessTokens.Select(t => t.Id).SingleAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await Staff.PostFormAsync(client, "/quan-tri/ma-truy-cap", $"/quan-tri/ma-truy-cap/{id}/thu-hoi")).StatusCode);
        using (var bearer = Bearer(site, token)) Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/manage/me")).StatusCode);
    }

    [Fact]
    public async Task Nobody_revokes_anothers_token()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "a@bao.vn", "writer");
        await Staff.CreateAsync(site, "b@bao.vn", "admin");
        var (_, tokenA, _) = await Staff.RunAsync(site, null, "create-token", "a@bao.vn");
        var (_, tokenB, _) = await Staff.RunAsync(site, null, "create-token", "b@bao.vn");
        int idA;
        await using (var db = site.CreateDb()) idA = await db.AccessTokens.Where(t => t.User!.Email == "a@bao.vn").Select(t => t.Id).SingleAsync();

        using var b = Bearer(site, tokenB.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await b.DeleteAsync($"/api/v1/manage/tokens/{idA}")).StatusCode);
        using var a = Bearer(site, tokenA.Trim());
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/api/v1/manage/me")).StatusCode);
    }

    [Fact]
    public async Task With_the_login_cookie_a_change_needs_the_antiforgery_header()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "nguoiviet@bao.vn", "writer");
        using var client = await Staff.SignedInAsync(site, "nguoiviet@bao.vn");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/manage/me")).StatusCode);

        var forged = await client.PostAsJsonAsync("/api/v1/manage/tokens", new { name = "giả mạo" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);

        using var antiforgery = JsonDocument.Parse(await client.GetPageAsync("/api/v1/manage/antiforgery"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/manage/tokens") { Content = JsonContent.Create(new { name = "trình duyệt" }) };
        request.Headers.Add(antiforgery.RootElement.GetProperty("headerName").GetString()!, antiforgery.RootElement.GetProperty("token").GetString());
        var created = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        Assert.StartsWith(AccessTokens.Prefix, body.RootElement.GetProperty("token").GetString());
        await using var db = site.CreateDb();
        Assert.Equal(["trình duyệt"], await db.AccessTokens.Select(t => t.Name).ToListAsync());
    }
}
