using System.Net;
using System.Text.RegularExpressions;
using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Web.Manager;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace GuongSang.Web.Tests;

/// <summary>
/// Two-factor sign-in for Admin and Editor accounts: turning it on with a code from the key the page shows, the
/// second sign-in step, its share of the lockout, recovery codes, turning it off, and the audit entries.
/// </summary>
public sealed partial class TwoFactorTests
{
    private const string Editor = "bientap@so-noi-vu.vn";
    private const string Settings = "/quan-tri/xac-thuc-hai-buoc";
    private const string SecondStep = "/quan-tri/dang-nhap/ma-xac-thuc";
    private const string WrongPassword = "Sai mật khẩu rồi 123";

    [Fact]
    public async Task Turning_on_needs_a_right_code_from_the_shown_key_and_shows_ten_recovery_codes_once()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, Editor, "editor");
        using var client = await Staff.SignedInAsync(site, Editor);

        var page = await client.GetPageAsync(Settings);
        Assert.Contains("Đang tắt", page);
        var key = KeyOf(page);
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", key);
        Assert.Contains($"otpauth://totp/G%C6%B0%C6%A1ng%20S%C3%A1ng:{Uri.EscapeDataString(Editor)}?secret={Secret(key)}&amp;issuer=", page);
        var svg = Regex.Match(page, "<svg.*?</svg>", RegexOptions.Singleline).Value;
        Assert.Contains("<path", svg);
        // The pages' policy is style-src 'self': an inline style would be refused and the QR code drawn wrong.
        Assert.DoesNotContain("style", svg);
        Assert.Equal(key, KeyOf(await client.GetPageAsync(Settings)));

        var refused = await Staff.PostFormAsync(client, Settings, Settings + "/bat", ("code", WrongCode(key)));
        Assert.Contains("id=\"code-loi\"", await refused.Content.ReadAsStringAsync());
        await using (var db = site.CreateDb()) Assert.False((await db.Users.SingleAsync()).TwoFactorEnabled);

        var codes = await TurnOnAsync(client, key);
        Assert.Equal(10, codes.Distinct().Count());
        var after = await client.GetPageAsync(Settings);
        Assert.Contains("Đang bật", after);
        Assert.Contains("Còn 10 mã khôi phục", after);
        Assert.DoesNotContain(codes[0], after);
        Assert.DoesNotContain(Secret(key), after);

        await using (var db = site.CreateDb())
        {
            Assert.True((await db.Users.SingleAsync()).TwoFactorEnabled);
            // Recovery codes are kept hashed, never as shown.
            var stored = string.Concat(await db.UserTokens.Select(t => t.Value).ToListAsync());
            Assert.All(codes, c => Assert.DoesNotContain(c.Replace("-", ""), stored.Replace("-", ""), StringComparison.OrdinalIgnoreCase));
            var on = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.TwoFactorOn);
            Assert.Equal((Editor, Editor), (on.Actor, on.Target));
            var made = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.RecoveryCodesMade);
            Assert.Equal((Editor, Editor), (made.Actor, made.Target));
        }
    }

    [Fact]
    public async Task Sign_in_asks_for_the_code_after_the_right_password_and_only_then()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, Editor, "editor");
        var key = await TwoFactorOnAsync(site);
        using var client = Staff.Client(site);

        // A wrong password answers exactly as for an account without two-factor.
        var wrong = await Staff.SignInAsync(client, Editor, WrongPassword);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains(HttpExtensions.Encoded(ManagerTexts.SignInFailed), await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(SecondStep)).StatusCode);

        var password = await Staff.PostFormAsync(client, "/quan-tri/dang-nhap", "/quan-tri/dang-nhap",
            ("Email", Editor), ("Password", Staff.Password), ("ReturnUrl", "/quan-tri/ma-truy-cap"));
        Assert.Equal(SecondStep + "?ReturnUrl=%2Fquan-tri%2Fma-truy-cap", password.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/quan-tri")).StatusCode);
        Assert.DoesNotContain("Ghi nhớ", await client.GetPageAsync(SecondStep));

        var failed = await PostCodeAsync(client, WrongCode(key), "/quan-tri/ma-truy-cap");
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Contains(HttpExtensions.Encoded(TwoFactorTexts.SecondStepFailed), await failed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/quan-tri")).StatusCode);

        var right = await PostCodeAsync(client, CodeOf(key), "/quan-tri/ma-truy-cap");
        Assert.Equal("/quan-tri/ma-truy-cap", right.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/quan-tri")).StatusCode);

        await using var db = site.CreateDb();
        var entries = await db.AuditEntries.Where(a => a.Actor == Editor).OrderBy(a => a.Id).Select(a => new { a.Action, a.Detail }).ToListAsync();
        var tail = entries.SkipWhile(e => e.Action != AuditActions.SignInFailed).ToList();
        Assert.Equal([AuditActions.SignInFailed, AuditActions.TwoFactorFailed, AuditActions.SignIn], tail.Select(e => e.Action));
        Assert.Contains("wrong-code", tail[1].Detail);
        Assert.Contains("authenticator", tail[2].Detail);
    }

    [Fact]
    public async Task Five_failures_across_both_steps_lock_the_account_with_the_same_messages()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, Editor, "editor");
        var (key, codes) = await TwoFactorOnWithCodesAsync(site);
        using var client = Staff.Client(site);

        for (var i = 0; i < 2; i++) await Staff.SignInAsync(client, Editor, WrongPassword);
        Assert.Equal(HttpStatusCode.Redirect, (await Staff.SignInAsync(client, Editor)).StatusCode);
        await PostCodeAsync(client, WrongCode(key));
        await PostCodeAsync(client, WrongCode(key));
        // A wrong recovery code counts too (Identity alone would not count it).
        await PostCodeAsync(client, "ABCDE-FGHJK");

        var rightCode = await PostCodeAsync(client, CodeOf(key));
        Assert.Equal(HttpStatusCode.OK, rightCode.StatusCode);
        Assert.Contains(HttpExtensions.Encoded(TwoFactorTexts.SecondStepFailed), await rightCode.Content.ReadAsStringAsync());
        // Identity alone would take a recovery code on a locked account.
        var recoveryCode = await PostCodeAsync(client, codes[0]);
        Assert.Equal(HttpStatusCode.OK, recoveryCode.StatusCode);
        Assert.Contains(HttpExtensions.Encoded(TwoFactorTexts.SecondStepFailed), await recoveryCode.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/quan-tri")).StatusCode);
        var rightPassword = await Staff.SignInAsync(client, Editor);
        Assert.Equal(HttpStatusCode.OK, rightPassword.StatusCode);
        Assert.Contains(HttpExtensions.Encoded(ManagerTexts.SignInFailed), await rightPassword.Content.ReadAsStringAsync());

        await using var db = site.CreateDb();
        var user = await db.Users.SingleAsync();
        Assert.InRange(user.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.LockedOut && a.Target == Editor));
        var failures = await db.AuditEntries.Where(a => a.Action == AuditActions.TwoFactorFailed).OrderBy(a => a.Id).Select(a => a.Detail).ToListAsync();
        Assert.Equal(5, failures.Count);
        Assert.Contains("wrong-recovery-code", failures[2]);
        Assert.All(failures[3..], f => Assert.Contains("locked-out", f));
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_new_codes_replace_the_old()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, Editor, "editor");
        using var owner = await Staff.SignedInAsync(site, Editor);
        var key = KeyOf(await owner.GetPageAsync(Settings));
        var codes = await TurnOnAsync(owner, key);

        using (var phoneLost = Staff.Client(site))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await Staff.SignInAsync(phoneLost, Editor)).StatusCode);
            // As people type it: lower case, spaces.
            var used = await PostCodeAsync(phoneLost, " " + codes[0].ToLowerInvariant().Replace("-", " - ") + " ");
            Assert.Equal("/quan-tri", used.Headers.Location?.OriginalString);
            Assert.Contains("Còn 9 mã khôi phục", await phoneLost.GetPageAsync(Settings));
        }
        using (var again = Staff.Client(site))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await Staff.SignInAsync(again, Editor)).StatusCode);
            Assert.Contains(HttpExtensions.Encoded(TwoFactorTexts.SecondStepFailed), await (await PostCodeAsync(again, codes[0])).Content.ReadAsStringAsync());
        }

        var renewed = await Staff.PostFormAsync(owner, Settings, Settings + "/ma-khoi-phuc");
        var newCodes = RecoveryCodesOf(await renewed.Content.ReadAsStringAsync());
        Assert.Equal(10, newCodes.Count);
        using (var old = Staff.Client(site))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await Staff.SignInAsync(old, Editor)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await PostCodeAsync(old, codes[1])).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await PostCodeAsync(old, newCodes[0])).StatusCode);
        }

        await using var db = site.CreateDb();
        var usedEntry = await db.AuditEntries.OrderBy(a => a.Id).FirstAsync(a => a.Action == AuditActions.RecoveryCodeUsed);
        Assert.Equal((Editor, Editor), (usedEntry.Actor, usedEntry.Target));
        Assert.Contains("\"left\":9", usedEntry.Detail);
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.RecoveryCodeUsed));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.RecoveryCodesMade));
    }

    [Theory]
    [InlineData("writer", null)]
    [InlineData("agency", "DTN")]
    public async Task Writers_and_agencies_may_not_open_the_two_factor_page(string role, string? agency)
    {
        using var site = await Staff.StartAsync();
        if (agency is not null)
        {
            await using var db = site.CreateDb();
            db.Agencies.Add(new Agency { Code = agency, Name = "Đoàn Thanh niên", Key = "doan thanh nien", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        await Staff.CreateAsync(site, "nguoi@bao.vn", role, agency);
        using var client = await Staff.SignedInAsync(site, "nguoi@bao.vn");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/quan-tri")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Settings)).StatusCode);
        var token = await Staff.FormTokenAsync(client, "/quan-tri/mat-khau");
        var post = await client.PostAsync(Settings + "/bat",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = "123456", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.DoesNotContain(Settings, await client.GetPageAsync("/quan-tri"));
    }

    [Fact]
    public async Task An_admin_turns_off_another_accounts_two_factor_for_a_lost_phone()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "quantri@so-noi-vu.vn", "admin");
        await Staff.CreateAsync(site, Editor, "editor");
        await TwoFactorOnAsync(site);
        using var admin = await Staff.SignedInAsync(site, "quantri@so-noi-vu.vn");
        string editorId, adminId;
        await using (var db = site.CreateDb())
        {
            editorId = await db.Users.Where(u => u.Email == Editor).Select(u => u.Id).SingleAsync();
            adminId = await db.Users.Where(u => u.Email == "quantri@so-noi-vu.vn").Select(u => u.Id).SingleAsync();
        }
        Assert.Contains($"/quan-tri/tai-khoan/{editorId}/tat-xac-thuc-hai-buoc", await admin.GetPageAsync("/quan-tri/tai-khoan"));

        var self = await Staff.PostFormAsync(admin, "/quan-tri/tai-khoan", $"/quan-tri/tai-khoan/{adminId}/tat-xac-thuc-hai-buoc");
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        var off = await Staff.PostFormAsync(admin, "/quan-tri/tai-khoan", $"/quan-tri/tai-khoan/{editorId}/tat-xac-thuc-hai-buoc");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);

        // The password alone signs in again.
        Assert.Equal("/quan-tri", (await Staff.SignInAsync(Staff.Client(site), Editor)).Headers.Location?.OriginalString);
        await using (var db = site.CreateDb())
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.TwoFactorOff);
            Assert.Equal(("quantri@so-noi-vu.vn", Editor), (entry.Actor, entry.Target));
            Assert.Contains("admin", entry.Detail);
        }
    }

    [Fact]
    public async Task Turning_it_off_oneself_needs_the_password_or_a_code()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, Editor, "editor");
        using var client = await Staff.SignedInAsync(site, Editor);
        var key = KeyOf(await client.GetPageAsync(Settings));
        await TurnOnAsync(client, key);

        var refused = await Staff.PostFormAsync(client, Settings, Settings + "/tat", ("proof", WrongPassword));
        Assert.Contains("id=\"proof-loi\"", await refused.Content.ReadAsStringAsync());
        await using (var db = site.CreateDb()) Assert.True((await db.Users.SingleAsync()).TwoFactorEnabled);

        var off = await Staff.PostFormAsync(client, Settings, Settings + "/tat", ("proof", Staff.Password));
        Assert.Contains(HttpExtensions.Encoded(TwoFactorTexts.TurnedOff), await off.Content.ReadAsStringAsync());
        Assert.Equal("/quan-tri", (await Staff.SignInAsync(Staff.Client(site), Editor)).Headers.Location?.OriginalString);
        // The old phone's key is gone: turning it on again shows a new one.
        Assert.NotEqual(key, KeyOf(await client.GetPageAsync(Settings)));

        await using (var db = site.CreateDb())
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.TwoFactorOff);
            Assert.Equal((Editor, Editor), (entry.Actor, entry.Target));
            Assert.False((await db.Users.SingleAsync()).TwoFactorEnabled);
        }
    }

    /// <summary>Turns two-factor on for <see cref="Editor"/> through its page; the shared key as shown.</summary>
    private static async Task<string> TwoFactorOnAsync(SiteFactory site) => (await TwoFactorOnWithCodesAsync(site)).Key;

    private static async Task<(string Key, IReadOnlyList<string> Codes)> TwoFactorOnWithCodesAsync(SiteFactory site)
    {
        using var client = await Staff.SignedInAsync(site, Editor);
        var key = KeyOf(await client.GetPageAsync(Settings));
        return (key, await TurnOnAsync(client, key));
    }

    private static async Task<IReadOnlyList<string>> TurnOnAsync(HttpClient client, string key)
    {
        var response = await Staff.PostFormAsync(client, Settings, Settings + "/bat", ("code", CodeOf(key)));
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(HttpExtensions.Encoded(TwoFactorTexts.TurnedOn), page);
        return RecoveryCodesOf(page);
    }

    private static Task<HttpResponseMessage> PostCodeAsync(HttpClient client, string code, string returnUrl = "") =>
        Staff.PostFormAsync(client, SecondStep, SecondStep, ("Code", code), ("ReturnUrl", returnUrl));

    private static string KeyOf(string page) => KeyField().Match(page) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No key shown");

    private static List<string> RecoveryCodesOf(string page) =>
        [.. RecoveryCodeItem().Matches(RecoveryCodeList().Match(page).Value).Select(m => m.Groups[1].Value)];

    private static string Secret(string shownKey) => shownKey.Replace(" ", "").ToUpperInvariant();

    private static Totp Totp(string shownKey) => new(Base32Encoding.ToBytes(Secret(shownKey)));

    /// <summary>The code the authenticator app shows now.</summary>
    private static string CodeOf(string shownKey) => Totp(shownKey).ComputeTotp(DateTime.UtcNow);

    /// <summary>A code wrong for every time step the site would accept around now.</summary>
    private static string WrongCode(string shownKey)
    {
        var totp = Totp(shownKey);
        var near = Enumerable.Range(-4, 9).Select(i => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * i))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => i.ToString("D6")).First(c => !near.Contains(c));
    }

    [GeneratedRegex("id=\"khoa-bi-mat\">([^<]+)<")]
    private static partial Regex KeyField();

    [GeneratedRegex("<ul class=\"recovery-codes\".*?</ul>", RegexOptions.Singleline)]
    private static partial Regex RecoveryCodeList();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCodeItem();
}
