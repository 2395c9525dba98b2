using GuongSang.Content.Model;
using GuongSang.Content.Text;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

/// <summary>No N+1: a page costs the same number of SQL commands whether it lists 1 exemplar or 50.</summary>
public sealed class QueryCountTests
{
    private static async Task AddExemplarsAsync(SiteFactory site, int movementOrder, int count)
    {
        await using var db = site.CreateDb();
        var movement = await db.Movements.AsTracking().FirstAsync(m => m.SortOrder == movementOrder);
        var agency = await db.Agencies.AsTracking().FirstOrDefaultAsync()
            ?? new Agency { Code = "QC", Name = "Cơ quan kiểm thử", Key = "co quan kiem thu", CreatedAt = DateTime.UtcNow };
        var now = DateTime.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var media = new Media
            {
                FileName = $"anh-{i}.jpg", ContentType = "image/jpeg", Sha256 = $"{movementOrder:00}{i:000}".PadRight(64, '0'),
                Width = 2400, Height = 1600, StoragePath = $"media/originals/{i}.jpg", CreatedAt = now,
                Variants = [new MediaVariant { Width = 480, Height = 320, ContentType = "image/webp", StoragePath = $"media/web/{i}-480.webp" }],
            };
            db.Exemplars.Add(new Exemplar
            {
                Agency = agency, Movement = movement, Code = $"QC-{movementOrder}-{i}", Kind = ExemplarKind.Individual,
                Name = $"Người tốt số {i}", Slug = $"nguoi-tot-so-{i}", NameKey = VietnameseText.Key($"Người tốt số {i}"),
                Summary = "Tóm tắt.", Status = ContentStatus.Published, PublishedAt = now.AddMinutes(i), CreatedAt = now, UpdatedAt = now,
                Recognitions = [new Recognition { Award = "Giấy khen", DecisionNumber = $"{i}/QĐ-UBND", DecisionDate = new DateOnly(2025, 1, 1) }],
                Photos = [new ExemplarPhoto { Media = media }],
            });
        }
        await db.SaveChangesAsync();
    }

    private static async Task<int> CountAsync(SiteFactory site, HttpClient client, string url)
    {
        await client.GetPageAsync(url); // warm: first-request work is not the page's
        site.Commands.Reset();
        await client.GetPageAsync(url);
        return site.Commands.Count;
    }

    [Fact]
    public async Task Home_and_movement_pages_do_not_grow_with_the_number_of_exemplars()
    {
        using var site = new SiteFactory(demoContent: false);
        var client = site.CreatePlainClient();
        await client.GetPageAsync("/");
        await AddExemplarsAsync(site, movementOrder: 1, count: 1);
        await AddExemplarsAsync(site, movementOrder: 2, count: 50);
        await using var db = site.CreateDb();
        var small = await db.Movements.Where(m => m.SortOrder == 1).Select(m => m.Slug).FirstAsync();
        var large = await db.Movements.Where(m => m.SortOrder == 2).Select(m => m.Slug).FirstAsync();

        var smallPage = await CountAsync(site, client, $"/phong-trao/{small}");
        var largePage = await CountAsync(site, client, $"/phong-trao/{large}");
        Assert.Equal(smallPage, largePage);
        Assert.InRange(largePage, 1, 8);

        var home = await CountAsync(site, client, "/");
        Assert.InRange(home, 1, 8);

        var api = await CountAsync(site, client, "/api/v1/exemplars?pageSize=50");
        Assert.InRange(api, 1, 8);
    }
}
