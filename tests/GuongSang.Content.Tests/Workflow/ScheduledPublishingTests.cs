using System.Text.Json;
using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Content.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace GuongSang.Content.Tests.Workflow;

/// <summary>The scheduler's step: due stories are published as "lich-dang", once, whatever else runs at the same time.</summary>
public class ScheduledPublishingTests
{
    private static readonly DateTime Now = new(2026, 3, 5, 1, 0, 0, DateTimeKind.Utc);

    private static async Task<(int Due, int Later, int Article)> ArrangeAsync(TestDatabase test)
    {
        await using var db = test.Open("bien-tap");
        var agency = new Agency { Code = "CQ", Name = "Cơ quan", Key = "co quan", CreatedAt = Now };
        var movement = new Movement { Name = "Phong trào", Slug = "phong-trao", CreatedAt = Now, UpdatedAt = Now };
        Exemplar Scheduled(string code, DateTime at) => new()
        {
            Agency = agency, Movement = movement, Code = code, Name = "Người " + code, Slug = "nguoi-" + code.ToLowerInvariant(),
            NameKey = "nguoi " + code.ToLowerInvariant(), Kind = ExemplarKind.Individual, Status = ContentStatus.Scheduled,
            ScheduledAt = at, CreatedAt = Now, UpdatedAt = Now,
        };
        var due = Scheduled("D", Now.AddMinutes(-1));
        var later = Scheduled("L", Now.AddHours(1));
        var article = new Article { Title = "Bài hẹn giờ", Slug = "bai-hen-gio", Status = ContentStatus.Scheduled, ScheduledAt = Now.AddMinutes(-5), CreatedAt = Now, UpdatedAt = Now };
        db.Exemplars.AddRange(due, later);
        db.Articles.Add(article);
        await db.SaveChangesAsync();
        return (due.Id, later.Id, article.Id);
    }

    [Fact]
    public async Task Due_stories_are_published_as_the_scheduler_with_a_revision_a_change_and_an_audit_entry()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (due, later, article) = await ArrangeAsync(test);
        int changesBefore;
        await using (var read = test.Open("doc")) changesBefore = await read.ContentChanges.CountAsync();

        await using (var db = test.Open(null))
        {
            db.Clock = new FakeTimeProvider(Now);
            Assert.Equal(2, await ScheduledPublishing.PublishDueAsync(db, default));
        }

        await using var check = test.Open("doc");
        var exemplars = await check.Exemplars.ToDictionaryAsync(e => e.Id);
        Assert.Equal((ContentStatus.Published, Now.AddMinutes(-1)), (exemplars[due].Status, exemplars[due].PublishedAt));
        Assert.Equal(ContentStatus.Scheduled, exemplars[later].Status);
        Assert.Equal(ContentStatus.Published, (await check.Articles.SingleAsync(a => a.Id == article)).Status);
        var revisions = await check.Revisions.Where(r => r.Author == ScheduledPublishing.Actor).Select(r => new { r.EntityType, r.EntityId }).ToListAsync();
        Assert.Equal([("Article", article), ("Exemplar", due)], revisions.Select(r => (r.EntityType, r.EntityId)).Order());
        Assert.Equal(changesBefore + 2, await check.ContentChanges.CountAsync());
        var audit = await check.AuditEntries.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([$"exemplar:{due}", $"article:{article}"], audit.Select(a => a.Target));
        Assert.All(audit, a => Assert.Equal((ScheduledPublishing.Actor, AuditActions.Publish), (a.Actor, a.Action)));
        Assert.True(JsonDocument.Parse(audit[0].Detail!).RootElement.GetProperty("scheduled").GetBoolean());
    }

    [Fact]
    public async Task Two_processes_publishing_the_same_story_publish_it_once()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (due, _, _) = await ArrangeAsync(test);

        await using var first = test.Open(null);
        await using var second = test.Open(null);
        // Both read the due stories before either saves.
        var seenByFirst = await ScheduledPublishing.DueAsync(first, Now, default);
        var seenBySecond = await ScheduledPublishing.DueAsync(second, Now, default);
        Assert.True(await ScheduledPublishing.PublishAsync(second, seenBySecond.First(i => i is Exemplar && i.Id == due), Now, default));
        Assert.False(await ScheduledPublishing.PublishAsync(first, seenByFirst.First(i => i is Exemplar && i.Id == due), Now, default));

        await using var check = test.Open("doc");
        Assert.Equal(1, await check.Revisions.CountAsync(r => r.EntityType == "Exemplar" && r.EntityId == due && r.Author == ScheduledPublishing.Actor));
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Target == $"exemplar:{due}"));
    }

    [Fact]
    public async Task A_story_returned_to_draft_after_the_scheduler_read_it_stays_a_draft()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (due, _, _) = await ArrangeAsync(test);

        await using var scheduler = test.Open(null);
        var seen = await ScheduledPublishing.DueAsync(scheduler, Now, default);
        await using (var editor = test.Open("bien-tap"))
        {
            var exemplar = await editor.Exemplars.AsTracking().SingleAsync(e => e.Id == due);
            Assert.True(ContentWorkflow.Apply(exemplar, WorkflowAction.ReturnToDraft, Now).Done);
            await editor.SaveChangesAsync();
        }
        Assert.False(await ScheduledPublishing.PublishAsync(scheduler, seen.First(i => i is Exemplar && i.Id == due), Now, default));

        await using var check = test.Open("doc");
        Assert.Equal(ContentStatus.Draft, (await check.Exemplars.SingleAsync(e => e.Id == due)).Status);
    }
}
