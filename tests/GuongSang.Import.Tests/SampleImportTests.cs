using System.Text;
using GuongSang.Content.Markdown;
using GuongSang.Content.Model;
using GuongSang.Content.Text;
using GuongSang.Tests;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import.Tests;

/// <summary>Every kind of file the importer promises to read, through the project's own samples (tests/TestData), with its outcome.</summary>
public class SampleImportTests
{
    /// <summary>Every public text of every exemplar, recognition and article, as one string.</summary>
    internal static async Task<string> AllPublicTextAsync(ImportTestBed bed)
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
    public async Task Xlsx_imports_the_approved_rows_and_skips_the_one_awaiting_appraisal()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var file = (await bed.ImportAsync(bed.Sample(Samples.Workbook))).Single();

        Assert.Equal(FileStatus.Imported, file.Status);
        Assert.Equal(5, file.Count(RowOutcome.Created));
        var skipped = Assert.Single(file.Rows, r => r.Outcome == RowOutcome.Skipped);
        Assert.Equal("SGD-2025Q2-06", skipped.Code);
        Assert.Contains(skipped.Messages, m => m.Contains("Chờ thẩm định", StringComparison.Ordinal));
        // Rows are numbered as in Excel: the header is row 4, the first exemplar row 5; the footer is not a row.
        Assert.Equal(5, file.RowFor("SGD-2025Q2-01").Row);
        Assert.Equal(6, file.Rows.Count);

        await using var db = bed.OpenDb();
        var exemplars = await db.Exemplars.Include(e => e.Recognitions).Include(e => e.Agency).ToDictionaryAsync(e => e.Code);
        Assert.Equal(5, exemplars.Count);
        Assert.All(exemplars.Values, e =>
        {
            Assert.Equal(ContentStatus.Published, e.Status);
            Assert.NotNull(e.PublishedAt);
            Assert.NotNull(e.ImportedAt);
            Assert.Equal("so-giao-duc-2025-q2.xlsx", e.SourceFile);
            Assert.Equal("Sở Giáo dục và Đào tạo tỉnh Bà Rịa - Vũng Tàu", e.Agency.Name);
        });

        // Decision numbers normalised; every date form read day-first: Excel dates (01, 04), 20/5/2025, 03-06-2025, 12.06.2025.
        var thcs = exemplars["SGD-2025Q2-02"].Recognitions.Single();
        Assert.Equal("1456/QĐ-UBND", thcs.DecisionNumber);
        Assert.Equal("1456 /QĐ-UBND", thcs.DecisionNumberAsWritten);
        Assert.Equal(new DateOnly(2025, 5, 20), thcs.DecisionDate);
        Assert.Equal(new DateOnly(2025, 5, 20), exemplars["SGD-2025Q2-01"].Recognitions.Single().DecisionDate);
        Assert.Equal(new DateOnly(2025, 6, 3), exemplars["SGD-2025Q2-03"].Recognitions.Single().DecisionDate);
        Assert.Equal(new DateOnly(2025, 6, 2), exemplars["SGD-2025Q2-04"].Recognitions.Single().DecisionDate);
        Assert.Equal(new DateOnly(2025, 6, 12), exemplars["SGD-2025Q2-05"].Recognitions.Single().DecisionDate);
        Assert.Equal(ExemplarKind.Individual, exemplars["SGD-2025Q2-01"].Kind);
        Assert.Equal(ExemplarKind.Collective, exemplars["SGD-2025Q2-02"].Kind);
        Assert.Equal(ExemplarKind.Household, exemplars["SGD-2025Q2-03"].Kind);
        Assert.Equal(ExemplarKind.Model, exemplars["SGD-2025Q2-04"].Kind);
        Assert.Equal(1985, exemplars["SGD-2025Q2-01"].BirthYear);

