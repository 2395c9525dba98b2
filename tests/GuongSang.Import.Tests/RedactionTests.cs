using System.Text;
using GuongSang.Content.Model;
using GuongSang.Import.Privacy;
using GuongSang.Import.Reading;
using GuongSang.Tests;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import.Tests;

/// <summary>
/// Personal data in every field that can become public, in the spellings agencies use; and the ordinary
/// numbers (decisions, dates, amounts, codes) that must stay as written.
/// </summary>
public class RedactionTests
{
    [Theory]
    [InlineData("0933–222–111")]
    [InlineData("0933—222—111")]
    [InlineData("0933-222-111")]
    [InlineData("0933 – 222 – 111")]
    [InlineData("0933/222/111")]
    [InlineData("84 933 222 111")]
    [InlineData("84-933-222-111")]
    [InlineData("(+84) 933 222 111")]
    [InlineData("+84 (0) 933 222 111")]
    [InlineData("0084 933.222.111")]
    [InlineData("０９３３ ２２２ １１１")]
    [InlineData("０９３３－２２２－１１１")]
    [InlineData("＋８４ ９３３ ２２２ １１１")]
    [InlineData("(0254) 3 888 999")]
    [InlineData("024 3823 4567")]
    [InlineData("(0933 222 111)", "Liên hệ ([đã ẩn]), chị Hà")]
    [InlineData("(84 933 222 111)", "Liên hệ ([đã ẩn]), chị Hà")]
    public void Every_spelling_of_a_phone_number_is_masked_whole(string phone, string expected = "Liên hệ [đã ẩn], chị Hà")
    {
        var (text, found) = Redactor.Redact($"Liên hệ {phone}, chị Hà");
        Assert.Equal(expected, text);
        Assert.Equal([Redactor.Phone], found);
    }

    [Theory]
    [InlineData("０７７０９１００４３２１", Redactor.Cccd)]
    [InlineData("077-091-004-321", Redactor.Cccd)]
    [InlineData("２７１２３４５６７", Redactor.Cmnd)]
    public void Id_numbers_in_other_spellings_are_masked(string id, string kind)
    {
        var (text, found) = Redactor.Redact($"Số {id} cấp năm 2015");
        Assert.Equal("Số [đã ẩn] cấp năm 2015", text);
        Assert.Equal([kind], found);
    }

    [Theory]
    [InlineData("nguyễn@gmail.com")]
    [InlineData("trần.thị.bình@trường.edu.vn")]
    [InlineData("Nguyễn.Văn-An_90@sở-gd.gov.vn")]
    [InlineData("an＠gmail.com")]
    public void An_email_address_is_masked_as_one_whole_token(string email)
    {
        var (text, found) = Redactor.Redact($"thư gửi {email} ngay");
        Assert.Equal("thư gửi [đã ẩn] ngay", text);
        Assert.Equal([Redactor.Email], found);
    }

    [Theory]
    [InlineData("Quyết định 1456/QĐ-UBND ngày 12/05/2025")]
    [InlineData("số 05/2024/QĐ-UBND")]
    [InlineData("mã HN-2025-001")]
    [InlineData("thưởng 1.200.000 đồng, trồng 10.000 cây")]
    [InlineData("từ 01/01/2020 đến 31/12/2024")]
    [InlineData("ngày 05/04/2024 06/05/2025")]
    [InlineData("ngày 05-04-2024 - 06-05-2025")]
    [InlineData("năm 2024; các năm 2019 2020 2021")]
    [InlineData("kỷ niệm 84 năm, 933 hộ")]
    [InlineData("ảnh PXL_20240512_093412345.jpg")]
    [InlineData("giải ３ năm ２０２４")]
    public void Decisions_dates_amounts_and_codes_stay_as_written(string text)
    {
        var (result, found) = Redactor.Redact(text);
        Assert.Empty(found);
        Assert.Equal(text, result);
    }

    [Fact]
    public void A_phone_right_after_a_date_is_masked_and_the_date_kept()
    {
        var (text, found) = Redactor.Redact("ngày 20/05/2025 0933 222 111");
        Assert.Equal("ngày 20/05/2025 [đã ẩn]", text);
        Assert.Equal([Redactor.Phone], found);
    }

    private const string Phone = "0933–222–111";

