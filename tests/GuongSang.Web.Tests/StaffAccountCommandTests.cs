using System.Net;
using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Import;
using GuongSang.Web.Manager;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

/// <summary>create-user and create-token on the site's command line, with a piped password.</summary>
public sealed class StaffAccountCommandTests
{
    [Fact]
    public async Task Create_user_with_a_piped_password_makes_an_account_that_signs_in_and_is_audited()
    {
        using var site = await Staff.StartAsync();
        var (exit, output, error) = await Staff.RunAsync(site, Staff.Password + "\n", "create-user", "bientap@so-noi-vu.vn", "--role", "editor");
        Assert.True(exit == 0, output + error);
        Assert.Contains("Đã tạo tài khoản bientap@so-noi-vu.vn", output);

        using var client = Staff.Client(site);
        var signedIn = await Staff.SignInAsync(client, "bientap@so-noi-vu.vn");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/quan-tri", signedIn.Headers.Location?.OriginalString);
        var start = await client.GetPageAsync("/quan-tri");
        Assert.Contains("bientap@so-noi-vu.vn", start);
        Assert.Contains(ManagerTexts.Role(StaffRoles.Editor), start);

        await using var db = site.CreateDb();
        var created = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.AccountCreated);
        Assert.Equal(("dong-lenh", "bientap@so-noi-vu.vn"), (created.Actor, created.Target));
        Assert.Contains("\"role\":\"Editor\"", created.Detail);
        Assert.DoesNotContain(Staff.Password, string.Concat(await db.AuditEntries.Select(a => a.Detail).ToListAsync()));
    }

    [Theory]
    [InlineData("ngan")]
    [InlineData("chiconchuthuongthoi")]
    [InlineData("123456789012345")]
    public async Task Create_user_refuses_a_weak_password_with_the_rule_and_exit_1(string weak)
    {
        using var site = await Staff.StartAsync();
        var (exit, _, error) = await Staff.RunAsync(site, weak + "\n", "create-user", "yeu@so-noi-vu.vn", "--role", "writer");
        Assert.Equal(1, exit);
        Assert.Contains(PasswordRule.Text, error);
        Assert.Contains("12 ký tự", error);
        await using var db = site.CreateDb();
        Assert.False(await db.Users.AnyAsync());
    }

    [Theory]
    [InlineData("create-user", "a@b.vn")]
    [InlineData("create-user", "a@b.vn", "--role")]
    [InlineData("create-user", "a@b.vn", "--role", "superuser")]
    [InlineData("create-user", "--role", "admin")]
    [InlineData("create-user", "a@b.vn", "--role", "agency")]
    [InlineData("create-user", "a@b.vn", "--role", "writer", "--agency", "DTN")]
    [InlineData("create-user", "a@b.vn", "c@d.vn", "--role", "writer")]
    [InlineData("create-user", "a@b.vn", "--role", "writer", "--colour", "red")]
    [InlineData("create-token")]
    [InlineData("create-token", "a@b.vn", "--name")]
    public async Task Wrong_usage_exits_2_with_the_usage_text(params string[] args)
    {
        using var site = await Staff.StartAsync();
        var (exit, _, error) = await Staff.RunAsync(site, Staff.Password + "\n", args);
        Assert.Equal(2, exit);
        Assert.Contains("create-user <email> --role admin|editor|writer|agency", error);
        await using var db = site.CreateDb();
        Assert.False(await db.Users.AnyAsync());
    }

    [Fact]
    public async Task Running_create_user_again_changes_the_role_and_the_password_when_one_is_given()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "nguoiviet@bao.vn", "writer");
        using var old = await Staff.SignedInAsync(site, "nguoiviet@bao.vn");

        // Role only: nothing piped keeps the password.
        var (exit, output, error) = await Staff.RunAsync(site, "", "create-user", "nguoiviet@bao.vn", "--role", "admin");
        Assert.True(exit == 0, output + error);
        using (var admin = await Staff.SignedInAsync(site, "nguoiviet@bao.vn"))
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/quan-tri/nhat-ky")).StatusCode);
        }

        const string newPassword = "Mật khẩu mới hẳn 2027";
        (exit, output, error) = await Staff.RunAsync(site, newPassword + "\n", "create-user", "nguoiviet@bao.vn", "--role", "admin");
        Assert.True(exit == 0, output + error);
        Assert.Equal(HttpStatusCode.OK, (await Staff.SignInAsync(Staff.Client(site), "nguoiviet@bao.vn")).StatusCode);
        await Staff.SignedInAsync(site, "nguoiviet@bao.vn", newPassword);

        await using var db = site.CreateDb();
        Assert.Equal(1, await db.Users.CountAsync());
        var changed = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.RoleChanged);
        Assert.Contains("\"from\":\"Writer\",\"to\":\"Admin\"", changed.Detail);
        Assert.Equal("nguoiviet@bao.vn", (await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.PasswordChanged)).Target);
    }

    [Fact]
    public async Task An_agency_account_belongs_to_an_existing_agency()
    {
        using var site = await Staff.StartAsync();
        var (exit, _, error) = await Staff.RunAsync(site, Staff.Password + "\n", "create-user", "vanthu@dtn.vn", "--role", "agency", "--agency", "KHONG-CO");
        Assert.Equal(1, exit);
        Assert.Contains("Không có cơ quan mã \"KHONG-CO\"", error);

        await using (var db = site.CreateDb())
        {
            await AgencyKeys.SetAsync(db, "DTN", "Đoàn Thanh niên tỉnh Gia Lai", DateTime.UtcNow);
        }
        await Staff.CreateAsync(site, "vanthu@dtn.vn", "agency", agency: "DTN");
        var (_, token, _) = await Staff.RunAsync(site, null, "create-token", "vanthu@dtn.vn");
        using var client = Staff.Client(site);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.Trim());
        var me = await client.GetPageAsync("/api/v1/manage/me");
        Assert.Contains("\"role\":\"agency\"", me);
        Assert.Contains("\"agency\":\"DTN\"", me);
    }

    [Fact]
    public async Task Create_token_for_an_unknown_account_is_refused()
    {
        using var site = await Staff.StartAsync();
        var (exit, output, error) = await Staff.RunAsync(site, null, "create-token", "khongai@bao.vn");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("Không có tài khoản khongai@bao.vn", error);
    }
}
