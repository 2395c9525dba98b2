using GuongSang.Content.Model;
using GuongSang.Content.Queries;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Content.Tests;

/// <summary>The shared query layer that pages, the delivery API and search documents all read through.</summary>
public class PublishedContentTests
{
    private static readonly DateTime Now = new(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    private static Exemplar NewExemplar(Agency agency, Movement movement, string code, ContentStatus status, ExemplarKind kind = ExemplarKind.Individual) => new()
    {
        Agency = agency, Movement = movement, Code = code, Name = "Người " + code, Slug = "nguoi-" + code.ToLowerInvariant(),
        NameKey = "nguoi " + code.ToLowerInvariant(), Kind = kind, Status = status, CreatedAt = Now, UpdatedAt = Now,
        PublishedAt = status == ContentStatus.Published ? Now : null,
    };

    private static Media NewMedia(string name, int width, params int[] variantWidths) => new()
    {
        FileName = name + ".jpg", ContentType = "image/jpeg", Sha256 = name.PadRight(64, '0'), Width = width, Height = width / 2,
        StoragePath = $"media\\originals\\{name}.jpg", AltText = name, CreatedAt = Now,
        Variants = [.. variantWidths.Select(w => new MediaVariant { Width = w, Height = w / 2, ContentType = "image/jpeg", StoragePath = $"media/web/{name}-{w}.jpg" })],
    };

    [Fact]
    public async Task Only_published_exemplars_and_articles_are_published()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using (var db = test.Open("kiem-thu"))
        {
            var agency = new Agency { Code = "CQ", Name = "Cơ quan", Key = "co quan", CreatedAt = Now };
            var movement = new Movement { Name = "Phong trào", Slug = "phong-trao", CreatedAt = Now, UpdatedAt = Now };
            foreach (var status in Enum.GetValues<ContentStatus>())
            {
                db.Exemplars.Add(NewExemplar(agency, movement, status.ToString(), status));
                db.Articles.Add(new Article { Title = status.ToString(), Slug = status.ToString().ToLowerInvariant(), Status = status, CreatedAt = Now, UpdatedAt = Now });
            }
            await db.SaveChangesAsync();
        }

        await using var read = test.Open("doc");
        Assert.Equal(["Published"], await read.Exemplars.Published().Select(e => e.Code).ToListAsync());
        Assert.Equal(["Published"], await read.Articles.Published().Select(a => a.Title).ToListAsync());
        // Composed inside another query (a count per movement), the rule is the same.
        Assert.Equal([1], await read.Movements.Select(m => read.Exemplars.Published().Count(e => e.MovementId == m.Id)).ToListAsync());
    }

    [Fact]
    public async Task Counts_by_kind_count_only_published_exemplars_per_movement_and_kind()
    {
        await using var test = await TestDatabase.CreateAsync();
        int first, second;
        await using (var db = test.Open("kiem-thu"))
        {
            var agency = new Agency { Code = "CQ", Name = "Cơ quan", Key = "co quan", CreatedAt = Now };
            var a = new Movement { Name = "Phong trào A", Slug = "a", CreatedAt = Now, UpdatedAt = Now };
            var b = new Movement { Name = "Phong trào B", Slug = "b", CreatedAt = Now, UpdatedAt = Now };
            db.Exemplars.AddRange(
                NewExemplar(agency, a, "A1", ContentStatus.Published),
                NewExemplar(agency, a, "A2", ContentStatus.Published),
                NewExemplar(agency, a, "A3", ContentStatus.Published, ExemplarKind.Collective),
                NewExemplar(agency, a, "A4", ContentStatus.Withdrawn),
                NewExemplar(agency, a, "A5", ContentStatus.Draft, ExemplarKind.Collective),
                NewExemplar(agency, b, "B1", ContentStatus.Published, ExemplarKind.Household),
                NewExemplar(agency, b, "B2", ContentStatus.Archived, ExemplarKind.Household));
            await db.SaveChangesAsync();
            (first, second) = (a.Id, b.Id);
        }

        await using var read = test.Open("doc");
        var counts = await read.Exemplars.CountPublishedByKindAsync(CancellationToken.None);
        Assert.Equal(3, counts.Of(first));
        Assert.Equal(2, counts.Of(first, ExemplarKind.Individual));
        Assert.Equal(1, counts.Of(first, ExemplarKind.Collective));
        Assert.Equal(0, counts.Of(first, ExemplarKind.Household));
        Assert.Equal(1, counts.Of(second));
        Assert.Equal(1, counts.Of(second, ExemplarKind.Household));

        var onlyFirst = await read.Exemplars.Where(e => e.MovementId == first).CountPublishedByKindAsync(CancellationToken.None);
        Assert.Equal(3, onlyFirst.Of(first));
        Assert.Equal(0, onlyFirst.Of(second));
    }