    /// <summary>The phone's digits, whatever separators and digit forms a text writes it with.</summary>
    private static bool HasPhone(string? text) =>
        text is not null && new string([.. text.Where(char.IsDigit).Select(c => (char)('0' + char.GetNumericValue(c)))]).Contains("933222111", StringComparison.Ordinal);

    /// <summary>Sets every settable text (and list of texts) of a record to one holding a phone, and returns them by name.</summary>
    private static List<System.Reflection.PropertyInfo> FillTexts(object record)
    {
        var texts = record.GetType().GetProperties()
            .Where(p => p.PropertyType == typeof(string) || p.PropertyType == typeof(List<string>))
            .ToList();
        foreach (var p in texts)
        {
            if (p.PropertyType == typeof(List<string>)) ((List<string>)p.GetValue(record)!).Add("chị Hà " + Phone);
            else if (p.SetMethod is not null) p.SetValue(record, "chị Hà " + Phone);
        }
        return texts;
    }

    private static string? TextOf(System.Reflection.PropertyInfo p, object record) =>
        p.GetValue(record) is List<string> list ? string.Join("\n", list) : (string?)p.GetValue(record);

    [Fact]
    public void Every_text_of_a_row_draft_is_redacted_but_the_few_never_published()
    {
        string[] neverPublished = ["Code", "PrivateContact", "PhotoNames", "ArticleName", "SourceFile"];
        var report = new RowReport { Row = 2, Outcome = RowOutcome.Created };
        var draft = new ExemplarDraft { Report = report, Code = "", Kind = ExemplarKind.Individual, Name = "", MovementName = "", SourceFile = "", SourceRow = 2 };
        var texts = FillTexts(draft);

        Redactor.RedactFields(draft, report);

        Assert.Contains(texts, p => p.Name == nameof(ExemplarDraft.DecisionNumber));
        foreach (var p in texts)
        {
            Assert.True(HasPhone(TextOf(p, draft)) == neverPublished.Contains(p.Name), $"{p.Name}: \"{TextOf(p, draft)}\"");
        }
        Assert.Equal(texts.Count(p => p.SetMethod is not null) - neverPublished.Length, report.Redactions.Count);
        // An address part with a number and no commune is a house's: dropped whole.
        Assert.All(report.Redactions, r => Assert.Equal(r.Field == "Địa chỉ" ? Redactor.HomeAddress : Redactor.Phone, r.Kind));
        Assert.Contains(new Redaction("Giới tính", Redactor.Phone), report.Redactions);
        Assert.Contains("Đã ẩn số điện thoại cá nhân trong cột Số quyết định", report.Messages);
    }

    [Fact]
    public void Every_text_of_an_article_is_redacted_but_the_few_never_published()
    {
        string[] neverPublished = ["Source", "ExemplarCode", "Cover", "BaseFolder"];
        var report = new RowReport { Row = 0, Kind = "article", Outcome = RowOutcome.Created };
        var article = new ArticleSource { Source = "", Title = "", Body = "" };
        var texts = FillTexts(article);

        Redactor.RedactFields(article, report);

        foreach (var p in texts)
        {
            Assert.True(HasPhone(TextOf(p, article)) == neverPublished.Contains(p.Name), $"{p.Name}: \"{TextOf(p, article)}\"");
        }
        Assert.Equal(
            ["Nội dung", "Phong trào", "Thẻ", "Tiêu đề", "Tác giả"],
            report.Redactions.Select(r => r.Field).Order(StringComparer.Ordinal));
        Assert.Contains("Đã ẩn số điện thoại cá nhân trong tác giả", report.Messages);
    }

    private sealed class RecordWithAnUndecidedText
    {
        public string? Note { get; set; }
    }

