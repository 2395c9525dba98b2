using System.Net;
using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Content.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

/// <summary>The audit log: append-only, written for each account action, read and filtered by Admins.</summary>
public sealed class AuditLogTests
{
    [Fact]
    public async Task Audit_entries_cannot_be_changed_or_removed_through_the_database_context()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "quantri@so-noi-vu.vn", "admin");

        await using (var db = site.CreateDb())
        {
            var entry = await db.AuditEntries.AsTracking().SingleAsync();
            entry.Actor = "ai-do-khac";
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using (var db = site.CreateDb())
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync());
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        // Bulk statements bypass the context's checks: the database itself refuses them.
        await using (var db = site.CreateDb())
        {
            await Assert.ThrowsAsync<SqliteException>(() => db.AuditEntries.ExecuteDeleteAsync());
            await Assert.ThrowsAsync<SqliteException>(() => db.AuditEntries.ExecuteUpdateAsync(s => s.SetProperty(a => a.Actor, "x")));
            var entry = await db.AuditEntries.SingleAsync();
            Assert.Equal(("dong-lenh", AuditActions.AccountCreated), (entry.Actor, entry.Action));
        }
    }

    [Fact]
    public async Task An_admin_changes_a_role_and_reads_it_in_the_filtered_audit_log()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "quantri@so-noi-vu.vn", "admin");
        await Staff.CreateAsync(site, "nguoiviet@bao.vn", "writer");
        using var admin = await Staff.SignedInAsync(site, "quantri@so-noi-vu.vn");
        string id;
        await using (var db = site.CreateDb()) id = await db.Users.Where(u => u.Email == "nguoiviet@bao.vn").Select(u => u.Id).SingleAsync();

        var changed = await Staff.PostFormAsync(admin, "/quan-tri/tai-khoan", $"/quan-tri/tai-khoan/{id}/vai-tro", ("role", StaffRoles.Editor), ("agency", ""));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        using (var editor = await Staff.SignedInAsync(site, "nguoiviet@bao.vn"))
        {
            Assert.Contains("\"role\":\"editor\"", await editor.GetPageAsync("/api/v1/manage/me"));
        }

        var today = VietnamTime.Date(DateTime.UtcNow);
        var log = await admin.GetPageAsync($"/quan-tri/nhat-ky?nguoi=nguoiviet%40bao.vn&hanh-dong={AuditActions.RoleChanged}&tu={today}&den={today}");
        Assert.Contains("1 mục.", log);
        Assert.Contains(HttpExtensions.Encoded("Đổi vai trò"), log);
        Assert.Contains("quantri@so-noi-vu.vn", log);

        var everything = await admin.GetPageAsync("/quan-tri/nhat-ky?nguoi=nguoiviet%40bao.vn");
        // As actor or as target: created, role changed, signed in.
        Assert.Contains("3 mục.", everything);
    }

    [Fact]
    public async Task A_malformed_date_filter_is_named_in_vietnamese()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "quantri@so-noi-vu.vn", "admin");
        using var admin = await Staff.SignedInAsync(site, "quantri@so-noi-vu.vn");
        var response = await admin.GetAsync("/quan-tri/nhat-ky?tu=2026-11-29");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(HttpExtensions.Encoded("Ô \"Từ ngày\": \"2026-11-29\" không phải ngày dạng dd/MM/yyyy."), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_audit_log_is_paged_newest_first()
    {
        using var site = await Staff.StartAsync();
        await Staff.CreateAsync(site, "quantri@so-noi-vu.vn", "admin");
        using var admin = await Staff.SignedInAsync(site, "quantri@so-noi-vu.vn");
        await using (var db = site.CreateDb())
        {
            var log = new AuditLog(db, "kiem-thu");
            for (var i = 0; i < 60; i++) await log.RecordAsync(AuditActions.TokenCreated, $"token:{1000 + i}");
        }
        var first = await admin.GetPageAsync("/quan-tri/nhat-ky?hanh-dong=token-created");
        Assert.Contains("token:1059", first);
        Assert.DoesNotContain("token:1009", first);
        Assert.Contains("?hanh-dong=token-created&amp;trang=2", first);
        var second = await admin.GetPageAsync("/quan-tri/nhat-ky?hanh-dong=token-created&trang=2");
        Assert.Contains("token:1009", second);
        Assert.DoesNotContain("token:1010<", second);
    }
}
