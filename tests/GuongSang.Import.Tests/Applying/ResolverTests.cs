using GuongSang.Content.Model;
using GuongSang.Import.Applying;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import.Tests.Applying;

public class MovementResolverTests
{
    [Fact]
    public async Task A_movement_is_found_by_an_alias_however_it_is_written()
    {
        await using var bed = await PartsBed.CreateAsync();
        var movements = await MovementResolver.LoadAsync(bed.Context, default);
        var row = new RowReport { Outcome = RowOutcome.Skipped };

        var movement = movements.Resolve("phong trào HIẾN MÁU NHÂN ĐẠO", row);

        Assert.Equal("Hiến máu tình nguyện", movement.Name);
        Assert.Empty(row.Messages);
        Assert.Empty(bed.Report.NewMovements);
    }

    [Fact]
    public async Task A_loosely_written_name_inside_a_longer_one_is_that_movement_and_the_row_says_so()
    {
        await using var bed = await PartsBed.CreateAsync();
        var movements = await MovementResolver.LoadAsync(bed.Context, default);
        var row = new RowReport { Outcome = RowOutcome.Skipped };

        var movement = movements.Resolve("Hiến máu tình nguyện năm 2025", row);

        Assert.Equal("Hiến máu tình nguyện", movement.Name);
        Assert.Equal(["Phong trào \"Hiến máu tình nguyện năm 2025\" được hiểu là \"Hiến máu tình nguyện\""], row.Messages);
    }

    [Fact]
    public async Task An_unknown_movement_is_created_once_for_review_with_a_free_slug()
    {
        await using var bed = await PartsBed.CreateAsync();
        bed.Db.Movements.Add(new Movement { Name = "Ánh sáng cũ", Slug = "anh-sang-lang-que", CreatedAt = bed.Context.Now, UpdatedAt = bed.Context.Now });
        await bed.Db.SaveChangesAsync();
        var movements = await MovementResolver.LoadAsync(bed.Context, default);
        var first = new RowReport { Outcome = RowOutcome.Skipped };
        var second = new RowReport { Outcome = RowOutcome.Skipped };

        var created = movements.Resolve("Ánh sáng làng quê", first);
        var again = movements.Resolve("ÁNH SÁNG LÀNG QUÊ", second);

        Assert.Same(created, again);
        Assert.True(created.NeedsReview);
        Assert.Equal("anh-sang-lang-que-2", created.Slug);
        Assert.Equal(["Ánh sáng làng quê"], bed.Report.NewMovements);
        Assert.Contains(first.Messages, m => m.Contains("đã tạo phong trào mới", StringComparison.Ordinal));
        Assert.Empty(second.Messages);
    }
}

public class AgencyResolverTests
{
    [Fact]
    public async Task A_push_writes_every_row_for_the_keys_agency_and_says_when_the_row_named_another()
    {
        await using var bed = await PartsBed.CreateAsync(new ImportOptions { ForcedAgencyCode = "so-gd" });
        await bed.AgencyAsync("so-gd", "Sở Giáo dục");
        await bed.AgencyAsync("so-yt", "Sở Y tế");
        var agencies = await AgencyResolver.LoadAsync(bed.Context, new GuongSang.Content.Text.LocalityMatcher([]), default);
        var draft = PartsBed.Draft("A-1", agency: "Sở Y tế");

        var agency = agencies.Resolve(draft);

        Assert.Equal("so-gd", agency!.Code);
        Assert.Contains(draft.Report.Messages, m => m.Contains("hồ sơ được ghi cho Sở Giáo dục (chủ khóa API)", StringComparison.Ordinal));
        Assert.Same(agency, agencies.Of(draft));
        Assert.Empty(bed.Report.NewAgencies);
    }