    [Fact]
    public void A_record_text_that_does_not_say_whether_it_is_published_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Redactor.RedactFields(new RecordWithAnUndecidedText { Note = "x" }, new RowReport { Outcome = RowOutcome.Created }));
        Assert.Contains("Note", error.Message, StringComparison.Ordinal);
    }

    private const string Header = "Mã hồ sơ;Loại điển hình;Họ và tên;Giới tính;Dân tộc;Chức vụ, đơn vị công tác;Địa chỉ;Phong trào thi đua;Lĩnh vực;" +
                                  "Tóm tắt thành tích;Hình thức khen thưởng;Số quyết định;Ngày quyết định;Cơ quan ban hành quyết định;Cơ quan đề xuất;Trạng thái";

    [Fact]
    public async Task Phones_written_into_any_column_reach_no_stored_text_slug_or_new_movement_and_agency()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var csv = Header + "\n" +
                  "P-1;Cá nhân;Y Hà Niê;0933 222 111;84 933 222 111;Giáo viên, ĐT ０９３３ ２２２ １１１;xã Ia Trok, 0933/222/111;" +
                  "Phong trào 0933–222–111;Giáo dục (0933.222.111);Dạy giỏi, gọi (+84) 933 222 111;Giấy khen 0933-222-111;" +
                  "1456/QĐ-UBND 0933—222—111;12/05/2025;UBND huyện 0084 933 222 111;Trường Tiểu học 0933 – 222 – 111;Đã duyệt\n" +
                  "P-2;Cá nhân;Y Hòa Niê;Nam;Ê Đê;Giáo viên;xã Ia Trok;Phong trào 0933–222–111;Giáo dục;Dạy giỏi;Giấy khen;" +
                  "1457/QĐ-UBND;12/05/2025;UBND huyện;Trường Tiểu học 0933 – 222 – 111;Đã duyệt";
        var file = (await bed.ImportAsync(bed.Write("so-dien-thoai.csv", csv))).Single();

        Assert.Equal(FileStatus.Imported, file.Status);
        var row = file.RowFor("P-1");
        Assert.Equal(RowOutcome.Created, row.Outcome);
        foreach (var column in new[]
                 {
                     "Giới tính", "Dân tộc", "Chức vụ, đơn vị công tác", "Địa chỉ", "Phong trào thi đua", "Lĩnh vực", "Tóm tắt thành tích",
                     "Hình thức khen thưởng", "Số quyết định", "Cơ quan ban hành quyết định", "Cơ quan đề xuất",
                 })
        {
            Assert.Contains(new Redaction(column, Redactor.Phone), row.Redactions);
        }
        // A gender that is neither Nam nor Nữ is not published at all.
        Assert.Contains("Cột Giới tính: \"[đã ẩn]\" không phải Nam hay Nữ; để trống", row.Messages);
        Assert.All(file.NewMovements.Concat(file.NewAgencies), name => Assert.False(HasPhone(name), name));
        Assert.All(file.Rows.SelectMany(r => r.Messages), m => Assert.False(HasPhone(m), m));

        await using var db = bed.OpenDb();
        var stored = await db.Exemplars.Include(e => e.Recognitions).Include(e => e.Movement).Include(e => e.Agency).SingleAsync(e => e.Code == "P-1");
        Assert.Null(stored.Gender);
        Assert.Equal("Nam", (await db.Exemplars.SingleAsync(e => e.Code == "P-2")).Gender);
        Assert.Equal("1456/QĐ-UBND [đã ẩn]", stored.Recognitions.Single().DecisionNumberAsWritten);
        Assert.Equal("xã Ia Trok, [đã ẩn]", stored.AddressAsRecognised);
        Assert.Equal("Phong trào [đã ẩn]", stored.Movement.Name);
        Assert.Equal("Trường Tiểu học [đã ẩn]", stored.Agency.Name);
        var everything = await SampleImportTests.AllPublicTextAsync(bed) + "\n" +
                         string.Join("\n", await db.Movements.Select(m => m.Name + " " + m.Slug).ToListAsync()) + "\n" +
                         string.Join("\n", await db.Movements.SelectMany(m => m.Aliases).Select(a => a.Name + " " + a.Key).ToListAsync()) + "\n" +
                         string.Join("\n", await db.Agencies.Select(a => a.Name + " " + a.Code + " " + a.Key).ToListAsync());
        Assert.False(HasPhone(everything), everything);
    }

    [Fact]
    public async Task A_pushed_json_agency_name_holding_a_phone_makes_no_agency_with_it()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var json = """
            {"agency": "UBND xã Ia Trok – 0933 222 111", "exemplars": [
              {"code": "J-1", "kind": "Cá nhân", "name": "Ksor H'Bia", "movement": "Dạy tốt - Học tốt", "status": "Đã duyệt"}
            ]}
            """;
        var file = (await bed.ImportAsync(bed.Write("day.json", json))).Single();

        Assert.Equal(RowOutcome.Created, file.RowFor("J-1").Outcome);
        Assert.Contains(new Redaction("Cơ quan đề xuất", Redactor.Phone), file.RowFor("J-1").Redactions);
        await using var db = bed.OpenDb();
        var agency = (await db.Exemplars.Include(e => e.Agency).SingleAsync(e => e.Code == "J-1")).Agency;
        Assert.Equal("UBND xã Ia Trok – [đã ẩn]", agency.Name);
        Assert.False(HasPhone(agency.Code + agency.Key), agency.Code);
    }

    [Fact]
    public async Task A_code_holding_a_phone_refuses_its_row_naming_the_file_row_and_column_and_the_rest_imports()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var csv = Header + "\n" +
                  "0933–222–111;Cá nhân;Y Hà Niê;Nữ;Ê Đê;;;Dạy tốt - Học tốt;;Dạy giỏi;;;;;Trường A;Đã duyệt\n" +
                  "C-2;Cá nhân;Y Hòa Niê;Nam;Ê Đê;;;Dạy tốt - Học tốt;;Dạy giỏi;;;;;Trường A;Đã duyệt";
        var file = (await bed.ImportAsync(bed.Write("ma.csv", csv))).Single();

        var refused = file.Rows.Single(r => r.Row == 2);
        Assert.Equal(RowOutcome.Rejected, refused.Outcome);
        Assert.Equal("[đã ẩn]", refused.Code);
        Assert.EndsWith("ma.csv", file.File, StringComparison.Ordinal);
        Assert.Contains("Từ chối: cột Mã hồ sơ chứa số điện thoại cá nhân; mã hồ sơ là khóa để nhập lại nên không thể ẩn, hãy dùng mã khác", refused.Messages);
        Assert.Equal(RowOutcome.Created, file.RowFor("C-2").Outcome);
        await using var db = bed.OpenDb();
        Assert.Equal(["C-2"], await db.Exemplars.Select(e => e.Code).ToListAsync());
    }

    [Fact]
    public async Task Phones_in_an_articles_title_author_tags_movement_and_captions_reach_no_stored_text()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        bed.WriteBytes("anh-ha.jpg", Samples.Photo(800, 600));
        bed.WriteBytes("anh-lop.jpg", Samples.Photo(800, 600, shade: 60));
        var path = bed.Write("bai-ha.md", """
            ---
            title: Chị Hà, 0933.222.111
            author: Phóng viên Lan (84 933 222 111)
            movement: Phong trào 0933/222/111
            tags: [khuyến học, "zalo ０９３３ ２２２ １１１"]
            cover: anh-ha.jpg
            ---
            Chị Hà mở lớp học tình thương.

            ![Lớp của chị Hà, ĐT 0933–222–111](anh-lop.jpg)
            """);
        var file = (await bed.ImportAsync(path)).Single();

        var row = Assert.Single(file.Rows);
        Assert.Equal(RowOutcome.Created, row.Outcome);
        foreach (var field in new[] { "Tiêu đề", "Tác giả", "Phong trào", "Thẻ", "Nội dung" })
            Assert.Contains(new Redaction(field, Redactor.Phone), row.Redactions);
        Assert.All(file.NewMovements, name => Assert.False(HasPhone(name), name));

        await using var db = bed.OpenDb();
        var article = await db.Articles.Include(a => a.Tags).Include(a => a.Movement).Include(a => a.Cover).SingleAsync();
        Assert.Equal("Chị Hà, [đã ẩn]", article.Title);
        Assert.Equal("Phóng viên Lan ([đã ẩn])", article.Author);
        Assert.Equal("Phong trào [đã ẩn]", article.Movement!.Name);
        var stored = new StringBuilder()
            .AppendLine(article.Title).AppendLine(article.Slug).AppendLine(article.Author).AppendLine(article.Body)
            .AppendLine(article.Movement.Name).AppendLine(article.Movement.Slug)
            .AppendJoin('\n', article.Tags.Select(t => t.Tag)).AppendLine()
            .AppendJoin('\n', await db.Media.Select(m => m.AltText).ToListAsync())
            .ToString();
        Assert.False(HasPhone(stored), stored);
        Assert.Contains("khuyến học", article.Tags.Select(t => t.Tag));
        Assert.Equal(["Chị Hà, [đã ẩn]", "Lớp của chị Hà, ĐT [đã ẩn]"], await db.Media.Select(m => m.AltText).OrderBy(a => a).ToListAsync());
    }
}
