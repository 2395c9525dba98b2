using System.Text;
using GuongSang.Content.Markdown;
using GuongSang.Content.Model;
using GuongSang.Content.Text;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import.Tests;

/// <summary>Every sample in shared/fixtures, with the outcome the fixtures README names.</summary>
public class FixtureImportTests
{
    private static readonly string[] PrivateData = ["077091004321", "0933 222 111", "0933222111", "0912345678", "0908 111 222", "0254 3 888 999"];

    /// <summary>Every public text of every exemplar, recognition and article, as one string.</summary>
    private static async Task<string> AllPublicTextAsync(ImportTestBed bed)
    {
        await using var db = bed.OpenDb();
        var sb = new StringBuilder();
        foreach (var e in await db.Exemplars.Include(e => e.Recognitions).ToListAsync())
        {
            sb.AppendLine(string.Join('\n', e.Code, e.Name, e.Gender, e.Ethnicity, e.Position, e.AddressAsRecognised, e.Field, e.Summary, e.Body, e.SourceFile));
            foreach (var r in e.Recognitions) sb.AppendLine(string.Join('\n', r.Award, r.DecisionNumber, r.DecisionNumberAsWritten, r.Issuer));
        }
        foreach (var a in await db.Articles.ToListAsync()) sb.AppendLine(a.Title + "\n" + a.Body);
        foreach (var m in await db.Media.ToListAsync()) sb.AppendLine(m.FileName + "\n" + m.AltText);
        return sb.ToString();
    }

    [Fact]
    public async Task Xlsx_imports_the_six_approved_rows_and_skips_the_one_awaiting_appraisal()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var file = (await bed.ImportAsync(bed.Fixture("so-giao-duc-2025-q2.xlsx"))).Single();

        Assert.Equal(FileStatus.Imported, file.Status);
        Assert.Equal(6, file.Count(RowOutcome.Created));
        var skipped = Assert.Single(file.Rows, r => r.Outcome == RowOutcome.Skipped);
        Assert.Equal("SGDDT-2025Q2-006", skipped.Code);
        Assert.Contains(skipped.Messages, m => m.Contains("Chờ thẩm định", StringComparison.Ordinal));
        // Rows are numbered as in Excel: the header is row 4, the first exemplar row 5; the footer is not a row.
        Assert.Equal(5, file.RowFor("SGDDT-2025Q2-001").Row);
        Assert.Equal(7, file.Rows.Count);

        await using var db = bed.OpenDb();
        var exemplars = await db.Exemplars.Include(e => e.Recognitions).Include(e => e.Agency).ToDictionaryAsync(e => e.Code);
        Assert.Equal(6, exemplars.Count);
        Assert.All(exemplars.Values, e =>
        {
            Assert.Equal(ContentStatus.Published, e.Status);
            Assert.NotNull(e.PublishedAt);
            Assert.NotNull(e.ImportedAt);
            Assert.Equal("so-giao-duc-2025-q2.xlsx", e.SourceFile);
            Assert.Equal("Sở Giáo dục và Đào tạo tỉnh Bà Rịa - Vũng Tàu", e.Agency.Name);
        });

        // Decision numbers normalised; every date form read day-first.
        var thcs = exemplars["SGDDT-2025Q2-002"].Recognitions.Single();
        Assert.Equal("1456/QĐ-UBND", thcs.DecisionNumber);
        Assert.Equal("1456 /QĐ-UBND", thcs.DecisionNumberAsWritten);
        Assert.Equal(new DateOnly(2025, 5, 20), thcs.DecisionDate);
        Assert.Equal(new DateOnly(2025, 5, 20), exemplars["SGDDT-2025Q2-001"].Recognitions.Single().DecisionDate);
        Assert.Equal(new DateOnly(2025, 6, 3), exemplars["SGDDT-2025Q2-003"].Recognitions.Single().DecisionDate);
        Assert.Equal(new DateOnly(2025, 6, 2), exemplars["SGDDT-2025Q2-005"].Recognitions.Single().DecisionDate);
        Assert.Equal(new DateOnly(2025, 6, 12), exemplars["SGDDT-2025Q2-007"].Recognitions.Single().DecisionDate);
        Assert.Equal(ExemplarKind.Household, exemplars["SGDDT-2025Q2-003"].Kind);
        Assert.Equal(ExemplarKind.Model, exemplars["SGDDT-2025Q2-004"].Kind);
        Assert.Equal(1984, exemplars["SGDDT-2025Q2-001"].BirthYear);

