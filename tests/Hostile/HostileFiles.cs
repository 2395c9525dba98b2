using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace GuongSang.Tests;

/// <summary>
/// The corpus of hostile files (tests/Hostile): what a careless or hostile agency could send with its own
/// valid key, each with what the importer must do with it. The small files are checked in beside this file,
/// so other tools can read them; the large ones are built when a test asks for them. Every file is built
/// here, in one place: a test checks that each checked-in file is what its builder makes.
/// Linked into each test project that pushes or imports hostile files.
/// </summary>
internal static class HostileFiles
{
    /// <summary>
    /// What must happen to a file: refused, with these words in the error, or read, with these row outcomes.
    /// </summary>
    public sealed record Expectation(string[] Error, (string Code, string Outcome)[] Rows)
    {
        public bool Rejected => Error.Length > 0;
    }

    /// <summary>One hostile file: its name, why it is hostile, how it is built, and what must happen to it.</summary>
    public sealed record Case(string Name, string Why, bool Large, Func<byte[]> Build, Expectation Expect)
    {
        public override string ToString() => Name;
    }

    private static Expectation Refused(params string[] error) => new(error, []);

    private static Expectation Read(params (string Code, string Outcome)[] rows) => new([], rows);

    /// <summary>The agency every corpus list names, so each imports as it is (no --agency needed).</summary>
    public const string Agency = "Trường THCS Long Sơn";

    private const string CsvHeader = "Mã hồ sơ;Loại điển hình;Họ và tên;Phong trào thi đua;Tóm tắt thành tích;Cơ quan đề xuất;Trạng thái";

    private static string CsvRow(string code, string name, string summary) => $"{code};Cá nhân;{name};Dạy tốt - Học tốt;{summary};{Agency};Đã duyệt";

