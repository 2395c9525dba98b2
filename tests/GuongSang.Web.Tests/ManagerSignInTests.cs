using System.Net;
using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Web.Manager;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GuongSang.Web.Tests;

/// <summary>The manager's login form, sessions and who may open which page.</summary>
public sealed class ManagerSignInTests
{
    private static readonly string FailedMessage = HttpExtensions.Encoded(ManagerTexts.SignInFailed);

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_answer()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "bientap@so-noi-vu.vn", "editor");
        using var client = Staff.Client(site);

        var wrong = await Staff.SignInAsync(client, "bientap@so-noi-vu.vn", "Sai mật khẩu rồi 123");
        var unknown = await Staff.SignInAsync(client, "khongai@so-noi-vu.vn", "Sai mật khẩu rồi 123");
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        var unknownPage = await unknown.Content.ReadAsStringAsync();
        Assert.Contains(FailedMessage, wrongPage);
        Assert.Contains(FailedMessage, unknownPage);
        Assert.Equal(ErrorOf(wrongPage), ErrorOf(unknownPage));

        await using var db = site.CreateDb();
        var failures = await db.AuditEntries.Where(a => a.Action == AuditActions.SignInFailed).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(2, failures.Count);
        Assert.Equal(("bientap@so-noi-vu.vn", "bientap@so-noi-vu.vn"), (failures[0].Actor, failures[0].Target));
        Assert.Contains("wrong-password", failures[0].Detail);
        // An unknown e-mail is not kept: it may be a password typed into the wrong box.
        Assert.Equal((AuditLog.Anonymous, null), (failures[1].Actor, failures[1].Target));
        Assert.DoesNotContain("khongai", failures[1].Detail);
    }

    [Fact]
    public async Task Every_failed_sign_in_checks_one_password_hash_known_account_or_not()
    {
        var hasher = new CountingHasher();
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "bientap@so-noi-vu.vn", "editor");
        using var counted = site.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<StaffUser>>(hasher)));
        using var client = counted.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var email in new[] { "bientap@so-noi-vu.vn", "khongai@so-noi-vu.vn" })
        {
            var before = hasher.Verified;
            Assert.Equal(HttpStatusCode.OK, (await Staff.SignInAsync(client, email, "Sai mật khẩu rồi 123")).StatusCode);
            Assert.Equal(1, hasher.Verified - before);
        }
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_15_minutes_with_the_same_message()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "nguoiviet@bao.vn", "writer");
        using var client = Staff.Client(site);
        for (var i = 0; i < 5; i++) await Staff.SignInAsync(client, "nguoiviet@bao.vn", "Sai mật khẩu rồi 123");

        var locked = await Staff.SignInAsync(client, "nguoiviet@bao.vn");
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains(FailedMessage, await locked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/quan-tri")).StatusCode);

        await using var db = site.CreateDb();
        var user = await db.Users.SingleAsync();
        Assert.InRange(user.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.LockedOut && a.Target == "nguoiviet@bao.vn"));
        Assert.Contains("locked-out", (await db.AuditEntries.OrderBy(a => a.Id).LastAsync(a => a.Action == AuditActions.SignInFailed)).Detail);
    }

    [Fact]
    public async Task Posting_the_login_form_without_its_antiforgery_token_is_refused()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "bientap@so-noi-vu.vn", "editor");
        using var client = Staff.Client(site);
        var response = await client.PostAsync("/quan-tri/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "bientap@so-noi-vu.vn",
            ["Password"] = Staff.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/quan-tri")).StatusCode);
    }

    [Theory]
    [InlineData("/quan-tri")]
    [InlineData("/quan-tri/ma-truy-cap")]
    [InlineData("/quan-tri/mat-khau")]
    [InlineData("/quan-tri/nhat-ky")]
    [InlineData("/quan-tri/tai-khoan")]
    public async Task Anonymous_manager_pages_redirect_to_the_login_page(string path)
    {
        using var site = await Staff.StartAsync();
        using var client = Staff.Client(site);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/quan-tri/dang-nhap?ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task Anonymous_management_api_is_401_problem_json()
    {
        using var site = await Staff.StartAsync();
        using var client = Staff.Client(site);
        var response = await client.GetAsync("/api/v1/manage/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/quan-tri/nhat-ky")]
    [InlineData("/quan-tri/tai-khoan")]
    public async Task A_writer_on_an_admin_page_is_forbidden(string path)
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "nguoiviet@bao.vn", "writer");
        using var client = await Staff.SignedInAsync(site, "nguoiviet@bao.vn");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/quan-tri")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task After_login_only_a_manager_address_is_returned_to()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "bientap@so-noi-vu.vn", "editor");
        foreach (var (returnUrl, expected) in new[]
        {
            ("/quan-tri/ma-truy-cap", "/quan-tri/ma-truy-cap"),
            ("https://ke-gian.example/quan-tri", "/quan-tri"),
            ("//ke-gian.example/quan-tri", "/quan-tri"),
            ("/tim-kiem?q=x", "/quan-tri"),
        })
        {
            using var client = Staff.Client(site);
            var response = await Staff.PostFormAsync(client, "/quan-tri/dang-nhap", "/quan-tri/dang-nhap",
                ("Email", "bientap@so-noi-vu.vn"), ("Password", Staff.Password), ("ReturnUrl", returnUrl));
            Assert.Equal(expected, response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task Manager_answers_are_never_cached_nor_indexed()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "bientap@so-noi-vu.vn", "editor");
        using var client = await Staff.SignedInAsync(site, "bientap@so-noi-vu.vn");
        foreach (var path in new[] { "/quan-tri", "/quan-tri/dang-nhap", "/quan-tri/ma-truy-cap", "/api/v1/manage/me" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Contains("noindex", response.Headers.GetValues("X-Robots-Tag").Single());
        }
        Assert.False((await client.GetAsync("/")).Headers.Contains("X-Robots-Tag"));
        var css = await client.GetAsync("/manager-assets/quan-tri.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        var robots = (await (await client.GetAsync("/robots.txt")).Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("Disallow: /quan-tri", robots);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_is_audited()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "bientap@so-noi-vu.vn", "editor");
        using var client = await Staff.SignedInAsync(site, "bientap@so-noi-vu.vn");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/quan-tri/dang-xuat", null)).StatusCode);
        var signedOut = await Staff.PostFormAsync(client, "/quan-tri", "/quan-tri/dang-xuat");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/quan-tri")).StatusCode);

        await using var db = site.CreateDb();
        var actions = await db.AuditEntries.Where(a => a.Actor == "bientap@so-noi-vu.vn").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal([AuditActions.SignIn, AuditActions.SignOut], actions);
    }

    [Fact]
    public async Task Changing_the_password_signs_out_every_other_session()
    {
        using var site = await Staff.StartAsync(new Dictionary<string, string?> { ["GuongSang:Manager:SecurityStampInterval"] = "00:00:00" });
        await Staff.CreateAsync(site, "bientap@so-noi-vu.vn", "editor");
        using var phone = await Staff.SignedInAsync(site, "bientap@so-noi-vu.vn");
        using var desk = await Staff.SignedInAsync(site, "bientap@so-noi-vu.vn");
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/quan-tri")).StatusCode);

        const string newPassword = "Mật khẩu mới hẳn 2027";
        var changed = await Staff.PostFormAsync(desk, "/quan-tri/mat-khau", "/quan-tri/mat-khau",
            ("CurrentPassword", Staff.Password), ("NewPassword", newPassword), ("ConfirmPassword", newPassword));
        Assert.Contains("Đã đổi mật khẩu", await changed.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/quan-tri")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/quan-tri")).StatusCode);
        await using var db = site.CreateDb();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.PasswordChanged && a.Actor == "bientap@so-noi-vu.vn"));
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_beside_its_field()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "bientap@so-noi-vu.vn", "editor");
        using var client = await Staff.SignedInAsync(site, "bientap@so-noi-vu.vn");
        var response = await Staff.PostFormAsync(client, "/quan-tri/mat-khau", "/quan-tri/mat-khau",
            ("CurrentPassword", Staff.Password), ("NewPassword", "ngan"), ("ConfirmPassword", "ngan"));
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"NewPassword-loi\"", page);
        Assert.Contains(HttpExtensions.Encoded(PasswordRule.Text), page);
        using var again = await Staff.SignedInAsync(site, "bientap@so-noi-vu.vn");
    }

    private static string ErrorOf(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "<p class=\"error\"[^>]*>(.*?)</p>").Groups[1].Value;

    private sealed class CountingHasher : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> _inner = new();
        private int _verified;

        public int Verified => Volatile.Read(ref _verified);

        public string HashPassword(StaffUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verified);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
