using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GuongSang.Content.Tests;

public class HistoryTests
{
    private static async Task<int> AddExemplarAsync(TestDatabase test, string actor = "nguoi-nhap")
    {
        await using var db = test.Open(actor);
        var now = DateTime.UtcNow;
        var exemplar = new Exemplar
        {
            Agency = new Agency { Code = "SGD", Name = "Sở Giáo dục", Key = "so giao duc", CreatedAt = now },
            Movement = new Movement { Name = "Dạy tốt - Học tốt", Slug = "day-tot-hoc-tot", CreatedAt = now, UpdatedAt = now },
            Code = "A-1", Name = "Nguyễn Văn A", Slug = "nguyen-van-a", NameKey = "nguyen van a", Kind = ExemplarKind.Individual,
            Status = ContentStatus.Published, CreatedAt = now, UpdatedAt = now,
            Recognitions = [new Recognition { Award = "Giấy khen", DecisionNumber = "1/QĐ-UBND" }],
        };
        db.Exemplars.Add(exemplar);
        await db.SaveChangesAsync();
        return exemplar.Id;
    }

    [Fact]
    public async Task Saving_content_without_an_author_fails()
    {
        await using var test = await TestDatabase.CreateAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => AddExemplarAsync(test, actor: null!));
    }

    [Fact]
    public async Task An_agency_rename_is_logged_for_the_indexer_and_its_key_is_recorded_as_changed_never_by_value()
    {
        await using var test = await TestDatabase.CreateAsync();
        await AddExemplarAsync(test);
        await using (var db = test.Open("quan-tri"))
        {
            var agency = await db.Agencies.AsTracking().SingleAsync();
            agency.Name = "Sở Giáo dục và Đào tạo";
            agency.ApiKeyHash = "bam-bi-mat-0123456789";
            await db.SaveChangesAsync();
        }
        await using var check = test.Open("doc");
        var agencyId = await check.Agencies.Select(a => a.Id).SingleAsync();
        var revision = await check.Revisions.SingleAsync(r => r.EntityType == "Agency" && r.EntityId == agencyId && r.Action == "updated");
        Assert.Equal("quan-tri", revision.Author);
        var changes = System.Text.Json.JsonDocument.Parse(revision.Changes).RootElement;
        Assert.Equal("Sở Giáo dục và Đào tạo", changes.GetProperty("Name").GetProperty("to").GetString());
        Assert.True(changes.GetProperty("ApiKeyHash").GetProperty("changed").GetBoolean());
        Assert.DoesNotContain("bam-bi-mat", revision.Changes);
        Assert.Equal(2, await check.ContentChanges.CountAsync(c => c.EntityType == "Agency" && c.EntityId == agencyId));
    }

    [Fact]
    public async Task A_private_contact_change_is_recorded_as_changed_never_by_value()
    {
        await using var test = await TestDatabase.CreateAsync();
        var id = await AddExemplarAsync(test);
        await using (var db = test.Open("nhap-lieu"))
        {
            (await db.Exemplars.AsTracking().SingleAsync()).PrivateContact = "0903 555 111";
            await db.SaveChangesAsync();
        }
        await using var check = test.Open("doc");
        var revision = await check.Revisions.Where(r => r.EntityType == "Exemplar" && r.EntityId == id).OrderBy(r => r.Id).LastAsync();
        Assert.Equal("{\"PrivateContact\":{\"changed\":true}}", revision.Changes);
    }

    [Fact]
    public async Task Migration_scrubs_private_contacts_from_revisions_and_flags_and_gives_imported_articles_their_agency()
    {
        await using var test = await TestDatabase.CreateAsync();
        var id = await AddExemplarAsync(test);
        await using (var db = test.Open("nhap-lieu"))
        {
            var exemplar = await db.Exemplars.SingleAsync();
            var now = DateTime.UtcNow;
            db.Articles.Add(new Article { Title = "Bài đã nhập", Slug = "bai-da-nhap", CreatedAt = now, UpdatedAt = now, Exemplars = [new ArticleExemplar { ExemplarId = id }] });
            db.Articles.Add(new Article { Title = "Bài không gắn gương", Slug = "bai-khong-gan", CreatedAt = now, UpdatedAt = now });
            db.ImportFlags.Add(new ImportFlag { AgencyId = exemplar.AgencyId, Code = "F-1", Name = "Nguyễn Văn A", Reason = "trùng", Row = "{}", CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync();
            // As a data folder written before the scrub holds them.
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Revisions\" SET \"Changes\" = {0} WHERE \"EntityType\" = 'Exemplar'",
                "{\"Name\":{\"to\":\"Nguyễn Văn A\"},\"PrivateContact\":{\"from\":null,\"to\":\"0903 555 111\"}}");
            await db.Database.ExecuteSqlRawAsync("UPDATE \"ImportFlags\" SET \"Row\" = {0}",
                "{\"code\":\"F-1\",\"privateContact\":\"0903 555 222\",\"name\":\"Nguyễn Văn A\"}");
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("20261123105336_ImportFlags");
            await migrator.MigrateAsync();
        }

        await using var check = test.Open("doc");
        var revisions = await check.Revisions.Where(r => r.EntityType == "Exemplar").Select(r => r.Changes).ToListAsync();
        Assert.NotEmpty(revisions);
        Assert.All(revisions, r => Assert.Equal("{\"Name\":{\"to\":\"Nguyễn Văn A\"},\"PrivateContact\":{\"changed\":true}}", r));
        var row = System.Text.Json.JsonDocument.Parse(await check.ImportFlags.Select(f => f.Row).SingleAsync()).RootElement;
        Assert.False(row.TryGetProperty("privateContact", out _));
        Assert.Equal("F-1", row.GetProperty("code").GetString());
        var agencyId = await check.Agencies.Select(a => a.Id).SingleAsync();
        var articles = await check.Articles.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([("Bài đã nhập", (int?)agencyId), ("Bài không gắn gương", null)], articles.Select(a => (a.Title, a.AgencyId)));
    }

    [Fact]
    public async Task Migration_gives_imported_articles_the_document_they_came_from()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using (var db = test.Open("nhap-lieu"))
        {
            var now = DateTime.UtcNow;
            foreach (var (slug, source) in new[] { ("trong-goi", "goi quy 2.zip › bai/son.md"), ("rieng", "son-2.md"), ("hai-tang", "a.zip › b.zip › c/d.md"), ("tay", null) })
                db.Articles.Add(new Article { Title = slug, Slug = slug, SourceFile = source, CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync();
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("20261129140633_StaffAccountsTokensAudit");
            await migrator.MigrateAsync();
        }

        await using var check = test.Open("doc");
        var documents = await check.Articles.OrderBy(a => a.Id).Select(a => a.SourceDocument).ToListAsync();
        Assert.Equal(["bai/son.md", "son-2.md", "c/d.md", null], documents);
    }

    [Fact]
    public async Task Creating_records_a_revision_with_its_author_and_a_change_for_the_indexer()
    {
        await using var test = await TestDatabase.CreateAsync();
        var id = await AddExemplarAsync(test);
        await using var db = test.Open("doc");
        var revision = await db.Revisions.SingleAsync(r => r.EntityType == "Exemplar" && r.EntityId == id);
        Assert.Equal("nguoi-nhap", revision.Author);
        Assert.Equal("created", revision.Action);
        Assert.Contains("Nguyễn Văn A", System.Text.Json.JsonDocument.Parse(revision.Changes).RootElement.GetProperty("Name").GetProperty("to").GetString());
        Assert.Single(await db.ContentChanges.Where(c => c.EntityType == "Exemplar" && c.EntityId == id).ToListAsync());
    }

    [Fact]
    public async Task An_update_records_what_changed_from_what_to_what_and_bumps_UpdatedAt()
    {
        await using var test = await TestDatabase.CreateAsync();
        var id = await AddExemplarAsync(test);
        DateTime before;
        await using (var db = test.Open("bien-tap-vien"))
        {
            var exemplar = await db.Exemplars.AsTracking().SingleAsync(e => e.Id == id);
            before = exemplar.UpdatedAt;
            exemplar.Summary = "Tóm tắt mới";
            await db.SaveChangesAsync();
        }
        await using var check = test.Open("doc");
        var revision = await check.Revisions.Where(r => r.EntityId == id && r.Action == "updated").SingleAsync();
        Assert.Equal("bien-tap-vien", revision.Author);
        var summary = System.Text.Json.JsonDocument.Parse(revision.Changes).RootElement.GetProperty("Summary");
        Assert.Equal("", summary.GetProperty("from").GetString());
        Assert.Equal("Tóm tắt mới", summary.GetProperty("to").GetString());
        Assert.True((await check.Exemplars.SingleAsync(e => e.Id == id)).UpdatedAt >= before);
        Assert.Equal(2, await check.ContentChanges.CountAsync(c => c.EntityId == id && c.EntityType == "Exemplar"));
    }

    [Fact]
    public async Task Saving_unchanged_content_records_nothing()
    {
        await using var test = await TestDatabase.CreateAsync();
        var id = await AddExemplarAsync(test);
        await using (var db = test.Open("bien-tap-vien"))
        {
            var exemplar = await db.Exemplars.AsTracking().SingleAsync(e => e.Id == id);
            exemplar.Summary = exemplar.Summary;
            await db.SaveChangesAsync();
        }
        await using var check = test.Open("doc");
        Assert.Equal(1, await check.Revisions.CountAsync(r => r.EntityId == id && r.EntityType == "Exemplar"));
    }

    [Fact]
    public async Task A_changed_recognition_is_a_change_of_its_exemplar()
    {
        await using var test = await TestDatabase.CreateAsync();
        var id = await AddExemplarAsync(test);
        await using (var db = test.Open("bien-tap-vien"))
        {
            var recognition = await db.Recognitions.AsTracking().SingleAsync(r => r.ExemplarId == id);
            recognition.DecisionNumber = "2/QĐ-UBND";
            await db.SaveChangesAsync();
        }
        await using var check = test.Open("doc");
        Assert.Equal(2, await check.ContentChanges.CountAsync(c => c.EntityType == "Exemplar" && c.EntityId == id));
        var revision = await check.Revisions.Where(r => r.EntityId == id && r.Action == "updated").SingleAsync();
        Assert.Contains("Recognition[]", revision.Changes);
    }

    [Fact]
    public async Task Times_come_back_as_UTC()
    {
        await using var test = await TestDatabase.CreateAsync();
        var id = await AddExemplarAsync(test);
        await using var db = test.Open("doc");
        Assert.Equal(DateTimeKind.Utc, (await db.Exemplars.SingleAsync(e => e.Id == id)).CreatedAt.Kind);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_large_save_records_one_revision_and_one_change_per_owner_with_the_clock_time(bool synchronous)
    {
        await using var test = await TestDatabase.CreateAsync();
        var at = new DateTime(2026, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc).AddTicks(1234);
        await using (var db = test.Open("nhap-lieu"))
        {
            db.Clock = new FixedClock(at);
            var agency = new Agency { Code = "SGD", Name = "Sở Giáo dục", Key = "so giao duc", CreatedAt = at };
            var movement = new Movement { Name = "Dạy tốt", Slug = "day-tot", CreatedAt = at, UpdatedAt = at };
            for (var i = 0; i < 250; i++)
            {
                db.Exemplars.Add(new Exemplar
                {
                    Agency = agency, Movement = movement, Code = "A-" + i, Name = "Người " + i, Slug = "nguoi-" + i, NameKey = "nguoi " + i,
                    Kind = ExemplarKind.Individual, Status = ContentStatus.Published, CreatedAt = at, UpdatedAt = at,
                });
            }
            if (synchronous) db.SaveChanges();
            else await db.SaveChangesAsync();
        }
        await using var check = test.Open("doc");
        var revisions = await check.Revisions.Where(r => r.EntityType == "Exemplar").ToListAsync();
        var changes = await check.ContentChanges.Where(c => c.EntityType == "Exemplar").OrderBy(c => c.Id).ToListAsync();
        var ids = await check.Exemplars.Select(e => e.Id).ToListAsync();
        Assert.Equal(250, revisions.Count);
        Assert.Equal(ids.Order(), revisions.Select(r => r.EntityId).Order());
        Assert.Equal(ids.Order(), changes.Select(c => c.EntityId).Order());
        Assert.All(revisions, r => Assert.Equal(("nhap-lieu", "created", at, DateTimeKind.Utc), (r.Author, r.Action, r.At, r.At.Kind)));
        Assert.All(changes, c => Assert.Equal((false, at), (c.Deleted, c.At)));
        Assert.Equal("Người 7", System.Text.Json.JsonDocument.Parse(revisions.Single(r => r.EntityId == ids.Min() + 7).Changes)
            .RootElement.GetProperty("Name").GetProperty("to").GetString());
    }

    private sealed class FixedClock(DateTime at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(at);
    }
}

public class LocalityMatcherTests
{
    [Theory]
    [InlineData("xã Ia Tul, huyện Ia Pa, tỉnh Gia Lai", "Tỉnh Gia Lai", "Tỉnh Gia Lai")]
    [InlineData("xã Long Hương, thành phố Bà Rịa, tỉnh Bà Rịa - Vũng Tàu", "Tỉnh Bà Rịa - Vũng Tàu", "Thành phố Hồ Chí Minh")]
    [InlineData("tỉnh BR-VT", "Tỉnh Bà Rịa - Vũng Tàu", "Thành phố Hồ Chí Minh")]
    [InlineData("Phường 5, Quận 3, TP.HCM", "Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh")]
    [InlineData("xã Ea Kao, TP. Buôn Ma Thuột, Đắk Lắk", "Tỉnh Đắk Lắk", "Tỉnh Đắk Lắk")]
    [InlineData("huyện Phú Vang, tỉnh Thừa Thiên Huế", "Tỉnh Thừa Thiên Huế", "Thành phố Huế")]
    [InlineData("thị xã Dĩ An, tỉnh Bình Dương", "Tỉnh Bình Dương", "Thành phố Hồ Chí Minh")]
    public async Task Addresses_map_to_the_province_as_written_and_today(string address, string asWritten, string today)
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.Open("doc");
        var matcher = new LocalityMatcher(await db.Localities.ToListAsync());
        var (written, current) = matcher.Match(address);
        Assert.Equal(asWritten, written?.Name);
        Assert.Equal(today, current?.Name);
    }

    [Fact]
    public async Task An_address_without_a_province_matches_nothing()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.Open("doc");
        var matcher = new LocalityMatcher(await db.Localities.ToListAsync());
        Assert.Equal((null, null), matcher.Match("thôn 3, xã Hòa Phú"));
    }
}