    [Fact]
    public async Task A_push_for_an_agency_that_does_not_exist_rejects_the_file()
    {
        await using var bed = await PartsBed.CreateAsync(new ImportOptions { ForcedAgencyCode = "khong-co" });
        var e = await Assert.ThrowsAsync<Reading.ImportRejectedException>(() => AgencyResolver.LoadAsync(bed.Context, new GuongSang.Content.Text.LocalityMatcher([]), default));
        Assert.Contains("khong-co", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agency_is_known_by_its_folded_name_or_its_code_and_an_unknown_one_is_created_once_for_review()
    {
        await using var bed = await PartsBed.CreateAsync();
        await bed.AgencyAsync("truong-a", "Trường A");
        await bed.AgencyAsync("truong-b", "Trường B cũ");
        var agencies = await AgencyResolver.LoadAsync(bed.Context, new GuongSang.Content.Text.LocalityMatcher([]), default);

        Assert.Equal("truong-a", agencies.Resolve(PartsBed.Draft("A-1", agency: "TRƯỜNG A"))!.Code);
        Assert.Equal("truong-a", agencies.Resolve(PartsBed.Draft("A-2", agency: "truong-a"))!.Code);
        var first = PartsBed.Draft("B-1", agency: "Trường B");
        var created = agencies.Resolve(first)!;
        Assert.Same(created, agencies.Resolve(PartsBed.Draft("B-2", agency: "TRƯỜNG B")));

        Assert.Equal("truong-b-2", created.Code);
        Assert.True(created.NeedsReview);
        Assert.Equal(["Trường B"], bed.Report.NewAgencies);
        Assert.Contains(first.Report.Messages, m => m.Contains("Cơ quan mới \"Trường B\" đã được tạo (mã truong-b-2)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_row_with_no_agency_anywhere_is_rejected_and_the_file_then_speaks_for_no_agency()
    {
        await using var bed = await PartsBed.CreateAsync();
        var agencies = await AgencyResolver.LoadAsync(bed.Context, new GuongSang.Content.Text.LocalityMatcher([]), default);
        var draft = PartsBed.Draft("Q-1");

        Assert.Null(agencies.Resolve(draft));

        Assert.Equal(RowOutcome.Rejected, draft.Report.Outcome);
        Assert.Contains(draft.Report.Messages, m => m.Contains("--agency", StringComparison.Ordinal));
        Assert.Empty(agencies.OfFile(new RowReport { Outcome = RowOutcome.Created }));
        Assert.Equal(0, await bed.Db.Agencies.CountAsync());
    }
}

public class AwardLevelsTests
{
    [Theory]
    [InlineData("Bằng khen", "Thủ tướng Chính phủ", RecognitionLevel.National)]
    [InlineData("Huân chương Lao động hạng Ba", null, RecognitionLevel.National)]
    [InlineData("Bằng khen", "UBND tỉnh Bà Rịa - Vũng Tàu", RecognitionLevel.Province)]
    [InlineData("Giấy khen", "Giám đốc Sở Giáo dục và Đào tạo", RecognitionLevel.Province)]
    [InlineData("Giấy khen", "Chủ tịch UBND huyện Long Điền", RecognitionLevel.District)]
    [InlineData("Giấy khen", "UBND thành phố Vũng Tàu", RecognitionLevel.District)]
    [InlineData("Giấy khen", "UBND xã Long Sơn", RecognitionLevel.Commune)]
    [InlineData("Giấy khen", "UBND phường 7", RecognitionLevel.Commune)]
    [InlineData("Giấy khen", "Công ty TNHH Hòa Bình", RecognitionLevel.Unknown)]
    [InlineData(null, null, RecognitionLevel.Unknown)]
    public void The_highest_level_named_in_the_award_or_issuer_wins(string? award, string? issuer, RecognitionLevel level) =>
        Assert.Equal(level, AwardLevels.Of(award, issuer));

    [Fact]
    public void A_level_is_a_whole_word_not_part_of_one() =>
        Assert.Equal(RecognitionLevel.Unknown, AwardLevels.Of("Giấy khen", "Hội Chữ thập đỏ Xanh Sông"));
}