    [Fact]
    public async Task The_public_projection_carries_recognitions_in_date_order()
    {
        await using var test = await TestDatabase.CreateAsync();
        int id;
        await using (var db = test.Open("kiem-thu"))
        {
            var exemplar = NewExemplar(
                new Agency { Code = "CQ", Name = "Cơ quan", Key = "co quan", CreatedAt = Now, PressContact = "Văn phòng: 0291 000 000" },
                new Movement { Name = "Phong trào", Slug = "phong-trao", CreatedAt = Now, UpdatedAt = Now }, "P1", ContentStatus.Published);
            exemplar.PrivateContact = "0912 345 678";
            exemplar.Recognitions =
            [
                new Recognition { Award = "Bằng khen", DecisionNumber = "2/QĐ-UBND", DecisionDate = new DateOnly(2024, 5, 1) },
                new Recognition { Award = "Giấy khen", DecisionNumber = "1/QĐ-UBND", DecisionDate = new DateOnly(2023, 1, 1) },
            ];
            db.Exemplars.Add(exemplar);
            await db.SaveChangesAsync();
            id = exemplar.Id;
        }

        await using var read = test.Open("doc");
        var shown = await read.Exemplars.Published().Where(e => e.Id == id).SelectPublic().SingleAsync();
        Assert.Equal(("P1", "Phong trào", "phong-trao", "CQ", "Cơ quan", "Văn phòng: 0291 000 000"),
            (shown.Code, shown.MovementName, shown.MovementSlug, shown.AgencyCode, shown.AgencyName, shown.AgencyPressContact));
        Assert.Equal(["Giấy khen", "Bằng khen"], shown.Recognitions.Select(r => r.Award));
        Assert.DoesNotContain("0912 345 678", shown.ToString());
    }

    [Fact]
    public async Task The_card_photo_is_the_first_photo_in_its_smallest_card_wide_version_else_its_largest_else_the_original()
    {
        await using var test = await TestDatabase.CreateAsync();
        int wide, narrow, plain;
        await using (var db = test.Open("kiem-thu"))
        {
            var agency = new Agency { Code = "CQ", Name = "Cơ quan", Key = "co quan", CreatedAt = Now };
            var movement = new Movement { Name = "Phong trào", Slug = "phong-trao", CreatedAt = Now, UpdatedAt = Now };
            var a = NewExemplar(agency, movement, "W", ContentStatus.Published);
            // Stored out of order: the photo with the lowest sort order is the card's, versions are listed narrowest first.
            a.Photos =
            [
                new ExemplarPhoto { SortOrder = 2, Media = NewMedia("second", 2400, 480, 960) },
                new ExemplarPhoto { SortOrder = 1, Media = NewMedia("first", 2400, 1200, 480, 960) },
            ];
            var b = NewExemplar(agency, movement, "N", ContentStatus.Published);
            b.Photos = [new ExemplarPhoto { Media = NewMedia("narrow", 300, 300) }];
            var c = NewExemplar(agency, movement, "O", ContentStatus.Published);
            c.Photos = [new ExemplarPhoto { Media = NewMedia("plain", 800) }];
            db.Exemplars.AddRange(a, b, c);
            await db.SaveChangesAsync();
            (wide, narrow, plain) = (a.Id, b.Id, c.Id);
        }

        await using var read = test.Open("doc");
        var photos = await read.PhotosOfExemplarsAsync([wide, narrow, plain], CancellationToken.None);
        Assert.Equal(["first", "second"], photos.Of(wide).Select(p => p.AltText));
        var card = photos.CardOf(wide)!;
        Assert.Equal(("/media/web/first-480.jpg", 480, 240), (card.Url, card.Width, card.Height));
        Assert.Equal("/media/originals/first.jpg", card.OriginalUrl);
        Assert.Equal("/media/web/first-480.jpg 480w, /media/web/first-960.jpg 960w, /media/web/first-1200.jpg 1200w", card.Srcset);
        // A narrow original has only a version narrower than a card: that version, never the original file.
        Assert.Equal(("/media/web/narrow-300.jpg", 300), (photos.CardOf(narrow)!.Url, photos.CardOf(narrow)!.Width));
        Assert.Equal(("/media/originals/plain.jpg", 800), (photos.CardOf(plain)!.Url, photos.CardOf(plain)!.Width));
        Assert.Null(photos.CardOf(-1));
    }
}
