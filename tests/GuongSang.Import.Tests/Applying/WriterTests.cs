using GuongSang.Content.Model;
using GuongSang.Content.Text;
using GuongSang.Import.Applying;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import.Tests.Applying;

public class DuplicateFinderTests
{
    private static async Task<(PartsBed Bed, Agency A, Agency B, Movement Movement)> StoredAsync(string decision = "99/QĐ-UBND")
    {
        var bed = await PartsBed.CreateAsync();
        var a = await bed.AgencyAsync("truong-a", "Trường A");
        var b = await bed.AgencyAsync("phong-b", "Phòng B");
        var movement = await bed.Db.Movements.AsTracking().SingleAsync(m => m.Name == "Dạy tốt - Học tốt");
        bed.Db.Exemplars.Add(new Exemplar
        {
            Agency = a, Code = "A-1", Name = "Nguyễn Văn An", NameKey = VietnameseText.Key("Nguyễn Văn An"), Slug = "nguyen-van-an", BirthYear = 1980,
            Movement = movement, CreatedAt = bed.Context.Now, UpdatedAt = bed.Context.Now,
            Recognitions = [new Recognition { Award = "Giấy khen", DecisionNumber = decision }],
        });
        await bed.Db.SaveChangesAsync();
        return (bed, a, b, movement);
    }

    [Fact]
    public async Task Another_agencys_exemplar_with_the_folded_name_birth_year_and_movement_is_a_duplicate_but_never_ones_own()
    {
        var (bed, a, b, movement) = await StoredAsync();
        await using var _ = bed;
        var fromB = PartsBed.Draft("B-1", name: "NGUYEN VAN AN");
        var fromA = PartsBed.Draft("A-9", name: "Nguyễn Văn An");
        var otherYear = PartsBed.Draft("B-2", name: "Nguyễn Văn An", birthYear: 1990);
        var finder = new DuplicateFinder(bed.Context);
        await finder.LoadCandidatesAsync([fromB, fromA, otherYear], default);

        var duplicate = finder.Find(fromB, b, movement);

        Assert.Equal(("A-1", "Trường A", "cùng tên, năm sinh và phong trào"), (duplicate!.Code, duplicate.AgencyName, duplicate.Reason));
        Assert.Null(finder.Find(fromA, a, movement));
        Assert.Null(finder.Find(otherYear, b, movement));
    }

    [Fact]
    public async Task The_same_name_and_decision_number_is_a_duplicate_in_another_movement()
    {
        var (bed, _, b, _) = await StoredAsync();
        await using var __ = bed;
        var other = await bed.Db.Movements.AsTracking().SingleAsync(m => m.Name == "Hiến máu tình nguyện");
        var draft = PartsBed.Draft("B-1", birthYear: null, decision: "99/QĐ-UBND");
        var finder = new DuplicateFinder(bed.Context);
        await finder.LoadCandidatesAsync([draft], default);

        Assert.Equal("cùng tên và số quyết định 99/QĐ-UBND", finder.Find(draft, b, other)!.Reason);
        Assert.Null(finder.Find(PartsBed.Draft("B-2", birthYear: null, decision: "7/QĐ-X"), b, other));
    }

    [Fact]
    public async Task A_row_is_compared_with_another_agencys_exemplar_created_earlier_in_the_same_file()
    {
        var (bed, a, b, movement) = await StoredAsync();
        await using var _ = bed;
        var finder = new DuplicateFinder(bed.Context);
        var earlier = new Exemplar { Agency = a, Code = "A-2", Name = "Trần Thị Bình", NameKey = VietnameseText.Key("Trần Thị Bình"), Slug = "tran-thi-binh", BirthYear = 1975, Movement = movement };
        finder.Created(earlier, null);

        Assert.Equal("A-2", finder.Find(PartsBed.Draft("B-5", name: "Tran Thi Binh", birthYear: 1975), b, movement)!.Code);
        Assert.Null(finder.Find(PartsBed.Draft("A-3", name: "Tran Thi Binh", birthYear: 1975), a, movement));
    }
}

public class ExemplarWriterTests
{
    [Fact]
    public async Task A_stored_exemplar_is_updated_only_where_the_row_differs_and_the_row_names_those_fields()
    {
        await using var bed = await PartsBed.CreateAsync();
        var agency = await bed.AgencyAsync("truong-a", "Trường A");
        var movement = await bed.Db.Movements.AsTracking().SingleAsync(m => m.Name == "Dạy tốt - Học tốt");
        var writer = new ExemplarWriter(bed.Context, new LocalityMatcher([]));
        var first = PartsBed.Draft("A-1", summary: "Dạy giỏi");
        writer.Write(first, agency, movement, [], out var created);
        await bed.Db.SaveChangesAsync();

        var again = new ExemplarWriter(bed.Context, new LocalityMatcher([]));
        var same = PartsBed.Draft("a-1", summary: "Dạy giỏi");
        var changed = PartsBed.Draft("A-1", summary: "Dạy giỏi nhiều năm", birthYear: 1981);
        await again.LoadStoredAsync([(same, agency), (changed, agency)], default);
        again.Write(same, agency, movement, [], out var sameCreated);
        var exemplar = again.Write(changed, agency, movement, [], out _);

        Assert.True(created);
        Assert.Equal(RowOutcome.Created, first.Report.Outcome);
        Assert.False(sameCreated);
        Assert.Equal(RowOutcome.Unchanged, same.Report.Outcome);
        Assert.Equal(RowOutcome.Updated, changed.Report.Outcome);
        Assert.Equal(["Đã cập nhật: Năm sinh, Tóm tắt thành tích"], changed.Report.Messages);
        Assert.Equal(("Dạy giỏi nhiều năm", 1981), (exemplar.Summary, exemplar.BirthYear));
        Assert.Equal(1, await bed.Db.Exemplars.CountAsync());
    }

    [Fact]
    public async Task The_recognition_level_is_ranked_from_the_award_and_issuer()
    {
        await using var bed = await PartsBed.CreateAsync();
        var agency = await bed.AgencyAsync("truong-a", "Trường A");
        var movement = await bed.Db.Movements.AsTracking().SingleAsync(m => m.Name == "Dạy tốt - Học tốt");
        var draft = new ExemplarDraft
        {
            Report = new RowReport { Outcome = RowOutcome.Skipped }, Code = "A-1", Kind = ExemplarKind.Individual, Name = "Nguyễn Văn An",
            MovementName = movement.Name, Award = "Bằng khen", Issuer = "Chủ tịch UBND tỉnh", SourceFile = "ds.csv", SourceRow = 2,
        };

        var exemplar = new ExemplarWriter(bed.Context, new LocalityMatcher([])).Write(draft, agency, movement, [], out _);

        Assert.Equal(RecognitionLevel.Province, Assert.Single(exemplar.Recognitions).Level);
    }
}