        // Bà Rịa - Vũng Tàu is part of Hồ Chí Minh City since 1 July 2025; the address stays as written.
        var hanh = exemplars["SGDDT-2025Q2-001"];
        Assert.Equal("phường Long Hương, thành phố Bà Rịa, tỉnh Bà Rịa - Vũng Tàu", hanh.AddressAsRecognised);
        var province = await db.Localities.SingleAsync(l => l.Id == hanh.ProvinceId);
        Assert.True(province.IsCurrent);
        Assert.Contains("Hồ Chí Minh", province.Name, StringComparison.Ordinal);

        // Privacy: the CCCD (row 9 = STT 5) and the phone (row 11 = STT 7) are hidden and reported; the private column is kept for staff only.
        Assert.Contains(new Redaction("Tóm tắt thành tích", "cccd"), file.RowFor("SGDDT-2025Q2-005").Redactions);
        Assert.Contains(new Redaction("Tóm tắt thành tích", "phone"), file.RowFor("SGDDT-2025Q2-007").Redactions);
        Assert.Contains("(CCCD: [đã ẩn])", exemplars["SGDDT-2025Q2-005"].Summary, StringComparison.Ordinal);
        Assert.Contains("Liên hệ gia đình: [đã ẩn].", exemplars["SGDDT-2025Q2-007"].Summary, StringComparison.Ordinal);
        var publicText = await AllPublicTextAsync(bed);
        Assert.All(PrivateData, p => Assert.DoesNotContain(p, publicText, StringComparison.Ordinal));
        Assert.Equal("0908 111 222", hanh.PrivateContact);
        Assert.Equal("0912345678", exemplars["SGDDT-2025Q2-005"].PrivateContact);

