using System.IO.Compression;
using System.Text;
using GuongSang.Content.Model;
using Microsoft.EntityFrameworkCore;
using GuongSang.Tests;

namespace GuongSang.Import.Tests;

/// <summary>Messier input than the fixtures, and the pipeline's promises: idempotency, updates, all-or-nothing, dry run.</summary>
public class PipelineTests
{
    private const string Header = "STT;Mã hồ sơ;Loại điển hình;Họ và tên;Năm sinh;Phong trào thi đua;Tóm tắt thành tích;Số quyết định;Ngày quyết định;Cơ quan đề xuất;Trạng thái";

    private static string Row(int n, string code, string name, string summary = "Thành tích tốt", string movement = "Dạy tốt - Học tốt",
        string agency = "Trường THCS Long Sơn", string status = "Đã duyệt", string year = "1980", string kind = "Cá nhân", string decision = "12/QĐ-UBND", string date = "01/02/2024") =>
        $"{n};{code};{kind};{name};{year};{movement};{summary};{decision};{date};{agency};{status}";

    [Fact]
    public async Task A_story_nested_too_deep_rejects_its_row_naming_the_column_and_the_rest_imports()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var csv = Header + ";Nội dung\n" +
                  Row(1, "D-1", "Nguyễn Văn An") + ";" + new string('>', 200) + " Trích dẫn lồng sâu\n" +
                  Row(2, "D-2", "Trần Thị Bình") + ";> Câu chuyện *bình thường*";
        var file = (await bed.ImportAsync(bed.Write("sau.csv", csv))).Single();