        // Bà Rịa - Vũng Tàu is part of Hồ Chí Minh City since 1 July 2025; the address stays as written.
        var lan = exemplars["SGD-2025Q2-01"];
        Assert.Equal("phường Phước Trung, thành phố Bà Rịa, tỉnh Bà Rịa - Vũng Tàu", lan.AddressAsRecognised);
        var province = await db.Localities.SingleAsync(l => l.Id == lan.ProvinceId);
        Assert.True(province.IsCurrent);
        Assert.Contains("Hồ Chí Minh", province.Name, StringComparison.Ordinal);

        // Privacy: the CCCD (STT 5) and the phone (STT 3) in summaries are hidden and reported; the private column is kept for staff only.
        Assert.Contains(new Redaction("Tóm tắt thành tích", "cccd"), file.RowFor("SGD-2025Q2-05").Redactions);
        Assert.Contains(new Redaction("Tóm tắt thành tích", "phone"), file.RowFor("SGD-2025Q2-03").Redactions);
        Assert.Contains("(CCCD: [đã ẩn])", exemplars["SGD-2025Q2-05"].Summary, StringComparison.Ordinal);
        Assert.Contains("Liên hệ gia đình: [đã ẩn].", exemplars["SGD-2025Q2-03"].Summary, StringComparison.Ordinal);
        var publicText = await AllPublicTextAsync(bed);
        foreach (var secret in Samples.WorkbookPrivateData) Assert.DoesNotContain(secret, publicText, StringComparison.Ordinal);
        Assert.Equal("0908 765 432", lan.PrivateContact);
        Assert.Equal("0912000111", exemplars["SGD-2025Q2-05"].PrivateContact);
        Assert.Equal("0254 3 777 888", exemplars["SGD-2025Q2-03"].PrivateContact);

