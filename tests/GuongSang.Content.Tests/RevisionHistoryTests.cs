using System.Text.Json;
using GuongSang.Content.Accounts;
using GuongSang.Content.History;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Content.Tests;

/// <summary>Revisions of an exemplar: list, state as of a revision, word diff, restore — on a real SQLite file.</summary>
public class RevisionHistoryTests
{
    private const string Secret = "0903 555 111";

    private static RevisionHistory History(GuongSangDb db) => new(db, new AuditLog(db, db.Actor!));

    /// <summary>An exemplar with one recognition (revision 1), then edited: summary, recognition, a second one, private contact (revision 2).</summary>
    private static async Task<int> ExemplarWithTwoRevisionsAsync(TestDatabase test, ContentStatus status = ContentStatus.Draft)
    {
        int id;
        await using (var db = test.Open("nguoi-viet"))
        {
            var now = DateTime.UtcNow;
            var exemplar = new Exemplar
            {
                Agency = new Agency { Code = "SGD", Name = "Sở Giáo dục", Key = "so giao duc", CreatedAt = now },
                Movement = new Movement { Name = "Dạy tốt - Học tốt", Slug = "day-tot-hoc-tot", CreatedAt = now, UpdatedAt = now },
                Code = "A-1", Name = "Nguyễn Văn An", Slug = "nguyen-van-an", NameKey = "nguyen van an", Kind = ExemplarKind.Individual,
                Status = status, CreatedAt = now, UpdatedAt = now, Summary = "Cô giáo vùng cao dạy học trò người Mông.",
                Recognitions = [new Recognition { Award = "Giấy khen", DecisionNumber = "1/QĐ-UBND", Level = RecognitionLevel.District }],
            };
            db.Exemplars.Add(exemplar);
            await db.SaveChangesAsync();
            id = exemplar.Id;
        }
        await using (var db = test.Open("bien-tap"))
        {
            var exemplar = await db.Exemplars.AsTracking().Include(e => e.Recognitions).SingleAsync(e => e.Id == id);
            exemplar.Name = "Nguyễn Văn Ân";
            exemplar.Summary = "Thầy giáo vùng cao dạy học trò người Dao.";
            exemplar.PrivateContact = Secret;
            exemplar.Recognitions[0].DecisionNumber = "2/QĐ-UBND";
            exemplar.Recognitions.Add(new Recognition { Award = "Bằng khen", DecisionNumber = "3/QĐ-TTg", Level = RecognitionLevel.National });
            exemplar.Status = ContentStatus.InReview;
            await db.SaveChangesAsync();
        }
        return id;
    }

    [Fact]
    public async Task A_child_change_records_the_childs_values()
    {
        await using var test = await TestDatabase.CreateAsync();
        var id = await ExemplarWithTwoRevisionsAsync(test);
        await using var db = test.Open("doc");
        var revisions = await db.Revisions.Where(r => r.EntityType == "Exemplar" && r.EntityId == id).OrderBy(r => r.Id).ToListAsync();
        var recognitionId = await db.Recognitions.Where(r => r.ExemplarId == id).MinAsync(r => r.Id);

        var created = JsonDocument.Parse(revisions[0].Changes).RootElement.GetProperty("Recognition[]").EnumerateArray().Single();
        Assert.Equal(("added", recognitionId, "Giấy khen", "1/QĐ-UBND"),
            (created.GetProperty("op").GetString(), created.GetProperty("id").GetInt32(), created.GetProperty("award").GetString(),
             created.GetProperty("decisionNumber").GetString()));
        Assert.False(created.TryGetProperty("exemplarId", out _));

        var edited = JsonDocument.Parse(revisions[1].Changes).RootElement.GetProperty("Recognition[]").EnumerateArray().ToList();
        var modified = edited.Single(o => o.GetProperty("op").GetString() == "modified");
        Assert.Equal("2/QĐ-UBND", modified.GetProperty("decisionNumber").GetString());
        Assert.Equal("1/QĐ-UBND", modified.GetProperty("from").GetProperty("decisionNumber").GetString());
        Assert.Equal("Bằng khen", edited.Single(o => o.GetProperty("op").GetString() == "added").GetProperty("award").GetString());
    }

