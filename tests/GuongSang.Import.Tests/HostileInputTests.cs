using System.IO.Compression;
using System.Text;
using GuongSang.Content.Model;

namespace GuongSang.Import.Tests;

/// <summary>
/// Files a hostile or careless agency could send with its own valid key: each is refused with a
/// Vietnamese reason before a parser can crash the process, pin a core or fill the memory, and
/// nothing is written. Every import here has a backstop bound: it must finish, not just pass.
/// </summary>
public class HostileInputTests
{
    private static readonly TimeSpan Backstop = TimeSpan.FromMinutes(3);

    private const string Header = "Mã hồ sơ;Loại điển hình;Họ và tên;Phong trào thi đua;Tóm tắt thành tích;Trạng thái";

    /// <summary>
    /// The import on a pool thread, awaited with a generous bound: a reader that hangs (even before its
    /// first await) fails the test instead of hanging the run.
    /// </summary>
    private static Task<ImportReport> Bounded(Func<Task<ImportReport>> import) => Task.Run(import).WaitAsync(Backstop);

    private static async Task<FileReport> ImportRejectedAsync(ImportTestBed bed, string path, ImportOptions? options = null)
    {
        var before = await bed.SnapshotAsync();
        var file = (await Bounded(() => bed.Service.ImportAsync([path], options ?? new ImportOptions()))).Single();
        Assert.Equal(FileStatus.Rejected, file.Status);
        Assert.Contains(Path.GetFileName(path), file.Error, StringComparison.Ordinal);
        Assert.Equal(before, await bed.SnapshotAsync());
        Assert.Empty(bed.MediaFiles());
        return file;
    }