        // The movements the agency wrote are the plan's movements: no new ones.
        Assert.Empty(file.NewMovements);
        Assert.Equal(["Sở Giáo dục và Đào tạo tỉnh Bà Rịa - Vũng Tàu"], file.NewAgencies);
        Assert.True((await db.Agencies.SingleAsync()).NeedsReview);
    }

    [Fact]
    public async Task Zip_package_links_photos_and_article_and_keeps_originals_with_web_versions()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var file = (await bed.ImportAsync(bed.Sample(Samples.Package))).Single();

        Assert.Equal(FileStatus.Imported, file.Status);
        Assert.Equal(5, file.Count(RowOutcome.Created));
        Assert.Equal(1, file.Count(RowOutcome.Skipped));
        var articleRow = Assert.Single(file.Rows, r => r.Kind == "article");
        Assert.Equal(RowOutcome.Created, articleRow.Outcome);

        await using var db = bed.OpenDb();
        var lan = await db.Exemplars.Include(e => e.Photos).ThenInclude(p => p.Media).ThenInclude(m => m.Variants).SingleAsync(e => e.Code == "SGD-2025Q2-01");
        var photo = Assert.Single(lan.Photos).Media;
        Assert.Equal("image/jpeg", photo.ContentType);
        Assert.Equal("do-thi-ngoc-lan.jpg", photo.FileName);
        Assert.Equal((1500, 1000), (photo.Width, photo.Height));
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
        var photos = Samples.Photos.Length;
        Assert.Equal(photos, await db.Media.CountAsync());
        Assert.Equal(photos * 4, bed.MediaFiles().Count());

        var article = await db.Articles.Include(a => a.Exemplars).Include(a => a.Tags).SingleAsync();
        Assert.Equal("Giờ đọc sách ở sân trường", article.Title);
        Assert.Equal(lan.Id, Assert.Single(article.Exemplars).ExemplarId);
        Assert.Equal(photo.Id, article.CoverMediaId);
        Assert.Contains("(/media/web/", article.Body, StringComparison.Ordinal);
        Assert.Equal(new[] { "giáo dục", "đọc sách", "tiểu học" }.Order(StringComparer.Ordinal), article.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal));
        var html = new MarkdownRenderer().ToHtml(article.Body);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<table", html, StringComparison.Ordinal);
        Assert.Contains("<blockquote", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"/media/web/", html, StringComparison.Ordinal);

        // The package was unpacked in the work folder only, and the work folder is cleaned.
        Assert.Empty(Directory.Exists(bed.Data.ImportWorkPath) ? Directory.EnumerateFileSystemEntries(bed.Data.ImportWorkPath) : []);

        // Same package again: nothing changes, no new file, no revision.
        var revisions = await db.Revisions.CountAsync();
        var again = (await bed.ImportAsync(bed.Sample(Samples.Package))).Single();
        Assert.Equal(5, again.Count(RowOutcome.Unchanged));
        Assert.Equal(RowOutcome.Unchanged, again.Rows.Single(r => r.Kind == "article").Outcome);
        Assert.Equal(revisions, await db.Revisions.CountAsync());
        Assert.Equal(photos * 4, bed.MediaFiles().Count());
    }

    [Fact]
    public async Task Csv_with_other_header_names_is_matched_by_alias_and_skips_the_row_not_proposed()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var file = (await bed.ImportAsync(bed.Sample(Samples.DistrictCsv))).Single();

        Assert.Equal(FileStatus.Imported, file.Status);
        Assert.Equal("UTF-8 (BOM)", file.Encoding);
        Assert.Equal(3, file.Count(RowOutcome.Created));
        var skipped = Assert.Single(file.Rows, r => r.Outcome == RowOutcome.Skipped);
        Assert.Equal("IAPA-2024Q3-04", skipped.Code);
        Assert.Contains(skipped.Messages, m => m.Contains("Không đề nghị", StringComparison.Ordinal));

        await using var db = bed.OpenDb();
        var lim = await db.Exemplars.Include(e => e.Recognitions).Include(e => e.Agency).SingleAsync(e => e.Code == "IAPA-2024Q3-01");
        Assert.Equal("Rơ Mah H'Lim", lim.Name);
        Assert.Equal("Vận động 20 hộ giữ vệ sinh buôn làng;\nmở lớp xóa mù chữ cho 15 phụ nữ.", lim.Summary);
        Assert.Equal("Tổ trưởng Tổ phụ nữ buôn Ia Rbol", lim.Position);
        Assert.Equal("UBND xã Ia Trok", lim.Agency.Name);
        Assert.Equal(new DateOnly(2024, 7, 10), lim.Recognitions.Single().DecisionDate);
        Assert.Equal("401/QĐ-UBND", lim.Recognitions.Single().DecisionNumber);
        Assert.Equal("UBND huyện Ia Pa, tỉnh Gia Lai", lim.Recognitions.Single().Issuer);
        var province = await db.Localities.SingleAsync(l => l.Id == lim.ProvinceId);
        Assert.Equal("gia-lai", province.Slug);
        Assert.Empty(file.NewMovements);
    }

    [Fact]
    public async Task Nfd_json_after_the_csv_creates_no_duplicates_and_text_is_stored_nfc()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        await bed.ImportAsync(bed.Sample(Samples.DistrictCsv));
        var file = (await bed.ImportAsync(bed.Sample(Samples.DistrictJson))).Single();

        Assert.Equal(FileStatus.Imported, file.Status);
        Assert.Equal(3, file.Count(RowOutcome.Unchanged));
        await using var db = bed.OpenDb();
        Assert.Equal(3, await db.Exemplars.CountAsync());
        var thuy = await db.Exemplars.SingleAsync(e => e.Code == "IAPA-2024Q3-03");
        Assert.Contains("hòa giải", thuy.Summary, StringComparison.Ordinal);
        foreach (var e in await db.Exemplars.ToListAsync())
        {
            Assert.True(e.Name.IsNormalized(NormalizationForm.FormC));
            Assert.True(e.Summary.IsNormalized(NormalizationForm.FormC));
        }
        // Search folds "hòa", "hoà" and "hoa" to the same key.
        Assert.Contains(VietnameseText.Fold("hoà"), VietnameseText.Fold(thuy.Summary), StringComparison.Ordinal);
        Assert.Contains(VietnameseText.Fold("hòa"), VietnameseText.Fold(thuy.Summary), StringComparison.Ordinal);
        Assert.Contains(VietnameseText.Fold("hoa"), VietnameseText.Fold(thuy.Summary), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nfd_json_alone_into_an_empty_site_stores_nfc_with_new_tone_placement()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var file = (await bed.ImportAsync(bed.Sample(Samples.DistrictJson))).Single();
        Assert.Equal(3, file.Count(RowOutcome.Created));
        await using var db = bed.OpenDb();
        var movementNames = await db.Movements.Select(m => m.Name).ToListAsync();
        Assert.DoesNotContain(movementNames, n => n.Contains("hoá", StringComparison.Ordinal));
        Assert.Empty(file.NewMovements);
        var thuy = await db.Exemplars.SingleAsync(e => e.Code == "IAPA-2024Q3-03");
        Assert.Equal("Nay Y Thủy", thuy.Name);
        Assert.True(thuy.Summary.IsNormalized(NormalizationForm.FormC));
        Assert.Contains("hòa giải", thuy.Summary, StringComparison.Ordinal);
        var lim = await db.Exemplars.SingleAsync(e => e.Code == "IAPA-2024Q3-01");
        Assert.Equal("Vận động 20 hộ giữ vệ sinh buôn làng;\nmở lớp xóa mù chữ cho 15 phụ nữ.", lim.Summary);
    }

    [Fact]
    public async Task Tcvn3_windows_1258_and_vni_files_give_the_same_exemplars()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var tcvn = (await bed.ImportAsync(bed.Sample(Samples.Tcvn3Csv))).Single();
        Assert.Equal("TCVN3 (ABC)", tcvn.Encoding);
        Assert.Equal(2, tcvn.Count(RowOutcome.Created));

        await using var db = bed.OpenDb();
        var huong = await db.Exemplars.Include(e => e.Agency).Include(e => e.Recognitions).Include(e => e.Movement).SingleAsync(e => e.Code == "VHTT-2022-11");
        Assert.Equal("Nguyễn Thị Hương", huong.Name);
        Assert.True(huong.Summary.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("Nghệ nhân hát dân ca, mở lớp dạy miễn phí cho 40 em nhỏ trong 3 năm.", huong.Summary);
        Assert.Equal("Phòng Văn hóa và Thông tin huyện Ia Pa", huong.Agency.Name);
        Assert.Equal("118/QĐ-UBND", huong.Recognitions.Single().DecisionNumber);
        Assert.Equal(new DateOnly(2022, 8, 15), huong.Recognitions.Single().DecisionDate);
        Assert.Equal("Toàn dân đoàn kết xây dựng đời sống văn hóa", huong.Movement.Name);
        var team = await db.Exemplars.SingleAsync(e => e.Code == "VHTT-2022-12");
        Assert.Equal("Đội cồng chiêng buôn Ia Rnho", team.Name);
        Assert.Equal("Giữ gìn 12 bộ chiêng cổ, biểu diễn phục vụ lễ hội của xã suốt năm 2022.", team.Summary);

        // The same rows in the other encodings: recognised, and an update of nothing, not new rows.
        var revisions = await db.Revisions.CountAsync();
        foreach (var (sample, encoding) in new[] { (Samples.Windows1258Csv, "Windows-1258"), (Samples.VniCsv, "VNI") })
        {
            var again = (await bed.ImportAsync(bed.Sample(sample))).Single();
            Assert.Equal(encoding, again.Encoding);
            Assert.Equal(2, again.Count(RowOutcome.Unchanged));
        }
        Assert.Equal(2, await db.Exemplars.CountAsync());
        Assert.Equal(revisions, await db.Revisions.CountAsync());
    }

    [Fact]
    public async Task Markdown_article_links_to_its_exemplar_and_never_carries_script()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        await bed.ImportAsync(bed.Sample(Samples.Workbook));
        var file = (await bed.ImportAsync(bed.Sample(Samples.Article))).Single();

        Assert.Equal(FileStatus.Imported, file.Status);
        var row = Assert.Single(file.Rows);
        Assert.Equal(RowOutcome.Created, row.Outcome);
        Assert.Equal("SGD-2025Q2-01", row.Code);
        // No photo beside the lone .md: reported, not fatal.
        Assert.Contains(row.Messages, m => m.Contains("do-thi-ngoc-lan.jpg", StringComparison.Ordinal));

        await using var db = bed.OpenDb();
        var article = await db.Articles.Include(a => a.Exemplars).ThenInclude(x => x.Exemplar).Include(a => a.Movement).SingleAsync();
        Assert.Equal("SGD-2025Q2-01", Assert.Single(article.Exemplars).Exemplar.Code);
        Assert.Equal("Dạy tốt - Học tốt", article.Movement!.Name);
        Assert.Equal("Phòng Truyền thông, Sở Giáo dục và Đào tạo", article.Author);
        Assert.Equal(ContentStatus.Published, article.Status);
        Assert.DoesNotContain("<script", article.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", article.Body, StringComparison.OrdinalIgnoreCase);
        var html = new MarkdownRenderer().ToHtml(article.Body);
        Assert.Contains("<h2", html, StringComparison.Ordinal);
        Assert.Contains("<li>", html, StringComparison.Ordinal);
        Assert.Contains("<blockquote", html, StringComparison.Ordinal);
        Assert.Contains("<table", html, StringComparison.Ordinal);
        // Its photo was not sent: a reader gets no broken image (only the site's own media are shown).
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("<strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(Samples.TruncatedXlsx, "bị hỏng hoặc bị cắt ngang")]
    [InlineData(Samples.ZipClimbingOut, "ra ngoài thư mục")]
    [InlineData(Samples.HtmlNamedJpg, "HTML")]
    [InlineData(Samples.HeaderOnlyCsv, "không có hồ sơ nào")]
    public async Task Broken_file_is_rejected_with_the_file_named_and_the_site_unchanged(string sample, string reason)
    {
        await using var bed = await ImportTestBed.CreateAsync();
        await bed.ImportAsync(bed.Sample(Samples.DistrictCsv));
        var before = await bed.SnapshotAsync();
        var mediaBefore = bed.MediaFiles().ToList();

        var path = bed.Sample(sample);
        var file = (await bed.ImportAsync(path)).Single();

        Assert.Equal(FileStatus.Rejected, file.Status);
        Assert.Contains(path, file.Error, StringComparison.Ordinal);
        Assert.Contains(reason, file.Error, StringComparison.Ordinal);
        Assert.Equal(before, await bed.SnapshotAsync());
        Assert.Equal(mediaBefore, bed.MediaFiles().ToList());
        // Nothing written outside the work folder (the zip's "../../ngoai-thu-muc.txt" included), and the work folder is clean.
        Assert.Empty(Directory.EnumerateFiles(bed.Root, Samples.EscapingFileName, SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(bed.Data.ImportWorkPath, "..", "..", Samples.EscapingFileName)));
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), Samples.EscapingFileName)));
        Assert.Empty(Directory.Exists(bed.Data.ImportWorkPath) ? Directory.EnumerateFileSystemEntries(bed.Data.ImportWorkPath) : []);
    }

    [Fact]
    public async Task Folder_of_broken_files_rejects_each_one_and_says_which()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        foreach (var sample in Samples.Broken) bed.Sample(sample);
        var report = await bed.ImportAsync(bed.Inbox);
        Assert.Equal(Samples.Broken.Select(Path.GetFileName).Order(StringComparer.Ordinal), report.Files.Select(f => Path.GetFileName(f.File)).Order(StringComparer.Ordinal));
        foreach (var f in report.Files)
        {
            Assert.Equal(FileStatus.Rejected, f.Status);
            Assert.Contains(Path.GetFileName(f.File), f.Error, StringComparison.Ordinal);
        }
        Assert.False(report.AllImported);
    }
}
