using GuongSang.Content.Markdown;
using GuongSang.Tests;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import.Tests;

/// <summary>
/// The agencies' own samples (shared/fixtures), as an extra on top of the project's samples: each
/// file has the outcome its README names. Skipped where the folder is absent.
/// </summary>
public class SharedFixtureTests
{
    private static readonly string[] PrivateData = ["077091004321", "0933 222 111", "0933222111", "0912345678", "0908 111 222", "0254 3 888 999"];

    [FixtureFact]
    public async Task Department_list_and_its_package_import_the_six_approved_rows_with_photos_article_and_no_private_data()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var list = (await bed.ImportAsync(bed.Fixture("so-giao-duc-2025-q2.xlsx"))).Single();
        Assert.Equal(FileStatus.Imported, list.Status);
        Assert.Equal(6, list.Count(RowOutcome.Created));
        Assert.Equal("SGDDT-2025Q2-006", Assert.Single(list.Rows, r => r.Outcome == RowOutcome.Skipped).Code);
        Assert.Equal("1456/QĐ-UBND", await DecisionOfAsync(bed, "SGDDT-2025Q2-002"));

        var package = (await bed.ImportAsync(bed.Fixture("so-giao-duc-2025-q2-goi-ho-so.zip"))).Single();
        Assert.Equal(FileStatus.Imported, package.Status);
        Assert.Equal(6, package.Count(RowOutcome.Unchanged) + package.Count(RowOutcome.Updated));
        Assert.Equal(RowOutcome.Created, package.Rows.Single(r => r.Kind == "article").Outcome);

        await using var db = bed.OpenDb();
        Assert.Equal(3, await db.Media.CountAsync());
        Assert.Equal(6, await db.Exemplars.CountAsync());
        var publicText = await SampleImportTests.AllPublicTextAsync(bed);
        foreach (var secret in PrivateData) Assert.DoesNotContain(secret, publicText, StringComparison.Ordinal);
        var html = new MarkdownRenderer().ToHtml((await db.Articles.SingleAsync()).Body);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string?> DecisionOfAsync(ImportTestBed bed, string code)
    {
        await using var db = bed.OpenDb();
        return (await db.Exemplars.Include(e => e.Recognitions).SingleAsync(e => e.Code == code)).Recognitions.Single().DecisionNumber;
    }

    [FixtureFact]
    public async Task District_csv_then_its_nfd_json_give_three_exemplars_once()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var csv = (await bed.ImportAsync(bed.Fixture("ia-pa-2024-q2.csv"))).Single();
        Assert.Equal(3, csv.Count(RowOutcome.Created));
        Assert.Equal("IAPA-2024Q2-04", Assert.Single(csv.Rows, r => r.Outcome == RowOutcome.Skipped).Code);
        var json = (await bed.ImportAsync(bed.Fixture("ia-pa-2024-q2-nfd.json"))).Single();
        Assert.Equal(3, json.Count(RowOutcome.Unchanged));
    }

    [FixtureFact]
    public async Task Tcvn3_and_windows_1258_lists_give_the_same_two_exemplars()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var tcvn = (await bed.ImportAsync(bed.Fixture("van-hoa-2023-tcvn3.csv"))).Single();
        Assert.Equal(("TCVN3 (ABC)", 2), (tcvn.Encoding, tcvn.Count(RowOutcome.Created)));
        var cp1258 = (await bed.ImportAsync(bed.Fixture("van-hoa-2023-windows-1258.csv"))).Single();
        Assert.Equal(("Windows-1258", 2), (cp1258.Encoding, cp1258.Count(RowOutcome.Unchanged)));
        await using var db = bed.OpenDb();
        Assert.Equal("Nguyễn Văn Thuận", (await db.Exemplars.SingleAsync(e => e.Code == "VHTT-2023-07")).Name);
    }

    [FixtureTheory]
    [InlineData("hong/file-bi-cat-ngang.xlsx")]
    [InlineData("hong/goi-co-duong-dan-ra-ngoai.zip")]
    [InlineData("hong/anh-gia.jpg")]
    [InlineData("hong/chi-co-tieu-de.csv")]
    public async Task Broken_file_is_rejected_naming_the_file_and_nothing_changes(string fixture)
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var before = await bed.SnapshotAsync();
        var path = bed.Fixture(fixture);
        var file = (await bed.ImportAsync(path)).Single();
        Assert.Equal(FileStatus.Rejected, file.Status);
        Assert.Contains(path, file.Error, StringComparison.Ordinal);
        Assert.Equal(before, await bed.SnapshotAsync());
        Assert.Empty(Directory.EnumerateFiles(bed.Root, "ngoai-thu-muc.txt", SearchOption.AllDirectories));
    }
}