    public static readonly Case[] All =
    [
        // ------------------------------------------------------------ Markdown front matter
        new("front-matter-100000-ngoac.md", "front matter nesting 100,000 \"[\": YamlDotNet recurses once a level", false,
            () => Utf8("---\ntitle: " + new string('[', 100_000) + "\n---\n# Bài\nNội dung\n"),
            Refused("phần đầu YAML", "quá giới hạn 16 KiB")),
        new("front-matter-long-sau-ngoac.md", "flow sequences nested 17 deep", false,
            () => Article("tags: [[[[[[[[[[[[[[[[[a]]]]]]]]]]]]]]]]]"), Refused("phần đầu YAML lồng quá 16 cấp")),
        new("front-matter-long-sau-ngoac-nhon.md", "flow mappings nested 17 deep", false,
            () => Article("tags: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: 1}}}}}}}}}}}}}}}}}"), Refused("phần đầu YAML lồng quá 16 cấp")),
        new("front-matter-long-sau-gach.md", "block sequences nested 18 deep on one line", false,
            () => Article("tags:\n- - - - - - - - - - - - - - - - - - x"), Refused("phần đầu YAML lồng quá 16 cấp")),
        new("front-matter-ngoac-chua-dong.md", "a tag list whose \"[\" is never closed: YamlDotNet's scanner fails with an InvalidOperationException", false,
            () => Article("tags: [giáo dục, đọc sách\ncover: anh.jpg"), Refused("phần đầu YAML không đọc được")),
        new("bai-viet-qua-dai.md", "an article body of 136,000 characters", true,
            () => Utf8("---\ntitle: Bài rất dài\n---\n" + string.Concat(Enumerable.Repeat("Một đoạn văn.\n\n", 8_000))),
            Refused("nội dung dài", "quá giới hạn 100.000 ký tự")),

        // ------------------------------------------------------------ Word
        new("word-customxml-100000-cap.docx", "11 KB of w:customXml nested 100,000 deep: the Open XML SDK recurses once a level", false,
            DeepWord, Refused("\"word/document.xml\"", "sâu hơn 128 cấp")),
        new("word-phan-nen-hong.docx", "the packed bytes of word/document.xml do not unpack", false,
            () => DamageEntry(Word("<w:p><w:r><w:t>Câu chuyện</w:t></w:r></w:p>"), "word/document.xml"),
            Refused("bị hỏng, không mở được", "\"word/document.xml\"")),
        new("word-thieu-phan.docx", "the package names word/document.xml but lacks it", false,
            () => Package(WordParts("").Where(p => p.Name != "word/document.xml").ToArray()), Refused("tài liệu Word bị hỏng")),

        // ------------------------------------------------------------ Excel
        new("excel-o-XFD.xlsx", "1.7 KB claiming A1:XFD1048576, a cell in column XFD and one in row 1,048,576", false,
            () => Sheet("A1:XFD1048576", HeaderRow + """<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row><row r="1048576"><c r="A1048576" t="inlineStr"><is><t>y</t></is></c></row>"""),
            Refused("cột thứ 16.384, quá giới hạn 100 cột")),
        new("excel-dong-1048576.xlsx", "a cell in row 1,048,576", false,
            () => Sheet("A1:F1048576", HeaderRow + """<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>y</t></is></c></row>"""),
            Refused("dòng 1.048.576, quá giới hạn 20.000 dòng")),
        new("excel-dong-xa-nhau.xlsx", "the header in row 1 and one row at 19,999: the gap must cost nothing", false,
            () => Sheet("A1:F19999", HeaderRow + Row(19_999, "XA-1", "Nguyễn Văn Xa")), Read(("XA-1", "created"))),
        new("excel-chuoi-lap.xlsx", "a few kilobytes repeating one 5,000-character shared string in 7,000 cells", false,
            () => Sheet("A1:F7001", HeaderRow + string.Concat(Enumerable.Range(2, 7_000).Select(r => $"<row r=\"{r}\"><c r=\"E{r}\" t=\"s\"><v>0</v></c></row>")),
                ("xl/sharedStrings.xml", "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>" + new string('a', 5_000) + "</t></si></sst>")),
            Refused("hơn 16.000.000 ký tự, quá giới hạn của một danh sách")),
        new("excel-thu-muc-sai.xlsx", "the zip's end record counts more entries than its directory holds", false,
            () => MiscountEntries(Sheet("A1:F2", HeaderRow + Row(2, "TM-1", "Lê Văn Mục"))), Refused("tệp Excel bị hỏng")),
        new("excel-trang-316-mb.xlsx", "a worksheet of 316 MB packed into a small file", true,
            HugeSheet, Refused("\"xl/worksheets/sheet1.xml\"", "hơn 64 MiB")),
        new("excel-chuoi-dung-chung-33-mb.xlsx", "33 MiB of shared strings, a few hundred kilobytes packed", true,
            () => Sheet("A1:F1", HeaderRow, ("xl/sharedStrings.xml", LargeSharedStrings())), Refused("\"xl/sharedStrings.xml\"", "hơn 32 MiB")),

        // ------------------------------------------------------------ CSV and JSON
        new("noi-dung-200-cap-trich-dan.csv", "a story of \">\" nested 200 deep: its row is refused, the other imported", false,
            () => Utf8(CsvHeader + ";Nội dung\n" + CsvRow("SAU-1", "Nguyễn Văn An", "Tốt") + ";" + new string('>', 200) + " Trích dẫn lồng sâu\n" +
                       CsvRow("SAU-2", "Trần Thị Bình", "Tốt") + ";> Câu chuyện *bình thường*\n"),
            Read(("SAU-1", "rejected"), ("SAU-2", "created"))),
        new("csv-utf16-ky-tu-fffe.csv", "UTF-16 whose bytes FE FF read as U+FFFE, on which NFC is undefined (as misaligned UTF-16 gives)", false,
            () => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(CsvHeader + "\nKT-1;Cá nhân;Lê Văn "), 0xFE, 0xFF, .. Encoding.Unicode.GetBytes(";Dạy tốt - Học tốt;Tốt;" + Agency + ";Đã duyệt\n")],
            Refused("dòng 2", "ký tự không hợp lệ U+FFFE")),
        new("json-nua-cap-utf16.json", "a JSON \"\\ud800\" escape: half of a surrogate pair, which System.Text.Json refuses only when the string is read", false,
            () => Utf8("{\"agency\":\"" + Agency + "\",\"exemplars\":[{\"code\":\"NC-2\",\"kind\":\"Cá nhân\",\"name\":\"Lê Văn \\ud800\",\"movement\":\"Dạy tốt - Học tốt\",\"status\":\"Đã duyệt\"}]}"),
            Refused("mục 1, trường \"name\"", "nửa cặp ký tự UTF-16 như \"\\ud800\"")),
        new("json-byte-khong-phai-utf8.json", "a UTF-8 byte order mark, then a byte that is no UTF-8 inside a string", false,
            () => [0xEF, 0xBB, 0xBF, .. Utf8("{\"agency\":\"" + Agency + "\",\"exemplars\":[{\"code\":\"U8-1\",\"kind\":\"Cá nhân\",\"name\":\"Lê Văn "), 0xCC,
                   .. Utf8("\",\"movement\":\"Dạy tốt - Học tốt\",\"status\":\"Đã duyệt\"}]}")],
            Refused("mục 1, trường \"name\"", "byte không phải UTF-8")),
        new("tom-tat-6-mb.csv", "a summary of 6,000,000 characters: its row is refused, the other imported", true,
            () => Utf8(CsvHeader + "\n" + CsvRow("TT-1", "Lê Văn Dài", new string('a', 6_000_000)) + "\n" + CsvRow("TT-2", "Lê Văn Ngắn", "Thành tích tốt") + "\n"),
            Read(("TT-1", "rejected"), ("TT-2", "created"))),
        new("tom-tat-6-mb.json", "the same in JSON", true,
            () => Utf8(System.Text.Json.JsonSerializer.Serialize(new
            {
                agency = Agency,
                exemplars = new[]
                {
                    new { code = "TT-1", kind = "Cá nhân", name = "Lê Thị Dài", movement = "Dạy tốt - Học tốt", summary = new string('a', 6_000_000), status = "Đã duyệt" },
                    // Names of their own: pushed after the CSV to one site, the CSV's names would be flagged as the same people.
                    new { code = "TT-2", kind = "Cá nhân", name = "Lê Thị Ngắn", movement = "Dạy tốt - Học tốt", summary = "Thành tích tốt", status = "Đã duyệt" },
                },
            })),
            Read(("TT-1", "rejected"), ("TT-2", "created"))),
        new("json-50-mb.json", "a JSON list of 50 MB", true, LargeJson, Refused("danh sách JSON", "quá giới hạn 16 MiB")),
        new("csv-40-mb-tcvn3.csv", "a CSV of 40 MB in TCVN3 (not UTF-8)", true, LargeTcvn3Csv, Refused("danh sách CSV", "quá giới hạn 16 MiB")),

