using GuongSang.Content.Model;
using GuongSang.Content.Queries;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

public sealed class SeedingTests
{
    [Fact]
    public async Task A_new_data_folder_gets_the_24_movements_and_marked_sample_content()
    {
        using var site = new SiteFactory();
        await site.CreatePlainClient().GetPageAsync("/");
        await using var db = site.CreateDb();
        Assert.Equal(24, await db.Movements.CountAsync());
        Assert.Equal(12, await db.Exemplars.Published().CountAsync(e => e.IsSample));
        Assert.Equal(2, await db.Articles.CountAsync(a => a.IsSample));
        Assert.Equal(34, await db.Localities.CountAsync(l => l.IsCurrent));
        var movements = await db.Movements.Include(m => m.Targets).ToListAsync();
        Assert.NotEmpty(movements);
        Assert.All(movements, m => Assert.NotEmpty(m.Targets));
        // The seeder is a writer too: its revisions have an author.
        Assert.True(await db.Revisions.AllAsync(r => r.Author == "du-lieu-mau"));
    }

    [Fact]
    public async Task Restarting_does_not_seed_twice()
    {
        using var first = new SiteFactory();
        await first.CreatePlainClient().GetPageAsync("/");
        using (var second = new SiteFactory(dataPath: first.DataPath))
        {
            await second.CreatePlainClient().GetPageAsync("/");
        }
        await using var db = first.CreateDb();
        Assert.Equal(24, await db.Movements.CountAsync());
        Assert.Equal(12, await db.Exemplars.CountAsync());
    }

    [Fact]
    public async Task A_setting_starts_empty_instead()
    {
        using var site = new SiteFactory(demoContent: false, movements: false);
        var html = await site.CreatePlainClient().GetPageAsync("/");
        Assert.Contains("Chưa có gương điển hình nào được công bố.", html);
        await using var db = site.CreateDb();
        Assert.Equal(0, await db.Exemplars.CountAsync());
        Assert.Equal(0, await db.Movements.CountAsync());
        Assert.Equal(34, await db.Localities.CountAsync(l => l.IsCurrent));
    }
}