        // The movements the agency wrote are the plan's movements: no new ones.
        Assert.Empty(file.NewMovements);
        Assert.Equal(["Sở Giáo dục và Đào tạo tỉnh Bà Rịa - Vũng Tàu"], file.NewAgencies);
        Assert.True((await db.Agencies.SingleAsync()).NeedsReview);
    }

    [Fact]
    public async Task Zip_package_links_photos_and_article_and_keeps_originals_with_web_versions()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var file = (await bed.ImportAsync(bed.Fixture("so-giao-duc-2025-q2-goi-ho-so.zip"))).Single();

        Assert.Equal(FileStatus.Imported, file.Status);
        Assert.Equal(6, file.Count(RowOutcome.Created));
        Assert.Equal(1, file.Count(RowOutcome.Skipped));
        var articleRow = Assert.Single(file.Rows, r => r.Kind == "article");
        Assert.Equal(RowOutcome.Created, articleRow.Outcome);

        await using var db = bed.OpenDb();
        var hanh = await db.Exemplars.Include(e => e.Photos).ThenInclude(p => p.Media).ThenInclude(m => m.Variants).SingleAsync(e => e.Code == "SGDDT-2025Q2-001");
        var photo = Assert.Single(hanh.Photos).Media;
        Assert.Equal("image/jpeg", photo.ContentType);
        Assert.Equal((2400, 1600), (photo.Width, photo.Height));
        Assert.True(File.Exists(bed.Data.Resolve(photo.StoragePath)), "original kept for press download");
        Assert.Equal([480, 960, 1200], photo.Variants.Select(v => v.Width).Order());
        foreach (var variant in photo.Variants)
        {
            var path = bed.Data.Resolve(variant.StoragePath);
            using var image = NetVips.Image.NewFromFile(path);
            Assert.Equal(variant.Width, image.Width);
            Assert.Equal(variant.Height, image.Height);
            Assert.DoesNotContain("exif-data", image.GetFields());
            Assert.StartsWith("media/web/", variant.StoragePath, StringComparison.Ordinal);
        }
        Assert.Equal(3, await db.Media.CountAsync());
        Assert.Equal(3 * 4, bed.MediaFiles().Count());

        var article = await db.Articles.Include(a => a.Exemplars).Include(a => a.Tags).SingleAsync();
        Assert.Equal("Thư viện xanh dưới tán cây", article.Title);
        Assert.Equal(hanh.Id, Assert.Single(article.Exemplars).ExemplarId);
        Assert.Equal(photo.Id, article.CoverMediaId);
        Assert.Contains("(/media/web/", article.Body, StringComparison.Ordinal);
        Assert.Equal(new[] { "giáo dục", "đọc sách", "tiểu học" }.Order(StringComparer.Ordinal), article.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal));
        var html = new MarkdownRenderer().ToHtml(article.Body);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<table", html, StringComparison.Ordinal);
        Assert.Contains("<blockquote", html, StringComparison.Ordinal);
        Assert.Contains("<img", html, StringComparison.Ordinal);

        // The package was unpacked in the work folder only, and the work folder is cleaned.
        Assert.Empty(Directory.Exists(bed.Data.ImportWorkPath) ? Directory.EnumerateFileSystemEntries(bed.Data.ImportWorkPath) : []);

        // Same package again: nothing changes, no new file, no revision.
        var revisions = await db.Revisions.CountAsync();
        var again = (await bed.ImportAsync(bed.Fixture("so-giao-duc-2025-q2-goi-ho-so.zip"))).Single();
        Assert.Equal(6, again.Count(RowOutcome.Unchanged));
        Assert.Equal(RowOutcome.Unchanged, again.Rows.Single(r => r.Kind == "article").Outcome);
        Assert.Equal(revisions, await db.Revisions.CountAsync());
        Assert.Equal(3 * 4, bed.MediaFiles().Count());
    }

    [Fact]
    public async Task Csv_with_other_header_names_is_matched_by_alias_and_skips_the_row_not_proposed()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var file = (await bed.ImportAsync(bed.Fixture("ia-pa-2024-q2.csv"))).Single();

        Assert.Equal(FileStatus.Imported, file.Status);
        Assert.Equal("UTF-8 (BOM)", file.Encoding);
        Assert.Equal(3, file.Count(RowOutcome.Created));
        var skipped = Assert.Single(file.Rows, r => r.Outcome == RowOutcome.Skipped);
        Assert.Equal("IAPA-2024Q2-04", skipped.Code);
        Assert.Contains(skipped.Messages, m => m.Contains("Không đề nghị", StringComparison.Ordinal));

        await using var db = bed.OpenDb();
        var bla = await db.Exemplars.Include(e => e.Recognitions).SingleAsync(e => e.Code == "IAPA-2024Q2-01");
        Assert.Equal("Kpă H'Bla", bla.Name);
        Assert.Equal("Vận động 35 hộ trong buôn bỏ tục tảo hôn;\nthành lập tổ vay vốn xoay vòng giúp 18 hộ thoát nghèo.", bla.Summary);
        Assert.Equal("Chi hội trưởng Chi hội Phụ nữ buôn Tơ Khế", bla.Position);
        Assert.Equal(new DateOnly(2024, 4, 5), bla.Recognitions.Single().DecisionDate);
        Assert.Equal("312/QĐ-UBND", bla.Recognitions.Single().DecisionNumber);
        var province = await db.Localities.SingleAsync(l => l.Id == bla.ProvinceId);
        Assert.Equal("gia-lai", province.Slug);
        Assert.Empty(file.NewMovements);
    }

    [Fact]
    public async Task Nfd_json_after_the_csv_creates_no_duplicates_and_text_is_stored_nfc()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        await bed.ImportAsync(bed.Fixture("ia-pa-2024-q2.csv"));
        var file = (await bed.ImportAsync(bed.Fixture("ia-pa-2024-q2-nfd.json"))).Single();

        Assert.Equal(FileStatus.Imported, file.Status);
        Assert.Equal(3, file.Count(RowOutcome.Unchanged));
        await using var db = bed.OpenDb();
        Assert.Equal(3, await db.Exemplars.CountAsync());
        var kien = await db.Exemplars.SingleAsync(e => e.Code == "IAPA-2024Q2-03");
        Assert.Contains("hòa giải", kien.Summary, StringComparison.Ordinal);
        foreach (var e in await db.Exemplars.ToListAsync())
        {
            Assert.True(e.Name.IsNormalized(NormalizationForm.FormC));
            Assert.True(e.Summary.IsNormalized(NormalizationForm.FormC));
        }
        // Search folds "hòa", "hoà" and "hoa" to the same key.
        Assert.Contains(VietnameseText.Fold("hoà"), VietnameseText.Fold(kien.Summary), StringComparison.Ordinal);
        Assert.Contains(VietnameseText.Fold("hòa"), VietnameseText.Fold(kien.Summary), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nfd_json_alone_into_an_empty_site_stores_nfc_with_new_tone_placement()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var file = (await bed.ImportAsync(bed.Fixture("ia-pa-2024-q2-nfd.json"))).Single();
        Assert.Equal(3, file.Count(RowOutcome.Created));
        await using var db = bed.OpenDb();
        var movementNames = await db.Movements.Select(m => m.Name).ToListAsync();
        Assert.DoesNotContain(movementNames, n => n.Contains("hoá", StringComparison.Ordinal));
        Assert.Empty(file.NewMovements);
        var kien = await db.Exemplars.SingleAsync(e => e.Code == "IAPA-2024Q2-03");
        Assert.Equal("Ksor Y Kiên", kien.Name);
        Assert.True(kien.Summary.IsNormalized(NormalizationForm.FormC));
        Assert.Contains("hòa giải", kien.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tcvn3_and_windows_1258_files_give_the_same_exemplars()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var tcvn = (await bed.ImportAsync(bed.Fixture("van-hoa-2023-tcvn3.csv"))).Single();
        Assert.Equal("TCVN3 (ABC)", tcvn.Encoding);
        Assert.Equal(2, tcvn.Count(RowOutcome.Created));

        await using var db = bed.OpenDb();
        var thuan = await db.Exemplars.Include(e => e.Agency).Include(e => e.Recognitions).Include(e => e.Movement).SingleAsync(e => e.Code == "VHTT-2023-07");
        Assert.Equal("Nguyễn Văn Thuận", thuan.Name);
        Assert.Equal("Nghệ nhân giữ gìn cồng chiêng, mở lớp truyền dạy miễn phí cho 60 thanh thiếu niên trong 5 năm.", thuan.Summary);
        Assert.Equal("Phòng Văn hóa và Thông tin huyện Ia Pa", thuan.Agency.Name);
        Assert.Equal("211/QĐ-UBND", thuan.Recognitions.Single().DecisionNumber);
        Assert.Equal(new DateOnly(2023, 9, 12), thuan.Recognitions.Single().DecisionDate);
        Assert.Equal("Toàn dân đoàn kết xây dựng đời sống văn hóa", thuan.Movement.Name);
        Assert.Equal("Đội văn nghệ buôn Chư Băh", (await db.Exemplars.SingleAsync(e => e.Code == "VHTT-2023-08")).Name);

        var revisions = await db.Revisions.CountAsync();
        var cp1258 = (await bed.ImportAsync(bed.Fixture("van-hoa-2023-windows-1258.csv"))).Single();
        Assert.Equal("Windows-1258", cp1258.Encoding);
        Assert.Equal(2, cp1258.Count(RowOutcome.Unchanged));
        Assert.Equal(2, await db.Exemplars.CountAsync());
        Assert.Equal(revisions, await db.Revisions.CountAsync());
    }

    [Fact]
    public async Task Markdown_article_links_to_its_exemplar_and_never_carries_script()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        await bed.ImportAsync(bed.Fixture("so-giao-duc-2025-q2.xlsx"));
        var file = (await bed.ImportAsync(bed.Fixture("bai-viet/thu-vien-xanh.md"))).Single();

        Assert.Equal(FileStatus.Imported, file.Status);
        var row = Assert.Single(file.Rows);
        Assert.Equal(RowOutcome.Created, row.Outcome);
        Assert.Equal("SGDDT-2025Q2-001", row.Code);
        // No photo beside the lone .md: reported, not fatal.
        Assert.Contains(row.Messages, m => m.Contains("nguyen-thi-minh-hanh.jpg", StringComparison.Ordinal));

        await using var db = bed.OpenDb();
        var article = await db.Articles.Include(a => a.Exemplars).ThenInclude(x => x.Exemplar).Include(a => a.Movement).SingleAsync();
        Assert.Equal("SGDDT-2025Q2-001", Assert.Single(article.Exemplars).Exemplar.Code);
        Assert.Equal("Dạy tốt - Học tốt", article.Movement!.Name);
        Assert.Equal("Phòng Truyền thông, Sở Giáo dục và Đào tạo", article.Author);
        Assert.Equal(ContentStatus.Published, article.Status);
        Assert.DoesNotContain("<script", article.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", article.Body, StringComparison.OrdinalIgnoreCase);
        var html = new MarkdownRenderer().ToHtml(article.Body);
        Assert.Contains("<h2", html, StringComparison.Ordinal);
        Assert.Contains("<li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("hong/file-bi-cat-ngang.xlsx", "bị hỏng hoặc bị cắt ngang")]
    [InlineData("hong/goi-co-duong-dan-ra-ngoai.zip", "ra ngoài thư mục")]
    [InlineData("hong/anh-gia.jpg", "HTML")]
    [InlineData("hong/chi-co-tieu-de.csv", "không có hồ sơ nào")]
    public async Task Broken_file_is_rejected_with_the_file_named_and_the_site_unchanged(string fixture, string reason)
    {
        await using var bed = await ImportTestBed.CreateAsync();
        await bed.ImportAsync(bed.Fixture("ia-pa-2024-q2.csv"));
        var before = await bed.SnapshotAsync();
        var mediaBefore = bed.MediaFiles().ToList();

        var path = bed.Fixture(fixture);
        var file = (await bed.ImportAsync(path)).Single();

        Assert.Equal(FileStatus.Rejected, file.Status);
        Assert.Contains(path, file.Error, StringComparison.Ordinal);
        Assert.Contains(reason, file.Error, StringComparison.Ordinal);
        Assert.Equal(before, await bed.SnapshotAsync());
        Assert.Equal(mediaBefore, bed.MediaFiles().ToList());
        // Nothing written outside the work folder (the zip's "../../ngoai-thu-muc.txt" included), and the work folder is clean.
        Assert.Empty(Directory.EnumerateFiles(bed.Root, "ngoai-thu-muc.txt", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(bed.Data.ImportWorkPath, "..", "..", "ngoai-thu-muc.txt")));
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "ngoai-thu-muc.txt")));
        Assert.Empty(Directory.Exists(bed.Data.ImportWorkPath) ? Directory.EnumerateFileSystemEntries(bed.Data.ImportWorkPath) : []);
    }

    [Fact]
    public async Task Folder_of_broken_files_rejects_each_one_and_says_which()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var report = await bed.ImportAsync(Path.Combine(ImportTestBed.Fixtures, "hong"));
        Assert.Equal(4, report.Files.Count);
        Assert.All(report.Files, f =>
        {
            Assert.Equal(FileStatus.Rejected, f.Status);
            Assert.Contains(Path.GetFileName(f.File), f.Error, StringComparison.Ordinal);
        });
        Assert.False(report.AllImported);
    }
}
