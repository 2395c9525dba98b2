using GuongSang.Content.Model;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Content.Tests.Workflow;

/// <summary>The version column: raised by every save of a story, and a save begun from an older version is refused.</summary>
public class VersionTests
{
    private static readonly DateTime Now = new(2026, 3, 5, 3, 0, 0, DateTimeKind.Utc);

    private static async Task<(int Exemplar, int Article)> AddStoriesAsync(TestDatabase test)
    {
        await using var db = test.Open("kiem-thu");
        var exemplar = new Exemplar
        {
            Agency = new Agency { Code = "CQ", Name = "Cơ quan", Key = "co quan", CreatedAt = Now },
            Movement = new Movement { Name = "Phong trào", Slug = "phong-trao", CreatedAt = Now, UpdatedAt = Now },
            Code = "V-1", Name = "Trần Thị B", Slug = "tran-thi-b", NameKey = "tran thi b", Kind = ExemplarKind.Individual,
            Status = ContentStatus.Published, PublishedAt = Now, CreatedAt = Now, UpdatedAt = Now,
            Recognitions = [new Recognition { Award = "Bằng khen", DecisionNumber = "12/QĐ-UBND" }],
        };
        var article = new Article { Title = "Bài", Slug = "bai", Status = ContentStatus.Draft, CreatedAt = Now, UpdatedAt = Now };
        db.Exemplars.Add(exemplar);
        db.Articles.Add(article);
        await db.SaveChangesAsync();
        return (exemplar.Id, article.Id);
    }

    private static async Task<int> VersionOfExemplarAsync(TestDatabase test, int id)
    {
        await using var db = test.Open("doc");
        return await db.Exemplars.Where(e => e.Id == id).Select(e => e.Version).SingleAsync();
    }

    [Fact]
    public async Task Each_save_of_a_story_raises_its_version()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (exemplarId, articleId) = await AddStoriesAsync(test);
        var start = await VersionOfExemplarAsync(test, exemplarId);

        for (var i = 1; i <= 2; i++)
        {
            await using var db = test.Open("bien-tap");
            (await db.Exemplars.AsTracking().SingleAsync(e => e.Id == exemplarId)).Summary = "Tóm tắt " + i;
            (await db.Articles.AsTracking().SingleAsync(a => a.Id == articleId)).Body = "Nội dung " + i;
            await db.SaveChangesAsync();
        }

        Assert.Equal(start + 2, await VersionOfExemplarAsync(test, exemplarId));
        await using var read = test.Open("doc");
        Assert.Equal(2, await read.Articles.Where(a => a.Id == articleId).Select(a => a.Version).SingleAsync());
    }

    [Fact]
    public async Task A_change_to_a_recognition_alone_raises_its_exemplars_version()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (exemplarId, _) = await AddStoriesAsync(test);
        var start = await VersionOfExemplarAsync(test, exemplarId);

        await using (var db = test.Open("bien-tap"))
        {
            var exemplar = await db.Exemplars.AsTracking().Include(e => e.Recognitions).SingleAsync(e => e.Id == exemplarId);
            exemplar.Recognitions[0].Award = "Chiến sĩ thi đua";
            await db.SaveChangesAsync();
        }

        Assert.Equal(start + 1, await VersionOfExemplarAsync(test, exemplarId));
    }

    [Fact]
    public async Task A_save_without_changes_leaves_the_version()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (exemplarId, _) = await AddStoriesAsync(test);
        var start = await VersionOfExemplarAsync(test, exemplarId);

        await using (var db = test.Open("bien-tap"))
        {
            var exemplar = await db.Exemplars.AsTracking().SingleAsync(e => e.Id == exemplarId);
            exemplar.Summary = exemplar.Summary;
            await db.SaveChangesAsync();
        }

        Assert.Equal(start, await VersionOfExemplarAsync(test, exemplarId));
    }

    [Fact]
    public async Task A_save_from_a_stale_version_is_refused_and_changes_nothing()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (exemplarId, _) = await AddStoriesAsync(test);
        var seen = await VersionOfExemplarAsync(test, exemplarId);

        // Someone else saves first.
        await using (var other = test.Open("nguoi-khac"))
        {
            (await other.Exemplars.AsTracking().SingleAsync(e => e.Id == exemplarId)).Summary = "Bản của người khác";
            await other.SaveChangesAsync();
        }

        await using (var db = test.Open("bien-tap"))
        {
            var exemplar = await db.Exemplars.AsTracking().SingleAsync(e => e.Id == exemplarId);
            // As the manager does with the version its form carried.
            db.Entry(exemplar).Property(e => e.Version).OriginalValue = seen;
            exemplar.Summary = "Bản của tôi";
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        }

        await using var read = test.Open("doc");
        var stored = await read.Exemplars.SingleAsync(e => e.Id == exemplarId);
        Assert.Equal(("Bản của người khác", seen + 1), (stored.Summary, stored.Version));
        Assert.Equal(0, await read.Revisions.CountAsync(r => r.EntityType == "Exemplar" && r.Author == "bien-tap"));
    }

    [Fact]
    public async Task A_save_from_the_current_version_goes_through()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (exemplarId, _) = await AddStoriesAsync(test);
        var seen = await VersionOfExemplarAsync(test, exemplarId);

        await using (var db = test.Open("bien-tap"))
        {
            var exemplar = await db.Exemplars.AsTracking().SingleAsync(e => e.Id == exemplarId);
            db.Entry(exemplar).Property(e => e.Version).OriginalValue = seen;
            exemplar.Summary = "Bản của tôi";
            await db.SaveChangesAsync();
        }

        Assert.Equal(seen + 1, await VersionOfExemplarAsync(test, exemplarId));
    }
}