    [Fact]
    public async Task Front_matter_with_100000_nested_brackets_is_refused_before_the_yaml_parser()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var path = bed.Write("long-ngoac.md", "---\ntitle: " + new string('[', 100_000) + "\n---\n# Bài\nNội dung\n");
        var file = await ImportRejectedAsync(bed, path);
        Assert.Contains("phần đầu YAML", file.Error, StringComparison.Ordinal);
        Assert.Contains("quá giới hạn 16 KiB", file.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tags: [[[[[[[[[[[[[[[[[a]]]]]]]]]]]]]]]]]")]
    [InlineData("tags: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: 1}}}}}}}}}}}}}}}}}")]
    [InlineData("tags:\n- - - - - - - - - - - - - - - - - - x")]
    public async Task Front_matter_nested_deeper_than_a_real_one_is_refused(string nested)
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var path = bed.Write("long-sau.md", "---\ntitle: Bài viết\n" + nested + "\n---\nNội dung\n");
        var file = await ImportRejectedAsync(bed, path);
        Assert.Contains("phần đầu YAML lồng quá 16 cấp", file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docx_nesting_custom_xml_100000_deep_is_refused_before_the_office_sdk()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        const int depth = 100_000;
        var body = new StringBuilder("<w:p><w:r><w:t>Câu chuyện</w:t></w:r></w:p>");
        for (var i = 0; i < depth; i++) body.Append("<w:customXml w:element=\"x\">");
        body.Append("<w:p/>");
        for (var i = 0; i < depth; i++) body.Append("</w:customXml>");
        var path = bed.WriteBytes("long-sau.docx", Package(
            ("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"""),
            ("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""),
            ("word/document.xml", $"""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>""")));
        Assert.True(new FileInfo(path).Length < 64 << 10);
        var file = await ImportRejectedAsync(bed, path);
        Assert.Contains("\"word/document.xml\"", file.Error, StringComparison.Ordinal);
        Assert.Contains("sâu hơn 128 cấp", file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_with_a_cell_in_column_XFD_is_refused_without_building_its_rows()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var path = bed.WriteBytes("rong.xlsx", Sheet("A1:XFD1048576", HeaderRow + """<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row><row r="1048576"><c r="A1048576" t="inlineStr"><is><t>y</t></is></c></row>"""));
        var file = await ImportRejectedAsync(bed, path);
        Assert.Contains("cột thứ 16.384, quá giới hạn 100 cột", file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_with_a_cell_in_row_1048576_is_refused_without_building_the_rows_between()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var path = bed.WriteBytes("dai.xlsx", Sheet("A1:F1048576", HeaderRow + """<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>y</t></is></c></row>"""));
        var file = await ImportRejectedAsync(bed, path);
        Assert.Contains("dòng 1.048.576, quá giới hạn 20.000 dòng", file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_rows_far_apart_are_read_at_their_own_numbers_and_the_gap_costs_nothing()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var path = bed.WriteBytes("thua.xlsx", Sheet("A1:F19999", HeaderRow + Row(19_999, "XA-1", "Nguyễn Văn Xa")));
        var file = (await Bounded(() => bed.ImportAsync(path))).Single();
        Assert.Equal(FileStatus.Imported, file.Status);
        Assert.Equal(19_999, file.RowFor("XA-1").Row);
        Assert.Equal(RowOutcome.Created, file.RowFor("XA-1").Outcome);
    }

    [Fact]
    public async Task Xlsx_whose_shared_strings_unpack_past_the_part_limit_is_refused()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        // 33 MiB of one repeated string: a few hundred kilobytes packed.
        var strings = new StringBuilder("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        var item = "<si><t>" + new string('a', 1000) + "</t></si>";
        while (strings.Length < 33 << 20) strings.Append(item);
        strings.Append("</sst>");
        var path = bed.WriteBytes("chuoi-lon.xlsx", Sheet("A1:F1", HeaderRow, ("xl/sharedStrings.xml", strings.ToString())));
        var file = await ImportRejectedAsync(bed, path);
        Assert.Contains("\"xl/sharedStrings.xml\"", file.Error, StringComparison.Ordinal);
        Assert.Contains("hơn 32 MiB", file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_repeating_one_long_shared_string_in_every_row_is_refused_past_the_table_text_limit()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        // 7,000 cells × 5,000 characters = 35,000,000 characters of text from a file of a few kilobytes.
        var strings = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>" + new string('a', 5_000) + "</t></si></sst>";
        var rows = string.Concat(Enumerable.Range(2, 7_000).Select(r => $"<row r=\"{r}\"><c r=\"E{r}\" t=\"s\"><v>0</v></c></row>"));
        var path = bed.WriteBytes("chuoi-lap.xlsx", Sheet("A1:F7001", HeaderRow + rows, ("xl/sharedStrings.xml", strings)));
        var file = await ImportRejectedAsync(bed, path);
        Assert.Contains("hơn 16.000.000 ký tự, quá giới hạn của một danh sách", file.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task A_summary_of_six_megabytes_rejects_its_row_naming_the_column_and_the_limit(string format)
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var huge = new string('a', 6_000_000);
        var path = format == "csv"
            ? bed.Write("tom-tat.csv", Header + "\nTT-1;Cá nhân;Lê Văn Dài;Dạy tốt - Học tốt;" + huge + ";Đã duyệt\nTT-2;Cá nhân;Lê Văn Ngắn;Dạy tốt - Học tốt;Thành tích tốt;Đã duyệt\n")
            : bed.Write("tom-tat.json", System.Text.Json.JsonSerializer.Serialize(new
            {
                agency = "Trường THCS Long Sơn",
                exemplars = new[]
                {
                    new { code = "TT-1", kind = "Cá nhân", name = "Lê Văn Dài", movement = "Dạy tốt - Học tốt", summary = huge, status = "Đã duyệt" },
                    new { code = "TT-2", kind = "Cá nhân", name = "Lê Văn Ngắn", movement = "Dạy tốt - Học tốt", summary = "Thành tích tốt", status = "Đã duyệt" },
                },
            }));
        var file = (await Bounded(() => bed.ImportAsync(new ImportOptions { Agency = "Trường THCS Long Sơn" }, path))).Single();
        var row = file.RowFor("TT-1");
        Assert.Equal(RowOutcome.Rejected, row.Outcome);
        Assert.Contains(row.Messages, m => m.Contains("cột \"Tóm tắt thành tích\" dài 6.000.000 ký tự, quá giới hạn 5.000 ký tự", StringComparison.Ordinal));
        Assert.Equal(RowOutcome.Created, file.RowFor("TT-2").Outcome);
        await using var db = bed.OpenDb();
        Assert.DoesNotContain(db.Exemplars, e => e.Code == "TT-1");
    }

    [Fact]
    public async Task Markdown_article_longer_than_any_real_one_is_refused()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var path = bed.Write("bai-dai.md", "---\ntitle: Bài rất dài\n---\n" + string.Concat(Enumerable.Repeat("Một đoạn văn.\n\n", 8_000)));
        var file = await ImportRejectedAsync(bed, path);
        Assert.Contains("nội dung dài", file.Error, StringComparison.Ordinal);
        Assert.Contains("quá giới hạn 100.000 ký tự", file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_list_heavier_than_the_file_limit_is_refused_before_it_is_read()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var path = Path.Combine(bed.Inbox, "nang.csv");
        await using (var stream = File.Create(path))
        {
            stream.Write(Encoding.UTF8.GetBytes(Header + "\n"));
            stream.SetLength((16L << 20) + 1);
        }
        var file = await ImportRejectedAsync(bed, path);
        Assert.Contains("quá giới hạn 16 MiB", file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_past_its_time_budget_is_rejected_and_rolled_back()
    {
        var clock = new ManualClock();
        await using var bed = await ImportTestBed.CreateAsync();
        var service = new ImportService(bed.Data, clock);
        var path = bed.Write("cham.csv", Header + "\n" + string.Join("\n", Enumerable.Range(1, 20).Select(i => $"CH-{i};Cá nhân;Người {i};Dạy tốt - Học tốt;Tốt;Đã duyệt")));
        var before = await bed.SnapshotAsync();
        // The budget runs out while rows are being written.
        var options = new ImportOptions { Agency = "Trường THCS Long Sơn", TimeBudget = TimeSpan.FromMinutes(2), AfterRowApplied = n => { if (n == 5) clock.FireAll(); } };
        var file = (await Bounded(() => service.ImportAsync([path], options))).Single();
        Assert.Equal(FileStatus.Rejected, file.Status);
        Assert.Contains("chưa xong sau 2 phút", file.Error, StringComparison.Ordinal);
        Assert.Contains("không có gì được ghi", file.Error, StringComparison.Ordinal);
        Assert.Equal(before, await bed.SnapshotAsync());
    }

    // ------------------------------------------------------------------ building files by hand

    private const string HeaderRow = """<row r="1"><c r="A1" t="inlineStr"><is><t>Mã hồ sơ</t></is></c><c r="B1" t="inlineStr"><is><t>Loại điển hình</t></is></c><c r="C1" t="inlineStr"><is><t>Họ và tên</t></is></c><c r="D1" t="inlineStr"><is><t>Phong trào thi đua</t></is></c><c r="E1" t="inlineStr"><is><t>Cơ quan đề xuất</t></is></c><c r="F1" t="inlineStr"><is><t>Trạng thái</t></is></c></row>""";

    private static string Row(int r, string code, string name) =>
        $"""<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{code}</t></is></c><c r="B{r}" t="inlineStr"><is><t>Cá nhân</t></is></c><c r="C{r}" t="inlineStr"><is><t>{name}</t></is></c><c r="D{r}" t="inlineStr"><is><t>Dạy tốt - Học tốt</t></is></c><c r="E{r}" t="inlineStr"><is><t>Trường THCS Long Sơn</t></is></c><c r="F{r}" t="inlineStr"><is><t>Đã duyệt</t></is></c></row>""";

    /// <summary>A one-sheet workbook with the given dimension and rows, plus any extra parts.</summary>
    private static byte[] Sheet(string dimension, string rows, params (string Name, string Xml)[] extra)
    {
        const string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var relations = $"""<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>""";
        if (extra.Any(p => p.Name == "xl/sharedStrings.xml")) relations += $"""<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>""";
        return Package([
            ("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"""),
            ("_rels/.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""),
            ("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}" xmlns:r="{rel}"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>"""),
            ("xl/_rels/workbook.xml.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{relations}</Relationships>"""),
            ("xl/worksheets/sheet1.xml", $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>"""),
            .. extra,
        ]);
    }

    private static byte[] Package(params (string Name, string Xml)[] parts)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, xml) in parts)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(Encoding.UTF8.GetBytes(xml));
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A clock whose timers fire when the test says so: the time budget runs out on cue.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private readonly List<Timer> _timers = [];

        public override DateTimeOffset GetUtcNow() => new(2025, 6, 1, 3, 0, 0, TimeSpan.Zero);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new Timer(callback, state);
            lock (_timers) _timers.Add(timer);
            return timer;
        }

        public void FireAll()
        {
            List<Timer> timers;
            lock (_timers) timers = [.. _timers];
            foreach (var timer in timers) timer.Fire();
        }

        private sealed class Timer(TimerCallback callback, object? state) : ITimer
        {
            private bool _disposed;

            public void Fire()
            {
                if (!_disposed) callback(state);
            }

            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose() => _disposed = true;

            public ValueTask DisposeAsync()
            {
                _disposed = true;
                return ValueTask.CompletedTask;
            }
        }
    }
}
