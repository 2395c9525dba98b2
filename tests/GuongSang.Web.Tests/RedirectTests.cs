using System.Net;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

public sealed class RedirectTests
{
    private static async Task RenameAsync(SiteFactory site, int order, string slug)
    {
        await using var db = site.CreateDb("bien-tap-vien");
        var movement = await db.Movements.AsTracking().FirstAsync(m => m.SortOrder == order);
        movement.Slug = slug;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_renamed_movement_answers_301_from_every_old_slug()
    {
        using var site = new SiteFactory(demoContent: false);
        var client = site.CreatePlainClient();
        await client.GetPageAsync("/");
        string original;
        await using (var db = site.CreateDb())
        {
            original = await db.Movements.Where(m => m.SortOrder == 24).Select(m => m.Slug).FirstAsync();
        }

        await RenameAsync(site, 24, "hien-mau");
        await RenameAsync(site, 24, "hien-mau-tinh-nguyen-2025");

        foreach (var old in new[] { original, "hien-mau" })
        {
            var response = await client.GetAsync($"/phong-trao/{old}?trang=1");
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal("/phong-trao/hien-mau-tinh-nguyen-2025?trang=1", response.Headers.Location!.OriginalString);
        }
        await client.GetPageAsync("/phong-trao/hien-mau-tinh-nguyen-2025");

        // Back to the first slug: it is live again, and no redirect loops.
        await RenameAsync(site, 24, original);
        await client.GetPageAsync($"/phong-trao/{original}");
        var newer = await client.GetAsync("/phong-trao/hien-mau-tinh-nguyen-2025");
        Assert.Equal($"/phong-trao/{original}", newer.Headers.Location!.OriginalString);
    }
}
