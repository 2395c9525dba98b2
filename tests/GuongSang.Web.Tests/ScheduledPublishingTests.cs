using System.Net;
using GuongSang.Content.Model;
using GuongSang.Content.Workflow;
using GuongSang.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GuongSang.Web.Tests;

/// <summary>The site's scheduler publishes a scheduled story once its time has come, on the site's clock (here a fake one).</summary>
public sealed class ScheduledPublishingTests
{
    private sealed class ClockedSite(FakeTimeProvider clock) : SiteFactory(demoContent: false)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }
    }

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_scheduled_exemplar_is_not_public_before_its_time_and_is_public_after_it()
    {
        var start = new DateTimeOffset(2026, 3, 5, 1, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        using var site = new ClockedSite(clock);
        var client = site.CreatePlainClient();
        await client.GetPageAsync("/");

        int soon, later;
        await using (var db = site.CreateDb("bien-tap"))
        {
            var agency = new Agency { Code = "HG", Name = "Cơ quan hẹn giờ", Key = "co quan hen gio", CreatedAt = start.UtcDateTime };
            var movement = await db.Movements.AsTracking().FirstAsync();
            Exemplar Scheduled(string code, TimeSpan after)
            {
                var exemplar = new Exemplar
                {
                    Agency = agency, Movement = movement, Code = code, Name = "Gương hẹn giờ " + code, Slug = "guong-hen-gio-" + code,
                    NameKey = "guong hen gio " + code, Kind = ExemplarKind.Individual, Summary = "Tóm tắt.",
                    CreatedAt = start.UtcDateTime, UpdatedAt = start.UtcDateTime, Status = ContentStatus.InReview,
                };
                Assert.True(ContentWorkflow.Apply(exemplar, WorkflowAction.Publish, start.UtcDateTime, at: start.UtcDateTime + after).Done);
                return exemplar;
            }
            var a = Scheduled("a", TimeSpan.FromMinutes(10));
            var b = Scheduled("b", TimeSpan.FromHours(2));
            db.Exemplars.AddRange(a, b);
            await db.SaveChangesAsync();
            (soon, later) = (a.Id, b.Id);
        }

        async Task<HttpStatusCode> StatusOf(int id) => (await client.GetAsync($"/api/v1/exemplars/{id}")).StatusCode;
        Task PublicAsync(int id) => Poll.UntilAsync(async () => await StatusOf(id) == HttpStatusCode.OK, $"exemplar {id} is public");

        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(soon));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/guong-sang/{soon}/guong-hen-gio-a")).StatusCode);

        // Past the first one's time only: it goes public, the second, still in its future, does not.
        clock.Advance(TimeSpan.FromMinutes(10) + Interval);
        await PublicAsync(soon);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/guong-sang/{soon}/guong-hen-gio-a")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(later));

        clock.Advance(TimeSpan.FromHours(2));
        await PublicAsync(later);

        await using var check = site.CreateDb();
        var revision = await check.Revisions.Where(r => r.EntityType == "Exemplar" && r.EntityId == soon).OrderBy(r => r.Id).LastAsync();
        Assert.Equal(ScheduledPublishing.Actor, revision.Author);
        Assert.Equal((start + TimeSpan.FromMinutes(10)).UtcDateTime, (await check.Exemplars.SingleAsync(e => e.Id == soon)).PublishedAt);
        Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.Actor == ScheduledPublishing.Actor && a.Action == "publish"));
    }
}
