using System.Text.Json;
using GuongSang.Content.Model;
using GuongSang.Content.Text;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

/// <summary>Pages and the API offer every web version of a photo, so a phone takes a small one and a wide screen a sharp one.</summary>
public sealed class PhotoTests
{
    private static async Task<(int Id, string Slug, string MovementSlug)> AddExemplarWithPhotoAsync(SiteFactory site)
    {
        await using var db = site.CreateDb();
        var movement = await db.Movements.AsTracking().OrderBy(m => m.SortOrder).FirstAsync();
        var now = DateTime.UtcNow;
        var exemplar = new Exemplar
        {
            Agency = new Agency { Code = "ANH", Name = "Cơ quan có ảnh", Key = "co quan co anh", CreatedAt = now },
            Movement = movement, Code = "ANH-1", Kind = ExemplarKind.Individual,
            Name = "Người có ảnh", Slug = "nguoi-co-anh", NameKey = VietnameseText.Key("Người có ảnh"),
            Summary = "Tóm tắt.", Status = ContentStatus.Published, PublishedAt = now, CreatedAt = now, UpdatedAt = now,
            Photos =
            [
                new ExemplarPhoto
                {
                    Media = new Media
                    {
                        FileName = "anh.jpg", ContentType = "image/jpeg", Sha256 = new string('a', 64), Width = 2400, Height = 1600,
                        StoragePath = "media/originals/aa/anh.jpg", CreatedAt = now, AltText = "Người có ảnh",
                        // Stored in no particular order: pages list them narrowest first.
                        Variants =
                        [
                            new MediaVariant { Width = 1200, Height = 800, ContentType = "image/jpeg", StoragePath = "media/web/aa/anh-1200.jpg" },
                            new MediaVariant { Width = 480, Height = 320, ContentType = "image/jpeg", StoragePath = "media/web/aa/anh-480.jpg" },
                            new MediaVariant { Width = 960, Height = 640, ContentType = "image/jpeg", StoragePath = "media/web/aa/anh-960.jpg" },
                        ],
                    },
                },
            ],
        };
        db.Exemplars.Add(exemplar);
        await db.SaveChangesAsync();
        return (exemplar.Id, exemplar.Slug, movement.Slug);
    }

    private const string Srcset = "/media/web/aa/anh-480.jpg 480w, /media/web/aa/anh-960.jpg 960w, /media/web/aa/anh-1200.jpg 1200w";

    /// <summary>A site without demo content, started, with one exemplar that has a photo.</summary>
    private static async Task<(SiteFactory Site, HttpClient Client, (int Id, string Slug, string MovementSlug) Exemplar)> StartAsync()
    {
        var site = new SiteFactory(demoContent: false);
        var client = site.CreatePlainClient();
        await client.GetPageAsync("/");
        return (site, client, await AddExemplarWithPhotoAsync(site));
    }

    [Fact]
    public async Task Story_and_card_photos_offer_every_web_version_with_the_card_size_as_fallback()
    {
        var (site, client, (id, slug, movementSlug)) = await StartAsync();
        using var _ = site;

        var story = await client.GetPageAsync($"/guong-sang/{id}/{slug}");
        Assert.Contains($"<img src=\"/media/web/aa/anh-480.jpg\" srcset=\"{Srcset}\" sizes=\"(min-width: 44rem) 42rem, 100vw\" width=\"480\" height=\"320\"", story);
        Assert.Contains("href=\"/media/originals/aa/anh.jpg\" download", story);

        var movement = await client.GetPageAsync($"/phong-trao/{movementSlug}");
        Assert.Contains($"<img class=\"card-photo\" src=\"/media/web/aa/anh-480.jpg\" srcset=\"{Srcset}\"", movement);
    }

    [Fact]
    public async Task The_api_lists_every_web_version_narrowest_first()
    {
        var (site, client, (id, _, _)) = await StartAsync();
        using var _ = site;

        using var json = JsonDocument.Parse(await client.GetPageAsync($"/api/v1/exemplars/{id}"));
        var photo = json.RootElement.GetProperty("photos").EnumerateArray().Single();
        Assert.Equal("/media/web/aa/anh-480.jpg", photo.GetProperty("url").GetString());
        Assert.Equal("/media/originals/aa/anh.jpg", photo.GetProperty("originalUrl").GetString());
        Assert.Equal(
            [("/media/web/aa/anh-480.jpg", 480, 320), ("/media/web/aa/anh-960.jpg", 960, 640), ("/media/web/aa/anh-1200.jpg", 1200, 800)],
            photo.GetProperty("variants").EnumerateArray()
                .Select(v => (v.GetProperty("url").GetString(), v.GetProperty("width").GetInt32(), v.GetProperty("height").GetInt32())));
    }
}
