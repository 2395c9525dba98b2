using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Import;
using GuongSang.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

/// <summary>The push API honours the board's GuongSang:Import:NewExemplars and writes an audit entry per import.</summary>
public sealed class SubmissionWorkflowTests
{
    private sealed class ReviewSite(string? mode) : SiteFactory(demoContent: false)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (mode is not null) builder.UseSetting(NewContentModes.Setting, mode);
        }
    }

    private static async Task<HttpClient> ClientForAsync(SiteFactory site, string code)
    {
        var client = site.CreatePlainClient();
        await using var db = site.CreateDb("kiem-thu");
        var key = (await AgencyKeys.SetAsync(db, code, "UBND huyện Ia Pa, tỉnh Gia Lai", DateTime.UtcNow))!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task PushAsync(HttpClient client, string query = "")
    {
        var json = Encoding.UTF8.GetString(Samples.Bytes(Samples.DistrictJson));
        var response = await client.PostAsync("/api/v1/agencies/ia-pa/submissions" + query, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("review", ContentStatus.InReview)]
    [InlineData("publish", ContentStatus.Published)]
    [InlineData(null, ContentStatus.Published)]
    public async Task New_exemplars_pushed_by_an_agency_enter_the_workflow_as_configured(string? mode, ContentStatus expected)
    {
        using var site = new ReviewSite(mode);
        using var client = await ClientForAsync(site, "ia-pa");

        await PushAsync(client);

        await using var db = site.CreateDb();
        var statuses = await db.Exemplars.Select(e => e.Status).ToListAsync();
        Assert.Equal(3, statuses.Count);
        Assert.All(statuses, s => Assert.Equal(expected, s));
        var listed = JsonDocument.Parse(await client.GetStringAsync("/api/v1/exemplars?agency=ia-pa")).RootElement.GetProperty("total").GetInt32();
        Assert.Equal(expected == ContentStatus.Published ? 3 : 0, listed);
    }

    [Fact]
    public async Task Each_push_that_writes_is_in_the_audit_log_with_the_agencys_key_the_file_and_the_counts_and_a_dry_run_is_not()
    {
        using var site = new ReviewSite(null);
        using var client = await ClientForAsync(site, "ia-pa");

        await PushAsync(client, "?dryRun=true");
        await using (var db = site.CreateDb())
        {
            Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.Import));
        }

        await PushAsync(client);
        await PushAsync(client);

        await using var check = site.CreateDb();
        var entries = await check.AuditEntries.Where(a => a.Action == AuditActions.Import).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(("api:ia-pa", "submission.json"), (e.Actor, e.Target)));
        var first = JsonDocument.Parse(entries[0].Detail!).RootElement;
        Assert.Equal("imported", first.GetProperty("status").GetString());
        Assert.Equal(3, first.GetProperty("counts").GetProperty(RowOutcome.Created).GetInt32());
        Assert.Equal(3, JsonDocument.Parse(entries[1].Detail!).RootElement.GetProperty("counts").GetProperty(RowOutcome.Unchanged).GetInt32());
    }

    [Fact]
    public void A_site_configured_with_an_unknown_mode_does_not_start()
    {
        using var site = new ReviewSite("sometimes");
        var error = Assert.ThrowsAny<Exception>(() => site.CreatePlainClient());
        Assert.Contains($"{NewContentModes.Setting}: giá trị \"sometimes\" không hợp lệ", error.ToString());
    }
}