        var deep = file.RowFor("D-1");
        Assert.Equal(RowOutcome.Rejected, deep.Outcome);
        Assert.Equal(2, deep.Row);
        Assert.Contains($"Từ chối: cột Nội dung: dòng 1 lồng 200 cấp trích dẫn/danh sách, quá giới hạn {GuongSang.Content.Markdown.MarkdownRenderer.MaxNesting} cấp", deep.Messages);
        Assert.Equal(RowOutcome.Created, file.RowFor("D-2").Outcome);
        await using var db = bed.OpenDb();
        Assert.Equal(["D-2"], await db.Exemplars.Select(e => e.Code).ToListAsync());
    }

    [Fact]
    public async Task An_article_nested_too_deep_is_rejected_and_not_stored()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var emphasis = new string('*', 300) + "nhấn mạnh" + new string('*', 300);
        var file = (await bed.ImportAsync(bed.Write("bai.md", "---\ntitle: Câu chuyện lồng sâu\n---\nMở đầu.\n\n" + emphasis + "\n"))).Single();

        var row = Assert.Single(file.Rows);
        Assert.Equal(RowOutcome.Rejected, row.Outcome);
        Assert.Equal("Bài viết \"Câu chuyện lồng sâu\"", row.Messages[0]);
        Assert.Contains(row.Messages, m => m.StartsWith("Từ chối: cột Nội dung: nội dung lồng nhau quá", StringComparison.Ordinal));
        await using var db = bed.OpenDb();
        Assert.Equal(0, await db.Articles.CountAsync());
    }

    [Fact]
    public async Task Reimporting_the_same_file_is_unchanged_and_writes_no_revision_or_change()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var path = bed.Sample(Samples.Workbook);
        await bed.ImportAsync(path);
        var before = await bed.SnapshotAsync();
        var file = (await bed.ImportAsync(path)).Single();
        Assert.Equal(5, file.Count(RowOutcome.Unchanged));
        Assert.Equal(0, file.Count(RowOutcome.Created) + file.Count(RowOutcome.Updated));
        Assert.Equal(before, await bed.SnapshotAsync());
    }

    [Fact]
    public async Task Changed_row_updates_the_exemplar_and_keeps_a_revision_for_the_indexer()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        await bed.ImportAsync(bed.Write("a.csv", Header + "\n" + Row(1, "X-1", "Nguyễn Văn An") + "\n" + Row(2, "X-2", "Trần Thị Bình")));
        await using var db = bed.OpenDb();
        var id = (await db.Exemplars.SingleAsync(e => e.Code == "X-1")).Id;
        var changesBefore = await db.ContentChanges.CountAsync(c => c.EntityId == id && c.EntityType == "Exemplar");

        var file = (await bed.ImportAsync(bed.Write("a.csv", Header + "\n" + Row(1, "X-1", "Nguyễn Văn An", summary: "Thành tích xuất sắc hơn", date: "5/3/2024") + "\n" + Row(2, "X-2", "Trần Thị Bình")))).Single();

        var updated = file.RowFor("X-1");
        Assert.Equal(RowOutcome.Updated, updated.Outcome);
        Assert.Contains(updated.Messages, m => m.Contains("Tóm tắt thành tích", StringComparison.Ordinal) && m.Contains("Khen thưởng", StringComparison.Ordinal));
        Assert.Equal(RowOutcome.Unchanged, file.RowFor("X-2").Outcome);
        var exemplar = await db.Exemplars.Include(e => e.Recognitions).SingleAsync(e => e.Id == id);
        Assert.Equal("Thành tích xuất sắc hơn", exemplar.Summary);
        Assert.Equal(new DateOnly(2024, 3, 5), exemplar.Recognitions.Single().DecisionDate);
        var revision = await db.Revisions.Where(r => r.EntityType == "Exemplar" && r.EntityId == id).OrderBy(r => r.Id).LastAsync();
        Assert.Equal("updated", revision.Action);
        Assert.Equal("nhap-lieu:a.csv", revision.Author);
        Assert.Contains("\"Summary\"", revision.Changes, StringComparison.Ordinal);
        Assert.Equal(changesBefore + 1, await db.ContentChanges.CountAsync(c => c.EntityId == id && c.EntityType == "Exemplar"));
    }

    [Fact]
    public async Task Long_file_updates_every_changed_row_across_save_batches()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        string Csv(string summary) => Header + "\n" + string.Join("\n", Enumerable.Range(1, 1200).Select(i => Row(i, $"L-{i}", $"Người số {i}", summary: $"{summary} {i}")));
        var first = (await bed.ImportAsync(bed.Write("dai.csv", Csv("Lần đầu")))).Single();
        Assert.Equal(1200, first.Count(RowOutcome.Created));

        var second = (await bed.ImportAsync(bed.Write("dai.csv", Csv("Lần hai")))).Single();
        Assert.Equal(1200, second.Count(RowOutcome.Updated));
        await using var db = bed.OpenDb();
        Assert.Equal(1200, await db.Exemplars.CountAsync(e => e.Summary.StartsWith("Lần hai")));
        Assert.Equal(1200, await db.Exemplars.CountAsync());
    }

    [Fact]
    public async Task Dry_run_reports_the_same_and_changes_nothing()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var before = await bed.SnapshotAsync();
        var dry = (await bed.ImportAsync(new ImportOptions { DryRun = true }, bed.Sample(Samples.Package))).Single();
        Assert.True(dry.DryRun);
        Assert.Equal(5, dry.Count(RowOutcome.Created));
        Assert.Equal(before, await bed.SnapshotAsync());
        Assert.Empty(bed.MediaFiles());

        var real = (await bed.ImportAsync(bed.Sample(Samples.Package))).Single();
        Assert.Equal(dry.Rows.Select(r => (r.Row, r.Code, r.Outcome)), real.Rows.Select(r => (r.Row, r.Code, r.Outcome)));
    }

    [Fact]
    public async Task Exception_in_the_middle_of_apply_rolls_the_whole_file_back_and_removes_its_photos()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        await bed.ImportAsync(bed.Sample(Samples.DistrictCsv));
        var before = await bed.SnapshotAsync();
        var options = new ImportOptions { AfterRowApplied = n => { if (n == 4) throw new InvalidOperationException("mất điện giả lập"); } };

        var file = (await bed.ImportAsync(options, bed.Sample(Samples.Package))).Single();

        Assert.Equal(FileStatus.Rejected, file.Status);
        Assert.Contains("so-giao-duc-2025-q2-goi-ho-so.zip", file.Error, StringComparison.Ordinal);
        Assert.Contains("hoàn tác", file.Error, StringComparison.Ordinal);
        // Not the file's fault: said as a system error, without the exception's own text.
        Assert.True(file.SystemError);
        Assert.DoesNotContain("mất điện giả lập", file.Error, StringComparison.Ordinal);
        Assert.Equal(before, await bed.SnapshotAsync());
        Assert.Empty(bed.MediaFiles());
    }

    [Fact]
    public async Task Missing_required_column_rejects_the_file_and_names_the_column()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var path = bed.Write("thieu-cot.csv", "Mã hồ sơ,Họ tên,Loại,Phong trào\nA-1,Nguyễn An,Cá nhân,Dạy tốt - Học tốt\n");
        var file = (await bed.ImportAsync(path)).Single();
        Assert.Equal(FileStatus.Rejected, file.Status);
        Assert.Contains("\"Trạng thái\"", file.Error, StringComparison.Ordinal);
        Assert.Contains("thieu-cot.csv", file.Error, StringComparison.Ordinal);
        await using var db = bed.OpenDb();
        Assert.Equal(0, await db.Exemplars.CountAsync());
    }

    [Fact]
    public async Task Messy_headers_unknown_columns_tabs_and_statuses_are_handled_row_by_row()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var text = string.Join("\n",
            "DANH SÁCH GỬI SỞ\t\t\t",
            "  MA HO SO \tHO VA TEN\tloai dien hinh\tPHONG TRAO THI DUA\tTRANG THAI\tGhi chú riêng\tNăm sinh\tNgày QĐ\tCơ quan đề xuất",
            "T-1\tNguyễn Văn Hoà\tcá nhân\tphong trào thi đua \"Dạy tốt, học tốt\"\t  đã DUYỆT \tx\tkhông rõ\tngày 5 tháng 4 năm 2024\tTrường A",
            "\tKhông Mã\tCá nhân\tDạy tốt - Học tốt\tĐã duyệt\t\t\t\tTrường A",
            "T-3\tLê Thị C\tNgười lạ\tDạy tốt - Học tốt\tDa duyet\t\t\t\tTrường A",
            "T-4\tTrần D\tTập thể\tPhong trào \"Ánh sáng làng quê\"\tĐã duyệt\t\t\t31/02/2024\tTrường A",
            "T-1\tNguyễn Văn Hoà\tCá nhân\tDạy tốt - Học tốt\tĐã duyệt\t\t\t\tTrường A",
            "T-6\tPhạm E\tHộ\tDạy tốt - Học tốt\tĐang xét\t\t\t\tTrường A",
            "\t\t\t\t\t\t\t\t",
            "Người lập biểu\t\t\t\t\t\t\t\t");
        var file = (await bed.ImportAsync(bed.Write("lon-xon.tsv", text, new UnicodeEncoding(false, true)))).Single();

        Assert.Equal(FileStatus.Imported, file.Status);
        Assert.Equal("UTF-16 LE", file.Encoding);
        Assert.Contains("Ghi chú riêng", file.UnknownColumns);
        var hoa = file.Rows.First(r => r.Code == "T-1");
        Assert.Equal(RowOutcome.Created, hoa.Outcome);
        Assert.Contains(hoa.Messages, m => m.Contains("năm sinh \"không rõ\"", StringComparison.Ordinal));
        Assert.Contains(file.Rows, r => r.Code is null && r.Outcome == RowOutcome.Skipped && r.Messages.Any(m => m.Contains("Mã hồ sơ", StringComparison.Ordinal)));
        Assert.Equal(RowOutcome.Rejected, file.RowFor("T-3").Outcome);
        Assert.Contains(file.RowFor("T-3").Messages, m => m.Contains("Người lạ", StringComparison.Ordinal));
        var t4 = file.RowFor("T-4");
        Assert.Equal(RowOutcome.Created, t4.Outcome);
        Assert.Contains(t4.Messages, m => m.Contains("31/02/2024", StringComparison.Ordinal));
        Assert.Contains(t4.Messages, m => m.Contains("phong trào mới", StringComparison.Ordinal));
        Assert.Equal(["Phong trào \"Ánh sáng làng quê\""], file.NewMovements);
        Assert.Contains(file.Rows, r => r.Row == 7 && r.Outcome == RowOutcome.Rejected && r.Messages.Any(m => m.Contains("trùng với dòng 3", StringComparison.Ordinal)));
        Assert.Contains(file.Rows, r => r.Code == "T-6" && r.Outcome == RowOutcome.Skipped);
        Assert.DoesNotContain(file.Rows, r => r.Code == "Người lập biểu");
        using var json = System.Text.Json.JsonDocument.Parse(new ImportReport { Files = { file } }.ToJson());
        var rows = json.RootElement.GetProperty("files")[0].GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(file.Rows.Count, rows.Count);
        Assert.All(rows, r =>
        {
            foreach (var name in new[] { "row", "code", "outcome", "messages" }) Assert.True(r.TryGetProperty(name, out _), name);
        });

        await using var db = bed.OpenDb();
        var created = await db.Exemplars.Include(e => e.Movement).Include(e => e.Recognitions).SingleAsync(e => e.Code == "T-1");
        Assert.Equal("Nguyễn Văn Hòa", created.Name);
        Assert.Equal("Dạy tốt - Học tốt", created.Movement.Name);
        Assert.Equal(new DateOnly(2024, 4, 5), created.Recognitions.Single().DecisionDate);
        Assert.True((await db.Movements.SingleAsync(m => m.Name == "Phong trào \"Ánh sáng làng quê\"")).NeedsReview);
    }

    [Fact]
    public async Task Same_person_sent_by_another_agency_is_flagged_not_merged_or_doubled()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        await bed.ImportAsync(bed.Write("a.csv", Header + "\n" + Row(1, "A-1", "Nguyễn Văn An", agency: "Trường A", decision: "99/QĐ-UBND")));
        var bReport = await bed.ImportAsync(bed.Write("b.csv", Header + "\n" +
            Row(1, "B-1", "NGUYỄN VĂN AN", agency: "Phòng B", decision: "7/QĐ-X") + "\n" +
            Row(2, "B-2", "Nguyen Van An", agency: "Phòng B", year: "1990", movement: "Khuyến học, khuyến tài, xây dựng xã hội học tập", decision: "99 / QĐ-UBND") + "\n" +
            Row(3, "B-3", "Nguyễn Văn Ân", agency: "Phòng B", year: "1990")));
        var file = bReport.Single();

        Assert.Equal(RowOutcome.Flagged, file.RowFor("B-1").Outcome);
        Assert.Contains(file.RowFor("B-1").Messages, m => m.Contains("giống một gương do cơ quan khác gửi", StringComparison.Ordinal));
        Assert.Equal(RowOutcome.Flagged, file.RowFor("B-2").Outcome);
        Assert.Contains(file.RowFor("B-2").Messages, m => m.Contains("99/QĐ-UBND", StringComparison.Ordinal));
        // B's report tells B only what B sent: not A's exemplar (name, code, id) nor that it is Trường A's.
        foreach (var secret in new[] { "Nguyễn Văn An", "A-1", "Trường A" })
            Assert.DoesNotContain(secret, bReport.ToJson(), StringComparison.Ordinal);
        Assert.Null(file.RowFor("B-1").ExemplarId);
        Assert.Null(file.RowFor("B-2").ExemplarId);
        Assert.Equal(RowOutcome.Created, file.RowFor("B-3").Outcome);
        await using var db = bed.OpenDb();
        Assert.Equal(2, await db.Exemplars.CountAsync());
        // Kept for a person to decide, once, however often the file comes again.
        var flags = await db.ImportFlags.Include(f => f.Agency).OrderBy(f => f.Code).ToListAsync();
        Assert.Equal(["B-1", "B-2"], flags.Select(f => f.Code));
        Assert.All(flags, f => Assert.Equal("Phòng B", f.Agency.Name));
        Assert.Equal((await db.Exemplars.SingleAsync(e => e.Code == "A-1")).Id, flags[0].SimilarExemplarId);
        Assert.Contains("A-1", flags[0].Reason, StringComparison.Ordinal);
        Assert.Contains("Trường A", flags[0].Reason, StringComparison.Ordinal);
        Assert.Contains("NGUYỄN VĂN AN", flags[0].Row, StringComparison.Ordinal);
        var again = (await bed.ImportAsync(Path.Combine(bed.Inbox, "b.csv"))).Single();
        Assert.Equal(2, again.Count(RowOutcome.Flagged));
        Assert.Equal(2, await db.ImportFlags.CountAsync());
    }

    [Fact]
    public async Task Agency_comes_from_the_row_then_the_json_then_the_option()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var noAgency = "Mã hồ sơ,Họ tên,Loại,Phong trào,Trạng thái\nQ-1,Đinh Văn Q,Cá nhân,Dạy tốt - Học tốt,Đã duyệt\n";
        var without = (await bed.ImportAsync(bed.Write("q.csv", noAgency))).Single();
        Assert.Equal(RowOutcome.Rejected, without.RowFor("Q-1").Outcome);
        Assert.Contains(without.RowFor("Q-1").Messages, m => m.Contains("--agency", StringComparison.Ordinal));

        var with = (await bed.ImportAsync(new ImportOptions { Agency = "Huyện đoàn Ia Pa" }, bed.Write("q.csv", noAgency))).Single();
        Assert.Equal(RowOutcome.Created, with.RowFor("Q-1").Outcome);
        Assert.Equal(["Huyện đoàn Ia Pa"], with.NewAgencies);
        await using var db = bed.OpenDb();
        Assert.Equal("Huyện đoàn Ia Pa", (await db.Exemplars.Include(e => e.Agency).SingleAsync()).Agency.Name);
    }

    [Fact]
    public async Task Docx_table_of_exemplars_is_imported_like_a_spreadsheet()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var path = bed.Sample(Samples.WordList);
        var file = (await bed.ImportAsync(path)).Single();
        Assert.Equal(FileStatus.Imported, file.Status);
        Assert.Equal(RowOutcome.Created, file.RowFor("D-1").Outcome);
        Assert.Equal(RowOutcome.Skipped, file.RowFor("D-2").Outcome);
        Assert.Contains(new Redaction("Tóm tắt thành tích", "email"), file.RowFor("D-1").Redactions);
        await using var db = bed.OpenDb();
        Assert.Equal("Dạy giỏi; email [đã ẩn]", (await db.Exemplars.SingleAsync()).Summary);
    }

    [Fact]
    public async Task Docx_story_becomes_an_article_linked_by_its_code()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        await bed.ImportAsync(bed.Sample(Samples.DistrictCsv));
        var path = bed.Sample(Samples.WordStory);
        var file = (await bed.ImportAsync(path)).Single();
        var row = Assert.Single(file.Rows);
        Assert.Equal(RowOutcome.Created, row.Outcome);
        Assert.Contains(new Redaction("Nội dung", "phone"), row.Redactions);
        await using var db = bed.OpenDb();
        var article = await db.Articles.Include(a => a.Exemplars).ThenInclude(x => x.Exemplar).SingleAsync();
        Assert.Equal("IAPA-2024Q3-03", Assert.Single(article.Exemplars).Exemplar.Code);
        Assert.Equal("Đài Truyền thanh huyện", article.Author);
        Assert.DoesNotContain("0987", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_named_jpg_inside_a_package_rejects_its_row_and_the_rest_imports()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var zip = Path.Combine(bed.Inbox, "goi.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(archive.CreateEntry("danh-sach.csv").Open(), new UTF8Encoding(true)))
            {
                await w.WriteAsync("Mã hồ sơ,Họ tên,Loại,Phong trào,Trạng thái,Cơ quan đề xuất,Ảnh\n" +
                                   "Z-1,Võ Văn Z,Cá nhân,Dạy tốt - Học tốt,Đã duyệt,Trường Z,gia.jpg\n" +
                                   "Z-2,Võ Văn Y,Cá nhân,Dạy tốt - Học tốt,Đã duyệt,Trường Z,\n");
            }
            await using (var fake = archive.CreateEntry("anh/gia.jpg").Open())
            {
                await fake.WriteAsync(Samples.Bytes(Samples.HtmlNamedJpg));
            }
        }
        var file = (await bed.ImportAsync(zip)).Single();
        Assert.Equal(RowOutcome.Rejected, file.RowFor("Z-1").Outcome);
        Assert.Contains(file.RowFor("Z-1").Messages, m => m.Contains("gia.jpg", StringComparison.Ordinal) && m.Contains("HTML", StringComparison.Ordinal));
        Assert.Equal(RowOutcome.Created, file.RowFor("Z-2").Outcome);
        Assert.Empty(bed.MediaFiles());
    }

    [Fact]
    public async Task A_jpeg_cut_short_rejects_its_row_as_unreadable_and_the_rest_imports()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        using var noise = NetVips.Image.Gaussnoise(600, 400);
        using var image = noise.Cast(NetVips.Enums.BandFormat.Uchar);
        var whole = image.JpegsaveBuffer();
        var zip = Path.Combine(bed.Inbox, "goi.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(archive.CreateEntry("danh-sach.csv").Open(), new UTF8Encoding(true)))
            {
                await w.WriteAsync("Mã hồ sơ,Họ tên,Loại,Phong trào,Trạng thái,Cơ quan đề xuất,Ảnh\n" +
                                   "C-1,Võ Văn C,Cá nhân,Dạy tốt - Học tốt,Đã duyệt,Trường C,cut.jpg\n" +
                                   "C-2,Võ Văn D,Cá nhân,Dạy tốt - Học tốt,Đã duyệt,Trường C,\n");
            }
            // Cut in the middle of the compressed pixels, as an interrupted copy leaves it: the header reads fine.
            await using (var cut = archive.CreateEntry("anh/cut.jpg").Open())
            {
                await cut.WriteAsync(whole.AsMemory(0, whole.Length * 2 / 3));
            }
        }
        var file = (await bed.ImportAsync(zip)).Single();
        Assert.Equal(RowOutcome.Rejected, file.RowFor("C-1").Outcome);
        Assert.Contains(file.RowFor("C-1").Messages, m => m.Contains("cut.jpg", StringComparison.Ordinal) && m.Contains("ảnh bị hỏng, không đọc được (tệp JPEG bị cắt ngang", StringComparison.Ordinal));
        Assert.Equal(RowOutcome.Created, file.RowFor("C-2").Outcome);
        Assert.Empty(bed.MediaFiles());
    }

    [Fact]
    public async Task Photos_named_after_the_code_belong_to_the_row_and_exif_gps_is_stripped_from_every_stored_file()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var zip = Path.Combine(bed.Inbox, "goi-anh.zip");
        using (var image = (NetVips.Image.Black(800, 600, bands: 3) + new double[] { 90, 140, 200 }).Cast(NetVips.Enums.BandFormat.Uchar))
        using (var tagged = image.Mutate(m => m.Set(NetVips.GValue.GStrType, "exif-ifd3-GPSLatitude", "10/1 45/1 0/1")))
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(archive.CreateEntry("ds.csv").Open(), new UTF8Encoding(false)))
            {
                await w.WriteAsync("Mã hồ sơ;Họ tên;Loại;Phong trào;Trạng thái;Cơ quan đề xuất\nP-7;Lò Văn Pá;Cá nhân;Dân vận khéo;Đã duyệt;Xã P\n");
            }
            await using (var photo = archive.CreateEntry("anh/P-7.jpg").Open())
            {
                await photo.WriteAsync(tagged.JpegsaveBuffer(keep: NetVips.Enums.ForeignKeep.All));
            }
        }
        var file = (await bed.ImportAsync(zip)).Single();
        Assert.Equal(RowOutcome.Created, file.RowFor("P-7").Outcome);
        await using var db = bed.OpenDb();
        var media = (await db.Exemplars.Include(e => e.Photos).ThenInclude(p => p.Media).ThenInclude(m => m.Variants).SingleAsync()).Photos.Single().Media;
        Assert.Equal((800, 600), (media.Width, media.Height));
        var variant = Assert.Single(media.Variants); // narrower than 960: one web version at 480
        Assert.Equal(480, variant.Width);
        using var web = NetVips.Image.NewFromFile(bed.Data.Resolve(variant.StoragePath));
        Assert.DoesNotContain(web.GetFields(), f => f.StartsWith("exif", StringComparison.Ordinal));
        using var original = NetVips.Image.NewFromFile(bed.Data.Resolve(media.StoragePath));
        Assert.DoesNotContain(original.GetFields(), f => f.StartsWith("exif", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Folder_imports_lists_before_articles_so_the_article_finds_its_exemplar()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        bed.Write("a-bai.md", "---\ntitle: Câu chuyện của An\nexemplar: F-1\n---\nAn giúp bạn học.\n");
        bed.Write("z-ds.csv", Header + "\n" + Row(1, "F-1", "Nguyễn Văn An"));
        var report = await bed.ImportAsync(bed.Inbox);
        Assert.Equal(["z-ds.csv", "a-bai.md"], report.Files.Select(f => Path.GetFileName(f.File)));
        Assert.True(report.AllImported);
        await using var db = bed.OpenDb();
        var article = await db.Articles.Include(a => a.Exemplars).ThenInclude(x => x.Exemplar).SingleAsync();
        Assert.Equal("F-1", Assert.Single(article.Exemplars).Exemplar.Code);
    }

    [Fact]
    public async Task An_article_about_an_exemplar_is_known_by_its_exemplar_and_file_so_a_corrected_title_updates_it()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        bed.Write("ds.csv", Header + "\n" + Row(1, "F-1", "Nguyễn Văn An"));
        bed.Write("bai.md", "---\ntitle: Câu chuyện của An\nexemplar: F-1\n---\nAn giúp bạn học.\n");
        Assert.True((await bed.ImportAsync(bed.Inbox)).AllImported);

        bed.Write("bai.md", "---\ntitle: Câu chuyện của thầy An\nexemplar: F-1\n---\nThầy An giúp học trò.\n");
        var file = (await bed.ImportAsync(Path.Combine(bed.Inbox, "bai.md"))).Single();
        Assert.Equal(RowOutcome.Updated, Assert.Single(file.Rows).Outcome);

        await using var db = bed.OpenDb();
        var article = await db.Articles.Include(a => a.Exemplars).ThenInclude(x => x.Exemplar).SingleAsync();
        Assert.Equal("Câu chuyện của thầy An", article.Title);
        Assert.Equal("F-1", Assert.Single(article.Exemplars).Exemplar.Code);
    }

    [Fact]
    public async Task Two_agencies_stories_under_one_title_stay_two_articles()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        bed.Write("ds.csv", Header + "\n" + Row(1, "A-1", "Nguyễn Văn An", agency: "Trường A") + "\n" + Row(2, "B-1", "Trần Thị Bình", agency: "Trường B"));
        bed.Write("a.md", "---\ntitle: Tấm gương sáng\nexemplar: A-1\n---\nCâu chuyện của trường A.\n");
        bed.Write("b.md", "---\ntitle: Tấm gương sáng\nexemplar: B-1\n---\nCâu chuyện của trường B.\n");
        var report = await bed.ImportAsync(bed.Inbox);
        Assert.True(report.AllImported);
        var articleFiles = report.Files.Where(f => f.File.EndsWith(".md", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, articleFiles.Count);
        Assert.All(articleFiles, f => Assert.Equal(RowOutcome.Created, f.Rows.Single().Outcome));

        await using var db = bed.OpenDb();
        var articles = await db.Articles.Include(a => a.Exemplars).ThenInclude(x => x.Exemplar).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([("A-1", "Câu chuyện của trường A."), ("B-1", "Câu chuyện của trường B.")],
            articles.Select(a => (Assert.Single(a.Exemplars).Exemplar.Code, a.Body.Trim())));
    }

    [Fact]
    public async Task An_article_sent_for_one_agency_neither_links_to_nor_updates_another_agencys()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        bed.Write("ds.csv", Header + "\n" + Row(1, "A-1", "Nguyễn Văn An", agency: "Trường A"));
        bed.Write("giot-hong.md", "---\ntitle: Ngày hội Giọt hồng mùa thu\n---\nBài của trường A.\n");
        Assert.True((await bed.ImportAsync(new ImportOptions { Agency = "Trường A" }, bed.Inbox)).AllImported);

        // --agency: same title, A's exemplar's code.
        var other = bed.Write("b.md", "---\ntitle: Ngày hội Giọt hồng mùa thu\nexemplar: A-1\n---\nBài của trường B.\n");
        var row = Assert.Single((await bed.ImportAsync(new ImportOptions { Agency = "Trường B" }, other)).Single().Rows);
        Assert.Equal(RowOutcome.Created, row.Outcome);
        Assert.Contains(row.Messages, m => m.Contains("\"A-1\" không phải hồ sơ của Trường B", StringComparison.Ordinal));
        Assert.DoesNotContain(row.Messages, m => m.Contains("Nguyễn Văn An", StringComparison.Ordinal));

        // The rows' agency column: a package of Trường B's whose article names A's exemplar.
        var zip = Path.Combine(bed.Inbox, "goi-b.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(archive.CreateEntry("ds.csv").Open(), new UTF8Encoding(false)))
                await w.WriteAsync(Header + "\n" + Row(1, "B-1", "Trần Thị Bình", agency: "Trường B"));
            using (var w = new StreamWriter(archive.CreateEntry("bai.md").Open(), new UTF8Encoding(false)))
                await w.WriteAsync("---\ntitle: Chuyện của An\nexemplar: A-1\n---\nTrường B kể về An.\n");
        }
        var packageArticle = (await bed.ImportAsync(zip)).Single().Rows.Single(r => r.Kind == "article");
        Assert.Contains(packageArticle.Messages, m => m.Contains("\"A-1\" không phải hồ sơ của Trường B", StringComparison.Ordinal));

        await using var db = bed.OpenDb();
        var articles = await db.Articles.Include(a => a.Agency).Include(a => a.Exemplars).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([("Trường A", "Bài của trường A.", 0), ("Trường B", "Bài của trường B.", 0), ("Trường B", "Trường B kể về An.", 0)],
            articles.Select(a => (a.Agency!.Name, a.Body.Trim(), a.Exemplars.Count)));
    }

    [Fact]
    public async Task A_readme_beside_the_lists_is_said_and_left_alone_not_imported_as_an_article()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        bed.Write("README.md", "# Hướng dẫn gửi hồ sơ\n\nGửi danh sách và ảnh trước ngày 15.\n");
        bed.Write("a-bai.md", "---\ntitle: Câu chuyện của An\nexemplar: F-1\n---\nAn giúp bạn học.\n");
        bed.Write("z-ds.csv", Header + "\n" + Row(1, "F-1", "Nguyễn Văn An"));
        var zip = Path.Combine(bed.Inbox, "goi.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(archive.CreateEntry("ds.csv").Open(), new UTF8Encoding(false)))
            {
                await w.WriteAsync(Header + "\n" + Row(1, "G-1", "Trần Thị Bình"));
            }
            using (var w = new StreamWriter(archive.CreateEntry("ghi-chu/README.md").Open(), new UTF8Encoding(true)))
            {
                await w.WriteAsync("# Ghi chú của văn thư\r\nDanh sách đã được lãnh đạo ký.\r\n");
            }
        }

        var report = await bed.ImportAsync(bed.Inbox);
        Assert.True(report.AllImported);
        Assert.Equal(["goi.zip", "z-ds.csv", "a-bai.md"], report.Files.Select(f => Path.GetFileName(f.File)));
        var ignored = Assert.Single(report.Ignored);
        Assert.Equal("README.md", Path.GetFileName(ignored.File));
        Assert.Contains("không phải bài viết", ignored.Reason, StringComparison.Ordinal);
        var inPackage = Assert.Single(report.Files[0].Ignored);
        Assert.Equal("ghi-chu/README.md", inPackage.File);
        Assert.Equal(RowOutcome.Created, report.Files[0].RowFor("G-1").Outcome);

        var printed = new StringWriter();
        ReportPrinter.Print(report, printed);
        Assert.Contains("Bỏ qua ghi-chu/README.md: tệp Markdown không có phần đầu YAML", printed.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"ignored\"", report.ToJson(), StringComparison.Ordinal);

        await using var db = bed.OpenDb();
        Assert.Equal(["Câu chuyện của An"], await db.Articles.Select(a => a.Title).ToListAsync());
    }

    [Fact]
    public async Task Xlsx_notes_sheet_naming_some_columns_does_not_reject_the_list_sheet()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var path = Path.Combine(bed.Inbox, "hai-trang.xlsx");
        var notes = new[] { new Dictionary<string, object?> { ["Mã hồ sơ"] = "mã do đơn vị tự đặt", ["Họ tên"] = "ghi đủ họ tên", ["Ảnh"] = "tên tệp ảnh" } };
        var list = new[]
        {
            new Dictionary<string, object?> { ["Mã hồ sơ"] = "S-1", ["Họ tên"] = "Đặng Thị Sen", ["Loại"] = "Cá nhân", ["Phong trào"] = "Hiến máu tình nguyện", ["Trạng thái"] = "Đã duyệt", ["Cơ quan đề xuất"] = "Hội Chữ thập đỏ", ["Ngày QĐ"] = new DateTime(2024, 11, 3) },
        };
        MiniExcelLibs.MiniExcel.SaveAs(path, new Dictionary<string, object> { ["Chú thích"] = notes, ["Danh sách"] = list });

        var file = (await bed.ImportAsync(path)).Single();
        Assert.Equal(FileStatus.Imported, file.Status);
        Assert.Equal(RowOutcome.Created, file.RowFor("S-1").Outcome);
        await using var db = bed.OpenDb();
        var sen = await db.Exemplars.Include(e => e.Recognitions).Include(e => e.Movement).SingleAsync();
        Assert.Equal(new DateOnly(2024, 11, 3), sen.Recognitions.Single().DecisionDate);
        Assert.Equal("Hiến máu tình nguyện", sen.Movement.Name);
    }

    [Fact]
    public async Task Push_for_an_agency_writes_only_that_agencys_exemplars()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        await using (var db = bed.OpenDb())
        {
            db.Agencies.Add(new Agency { Code = "ia-pa", Name = "UBND huyện Ia Pa, tỉnh Gia Lai", Key = "ubnd huyen ia pa tinh gia lai", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        await using var json = new MemoryStream(Samples.Bytes(Samples.DistrictJson));
        var file = await bed.Service.ImportStreamAsync(json, "day-len.json", new ImportOptions { ForcedAgencyCode = "ia-pa", Actor = "api:ia-pa" });
        Assert.Equal(3, file.Count(RowOutcome.Created));
        Assert.Empty(file.NewAgencies);
        await using var check = bed.OpenDb();
        var pushed = await check.Exemplars.Include(e => e.Agency).ToListAsync();
        Assert.Equal(3, pushed.Count);
        Assert.All(pushed, e => Assert.Equal("ia-pa", e.Agency.Code));
        Assert.Empty(Directory.EnumerateFileSystemEntries(bed.Data.ImportWorkPath));
    }
}