    [Fact]
    public async Task The_list_names_changed_fields_in_vietnamese_and_a_private_one_only_as_changed()
    {
        await using var test = await TestDatabase.CreateAsync();
        var id = await ExemplarWithTwoRevisionsAsync(test);
        await using var db = test.Open("doc");
        var list = await History(db).ListAsync("Exemplar", id);

        Assert.Equal([(1, "nguoi-viet", "Tạo mới"), (2, "bien-tap", "Sửa")], list.Select(r => (r.Number, r.Author, r.ActionName)));
        Assert.Contains("Tóm tắt", list[1].Fields);
        Assert.Contains("Khen thưởng", list[1].Fields);
        Assert.Contains("Trạng thái", list[1].Fields);
        Assert.Contains("Liên hệ riêng: đã thay đổi (trường riêng tư)", list[1].Fields);
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(list));
    }

    [Fact]
    public async Task A_word_diff_keeps_vietnamese_words_whole()
    {
        Assert.Equal(
            [new("equal", "Nguyễn Văn "), new("delete", "An"), new("insert", "Ân"), new("equal", ", giáo viên.")],
            RevisionHistory.Words("Nguyễn Văn An, giáo viên.", "Nguyễn Văn Ân, giáo viên."));
        // Decomposed tone marks (NFD) are part of their word too.
        static string Nfd(string s) => s.Normalize(System.Text.NormalizationForm.FormD);
        Assert.Equal([new("delete", Nfd("Thầy")), new("insert", Nfd("Cô")), new("equal", Nfd(" giáo"))], RevisionHistory.Words(Nfd("Thầy giáo"), Nfd("Cô giáo")));
        // Words changed side by side read as one change, not word, space, word.
        Assert.Equal([new("delete", "Bản nháp"), new("insert", "Chờ duyệt")], RevisionHistory.Words("Bản nháp", "Chờ duyệt"));
    }

    [Fact]
    public async Task A_diff_of_two_revisions_shows_changed_words_and_recognitions_and_the_private_field_only_as_changed()
    {
        await using var test = await TestDatabase.CreateAsync();
        var id = await ExemplarWithTwoRevisionsAsync(test);
        await using var db = test.Open("doc");
        var exemplar = await db.Exemplars.SingleAsync(e => e.Id == id);
        var revisions = await History(db).ListAsync("Exemplar", id);

        // Asked newer → older, shown older → newer.
        var diff = (await History(db).DiffAsync(exemplar, revisions[1].Id, revisions[0].Id))!;
        Assert.Equal((1, 2), (diff.From.Number, diff.To.Number));
        var summary = diff.Fields.Single(f => f.Field == "Summary");
        Assert.Equal("Tóm tắt", summary.Label);
        Assert.Equal(
            [new("delete", "Cô"), new("insert", "Thầy"), new("equal", " giáo vùng cao dạy học trò người "), new("delete", "Mông"), new("insert", "Dao"), new("equal", ".")],
            summary.Pieces);
        var recognitions = diff.Fields.Single(f => f.Field == "Recognition[]");
        Assert.Contains(new DiffPiece("delete", "1"), recognitions.Pieces);
        Assert.Contains(recognitions.Pieces, p => p.Op == "insert" && p.Text.Contains("Bằng khen", StringComparison.Ordinal));
        Assert.Equal("Chờ duyệt", string.Concat(diff.Fields.Single(f => f.Field == "Status").Pieces.Where(p => p.Op == "insert").Select(p => p.Text)));
        var contact = diff.Fields.Single(f => f.Field == "PrivateContact");
        Assert.Equal((RevisionHistory.PrivateChanged, 0), (contact.Note, contact.Pieces.Count));
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(diff));
    }

    [Fact]
    public async Task Restoring_brings_back_content_and_recognitions_in_a_new_revision_never_the_private_contact_nor_the_status()
    {
        await using var test = await TestDatabase.CreateAsync();
        var id = await ExemplarWithTwoRevisionsAsync(test);
        RestoreResult result;
        await using (var db = test.Open("bien-tap"))
        {
            var exemplar = await db.Exemplars.AsTracking().SingleAsync(e => e.Id == id);
            var first = (await History(db).ListAsync("Exemplar", id))[0];
            result = await History(db).RestoreAsync(exemplar, first.Id, exemplar.Version, correction: null);
            Assert.Equal((RestoreOutcome.Restored, null), (result.Outcome, result.Error));
        }
        await using var check = test.Open("doc");
        var restored = await check.Exemplars.Include(e => e.Recognitions).SingleAsync(e => e.Id == id);
        Assert.Equal(("Nguyễn Văn An", "nguyen van an", "Cô giáo vùng cao dạy học trò người Mông."), (restored.Name, restored.NameKey, restored.Summary));
        Assert.Equal([("Giấy khen", "1/QĐ-UBND", RecognitionLevel.District)], restored.Recognitions.Select(r => (r.Award, r.DecisionNumber, r.Level)));
        Assert.Equal((Secret, ContentStatus.InReview), (restored.PrivateContact, restored.Status));
        Assert.Equal(restored.Version, result.Version);
        Assert.Empty(result.KeptAsIs);

        var revisions = await check.Revisions.Where(r => r.EntityType == "Exemplar" && r.EntityId == id).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(3, revisions.Count);
        Assert.Equal("bien-tap", revisions[2].Author);
        Assert.DoesNotContain("PrivateContact", revisions[2].Changes);
        var entry = await check.AuditEntries.SingleAsync(a => a.Action == AuditActions.RevisionRestored);
        Assert.Equal(("bien-tap", $"exemplar:{id}"), (entry.Actor, entry.Target));
        Assert.Contains($"\"revision\":{revisions[0].Id}", entry.Detail);
    }

    [Fact]
    public async Task A_restore_from_an_older_version_is_refused_as_a_conflict_and_changes_nothing()
    {
        await using var test = await TestDatabase.CreateAsync();
        var id = await ExemplarWithTwoRevisionsAsync(test);
        await using var db = test.Open("bien-tap");
        var exemplar = await db.Exemplars.AsTracking().SingleAsync(e => e.Id == id);
        var first = (await History(db).ListAsync("Exemplar", id))[0];

        var stale = await History(db).RestoreAsync(exemplar, first.Id, exemplar.Version - 1, null);
        Assert.Equal((RestoreOutcome.Conflict, RestoreResult.ConflictMessage), (stale.Outcome, stale.Error));

        // Someone else saves between loading and restoring: the database refuses the older version.
        await using (var other = test.Open("nguoi-khac"))
        {
            (await other.Exemplars.AsTracking().SingleAsync(e => e.Id == id)).Position = "Hiệu trưởng";
            await other.SaveChangesAsync();
        }
        var loaded = exemplar.Version;
        var raced = await History(db).RestoreAsync(exemplar, first.Id, loaded, null);
        Assert.Equal(RestoreOutcome.Conflict, raced.Outcome);
        Assert.Equal(loaded + 1, raced.Version);

        await using var check = test.Open("doc");
        Assert.Equal(3, await check.Revisions.CountAsync(r => r.EntityType == "Exemplar" && r.EntityId == id));
        Assert.Equal("Nguyễn Văn Ân", (await check.Exemplars.SingleAsync(e => e.Id == id)).Name);
        Assert.False(await check.AuditEntries.AnyAsync(a => a.Action == AuditActions.RevisionRestored));
    }

    [Fact]
    public async Task Restoring_a_published_item_is_a_correction_with_a_public_note()
    {
        await using var test = await TestDatabase.CreateAsync();
        var id = await ExemplarWithTwoRevisionsAsync(test, ContentStatus.Published);
        await using (var db = test.Open("bien-tap"))
        {
            (await db.Exemplars.AsTracking().SingleAsync(e => e.Id == id)).Status = ContentStatus.Published;
            await db.SaveChangesAsync();
        }
        await using (var db = test.Open("bien-tap"))
        {
            var exemplar = await db.Exemplars.AsTracking().SingleAsync(e => e.Id == id);
            var first = (await History(db).ListAsync("Exemplar", id))[0];
            var refused = await History(db).RestoreAsync(exemplar, first.Id, exemplar.Version, "  ");
            Assert.Equal(RestoreOutcome.Refused, refused.Outcome);
            Assert.Contains("Hãy nhập lý do cập nhật.", refused.Error);
        }
        await using (var db = test.Open("bien-tap"))
        {
            var exemplar = await db.Exemplars.AsTracking().SingleAsync(e => e.Id == id);
            var first = (await History(db).ListAsync("Exemplar", id))[0];
            Assert.Equal(RestoreOutcome.Restored, (await History(db).RestoreAsync(exemplar, first.Id, exemplar.Version, "sửa lại tên")).Outcome);
        }
        await using var check = test.Open("doc");
        var restored = await check.Exemplars.SingleAsync(e => e.Id == id);
        Assert.Equal(("Nguyễn Văn An", "sửa lại tên", ContentStatus.Published), (restored.Name, restored.CorrectionNote, restored.Status));
        Assert.NotNull(restored.CorrectedAt);
    }

    [Fact]
    public async Task Old_history_without_child_values_restores_the_fields_and_keeps_the_recognitions_as_they_are()
    {
        await using var test = await TestDatabase.CreateAsync();
        var id = await ExemplarWithTwoRevisionsAsync(test);
        await using (var db = test.Open("doc"))
        {
            // As rows written before child values were kept.
            var last = await db.Revisions.Where(r => r.EntityType == "Exemplar" && r.EntityId == id).MaxAsync(r => r.Id);
            var changes = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
                await db.Revisions.Where(r => r.Id == last).Select(r => r.Changes).SingleAsync())!;
            changes["Recognition[]"] = JsonSerializer.SerializeToElement("added");
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Revisions\" SET \"Changes\" = {0} WHERE \"Id\" = {1}", JsonSerializer.Serialize(changes), last);
        }
        await using (var db = test.Open("bien-tap"))
        {
            var exemplar = await db.Exemplars.AsTracking().SingleAsync(e => e.Id == id);
            var revisions = await History(db).ListAsync("Exemplar", id);
            var diff = (await History(db).DiffAsync(exemplar, revisions[0].Id, revisions[1].Id))!;
            Assert.Equal(RevisionHistory.NoOldValues, diff.Fields.Single(f => f.Field == "Recognition[]").Note);
            var result = await History(db).RestoreAsync(exemplar, revisions[0].Id, exemplar.Version, null);
            Assert.Equal(RestoreOutcome.Restored, result.Outcome);
            Assert.Equal(["Khen thưởng"], result.KeptAsIs);
        }
        await using var check = test.Open("doc");
        var restored = await check.Exemplars.Include(e => e.Recognitions).SingleAsync(e => e.Id == id);
        Assert.Equal("Nguyễn Văn An", restored.Name);
        Assert.Equal(["2/QĐ-UBND", "3/QĐ-TTg"], restored.Recognitions.Select(r => r.DecisionNumber).Order());
    }
}