        // ------------------------------------------------------------ packages
        new("goi-trung-ten.zip", "two entries with one name", false,
            () => Package(("danh-sach.csv", CsvHeader + "\n" + CsvRow("Z-1", "Võ Văn Z", "Tốt") + "\n"), ("danh-sach.csv", CsvHeader + "\n")),
            Refused("hai mục cùng tên \"danh-sach.csv\"")),
        new("goi-ten-dai.zip", "an entry name of 304 characters", false,
            () => Package((new string('a', 300) + ".csv", CsvHeader + "\n" + CsvRow("Z-2", "Võ Văn Y", "Tốt") + "\n")),
            Refused("tên quá dài")),
        new("goi-thu-muc-sai.zip", "the zip's end record counts more entries than its directory holds", false,
            () => MiscountEntries(Package(("danh-sach.csv", CsvHeader + "\n" + CsvRow("Z-3", "Võ Văn X", "Tốt") + "\n"))), Refused("tệp .zip bị hỏng")),
        new("goi-muc-nen-hong.zip", "the packed bytes of an entry do not unpack", false,
            () => DamageEntry(Package(("danh-sach.csv", CsvHeader + "\n" + CsvRow("Z-4", "Võ Văn W", "Tốt") + "\n")), "danh-sach.csv"),
            Refused("mục \"danh-sach.csv\" trong gói bị hỏng")),
    ];

    public static Case Named(string name) => All.Single(c => c.Name == name);

    /// <summary>The checked-in folder of the corpus, as copied beside the tests.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Hostile");

    /// <summary>A file's bytes: a small one as checked in, a large one built now.</summary>
    public static byte[] Bytes(Case file) => file.Large ? file.Build() : File.ReadAllBytes(Path.Combine(Folder, file.Name));

    // ------------------------------------------------------------------ builders

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Article(string frontMatter) => Utf8("---\ntitle: Bài viết\n" + frontMatter + "\n---\nNội dung\n");

    private static byte[] DeepWord()
    {
        const int depth = 100_000;
        var body = new StringBuilder("<w:p><w:r><w:t>Câu chuyện</w:t></w:r></w:p>");
        for (var i = 0; i < depth; i++) body.Append("<w:customXml w:element=\"x\">");
        body.Append("<w:p/>");
        for (var i = 0; i < depth; i++) body.Append("</w:customXml>");
        return Word(body.ToString());
    }

    private static byte[] Word(string body) => Package(WordParts(body));

    private static (string Name, string Xml)[] WordParts(string body) =>
    [
        ("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"""),
        ("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""),
        ("word/document.xml", $"""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"""),
    ];

    private const string HeaderRow = """<row r="1"><c r="A1" t="inlineStr"><is><t>Mã hồ sơ</t></is></c><c r="B1" t="inlineStr"><is><t>Loại điển hình</t></is></c><c r="C1" t="inlineStr"><is><t>Họ và tên</t></is></c><c r="D1" t="inlineStr"><is><t>Phong trào thi đua</t></is></c><c r="E1" t="inlineStr"><is><t>Cơ quan đề xuất</t></is></c><c r="F1" t="inlineStr"><is><t>Trạng thái</t></is></c></row>""";

    private static string Row(int r, string code, string name) =>
        $"""<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{code}</t></is></c><c r="B{r}" t="inlineStr"><is><t>Cá nhân</t></is></c><c r="C{r}" t="inlineStr"><is><t>{name}</t></is></c><c r="D{r}" t="inlineStr"><is><t>Dạy tốt - Học tốt</t></is></c><c r="E{r}" t="inlineStr"><is><t>{Agency}</t></is></c><c r="F{r}" t="inlineStr"><is><t>Đã duyệt</t></is></c></row>""";

    private const string SheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>A one-sheet workbook with the given dimension and rows, plus any extra parts.</summary>
    private static byte[] Sheet(string dimension, string rows, params (string Name, string Xml)[] extra) =>
        Package([.. WorkbookParts(extra.Any(p => p.Name == "xl/sharedStrings.xml")),
            ("xl/worksheets/sheet1.xml", $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{SheetNamespace}"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>"""),
            .. extra]);

    private static (string Name, string Xml)[] WorkbookParts(bool sharedStrings)
    {
        var relations = $"""<Relationship Id="rId1" Type="{RelationshipNamespace}/worksheet" Target="worksheets/sheet1.xml"/>""";
        if (sharedStrings) relations += $"""<Relationship Id="rId2" Type="{RelationshipNamespace}/sharedStrings" Target="sharedStrings.xml"/>""";
        return
        [
            ("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"""),
            ("_rels/.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{RelationshipNamespace}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""),
            ("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{SheetNamespace}" xmlns:r="{RelationshipNamespace}"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>"""),
            ("xl/_rels/workbook.xml.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{relations}</Relationships>"""),
        ];
    }

    /// <summary>A worksheet of 316 MB streamed into the package, never held whole.</summary>
    private static byte[] HugeSheet()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, xml) in WorkbookParts(sharedStrings: false)) Add(zip, name, Utf8(xml));
            var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal);
            entry.LastWriteTime = Timestamp;
            using var sheet = entry.Open();
            sheet.Write(Utf8($"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{SheetNamespace}"><sheetData>{HeaderRow}"""));
            var row = Utf8("""<row><c t="inlineStr"><is><t>x</t></is></c></row>""");
            for (long written = 0; written < 316_000_000; written += row.Length) sheet.Write(row);
            sheet.Write(Utf8("</sheetData></worksheet>"));
        }
        return buffer.ToArray();
    }

    private static string LargeSharedStrings()
    {
        var strings = new StringBuilder("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        var item = "<si><t>" + new string('a', 1000) + "</t></si>";
        while (strings.Length < 33 << 20) strings.Append(item);
        return strings.Append("</sst>").ToString();
    }

    private static byte[] LargeJson()
    {
        var rows = new StringBuilder("{\"agency\":\"" + Agency + "\",\"exemplars\":[");
        for (var i = 0; rows.Length < 50 << 20; i++)
            rows.Append($"{{\"code\":\"J-{i}\",\"kind\":\"Cá nhân\",\"name\":\"Người {i}\",\"movement\":\"Dạy tốt - Học tốt\",\"summary\":\"{new string('a', 500)}\",\"status\":\"Đã duyệt\"}},");
        rows.Length--;
        return Utf8(rows.Append("]}").ToString());
    }

    private static byte[] LargeTcvn3Csv()
    {
        var text = new StringBuilder("Ma ho so;Loai dien hinh;Ho va ten;Phong trao thi dua;Tom tat thanh tich;Co quan de xuat;Trang thai\n");
        for (var i = 0; text.Length < 40 << 20; i++) text.Append(CsvRow($"T-{i}", $"Người thứ {i}", "Vận động hộ gia đình tham gia hiến máu tình nguyện " + new string('x', 400))).Append('\n');
        return GuongSang.Import.Reading.LegacyVietnamese.EncodeTcvn3(text.ToString());
    }

    private static readonly DateTimeOffset Timestamp = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A zip of text entries, byte for byte the same each time (fixed timestamps).</summary>
    private static byte[] Package(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries) Add(zip, name, Utf8(text));
        }
        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = Timestamp;
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    /// <summary>The packed bytes of one entry overwritten with a deflate block of the reserved type, which no inflater reads.</summary>
    private static byte[] DamageEntry(byte[] zip, string entryName)
    {
        var output = (byte[])zip.Clone();
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 30 < output.Length; i++)
        {
            // Local file header: signature, then the name at offset 30 after two length fields at 26 and 28.
            if (BinaryPrimitives.ReadUInt32LittleEndian(output.AsSpan(i)) != 0x04034b50) continue;
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(output.AsSpan(i + 26));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(output.AsSpan(i + 28));
            if (!output.AsSpan(i + 30, nameLength).SequenceEqual(name)) continue;
            output.AsSpan(i + 30 + nameLength + extraLength, 4).Fill(0xFF);
            return output;
        }
        throw new InvalidOperationException($"no entry {entryName}");
    }

    /// <summary>The end-of-central-directory record made to count one entry more than the directory holds.</summary>
    private static byte[] MiscountEntries(byte[] zip)
    {
        var output = (byte[])zip.Clone();
        var end = output.AsSpan().LastIndexOf([(byte)0x50, (byte)0x4b, (byte)0x05, (byte)0x06]);
        // Entries on this disk at offset 8, in all at offset 10.
        foreach (var at in new[] { end + 8, end + 10 })
            BinaryPrimitives.WriteUInt16LittleEndian(output.AsSpan(at), (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(output.AsSpan(at)) + 1));
        return output;
    }
}
