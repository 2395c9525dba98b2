using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace GuongSang.Tests;

/// <summary>
/// The project's own sample submissions: fictional, small, one for each kind of file the importer
/// promises to read (see tests/TestData/README.md). Text files are checked in under tests/TestData;
/// spreadsheets, packages, photos and broken binaries are built here, so the repository holds no
/// opaque binaries and a clone tests itself. Linked into each test project that imports samples.
/// </summary>
internal static class Samples
{
    /// <summary>A department's list: title rows, a footer, a notes sheet, dates as Excel dates and as text.</summary>
    public const string Workbook = "so-giao-duc-2025-q2.xlsx";

    /// <summary>The same list as danh-sach.xlsx with photos in anh/ and an article in bai-viet/.</summary>
    public const string Package = "so-giao-duc-2025-q2-goi-ho-so.zip";

    public const string Article = "bai-viet/gio-doc-sach.md";

    /// <summary>A district's list: UTF-8 with BOM, other header names, a quoted line break.</summary>
    public const string DistrictCsv = "ia-pa-2024-q3.csv";

    /// <summary>The district's approved rows as a pushed JSON: NFD, old tone placement ("hoà", "Thuỷ").</summary>
    public const string DistrictJson = "ia-pa-2024-q3-nfd.json";

    /// <summary>One legacy list in three 8-bit encodings, bytes made by encoders outside this project.</summary>
    public const string Tcvn3Csv = "van-hoa-2022-tcvn3.csv";

    public const string Windows1258Csv = "van-hoa-2022-windows-1258.csv";

    public const string VniCsv = "van-hoa-2022-vni.csv";

    /// <summary>A Word list: a title paragraph, then a table of exemplars with its header row.</summary>
    public const string WordList = "danh-sach.docx";

    /// <summary>A Word story: a title, "Mã hồ sơ: …" and "Tác giả: …" lines, a heading and paragraphs.</summary>
    public const string WordStory = "cau-chuyen.docx";

    public const string TruncatedXlsx = "hong/file-bi-cat-ngang.xlsx";

    public const string ZipClimbingOut = "hong/goi-co-duong-dan-ra-ngoai.zip";

    public const string HtmlNamedJpg = "hong/anh-gia.jpg";

    public const string HeaderOnlyCsv = "hong/chi-co-tieu-de.csv";

    /// <summary>The broken files, each rejected with its own reason.</summary>
    public static readonly string[] Broken = [TruncatedXlsx, ZipClimbingOut, HtmlNamedJpg, HeaderOnlyCsv];

    /// <summary>The entry of <see cref="ZipClimbingOut"/> that must never be written.</summary>
    public const string EscapingFileName = "ngoai-thu-muc.txt";

    /// <summary>Photos named in the workbook's "Ảnh" column, as packed under anh/.</summary>
    public static readonly (string Name, int Width, int Height)[] Photos = [("do-thi-ngoc-lan.jpg", 1500, 1000), ("thcs-long-dien.jpg", 1600, 900)];

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData");

    /// <summary>A sample's bytes by its name (a path under tests/TestData, or one of the built ones).</summary>
    public static byte[] Bytes(string name) => name switch
    {
        Workbook => BuildWorkbook(),
        Package => BuildPackage(),
        WordList => BuildWordList(),
        WordStory => BuildWordStory(),
        // Cut inside the zip's entries: no central directory, as an interrupted download leaves it.
        TruncatedXlsx => BuildWorkbook()[..1200],
        ZipClimbingOut => Zip(("danh-sach.csv", Bytes(DistrictCsv)), ("../../" + EscapingFileName, "Tệp này không được phép nằm ngoài thư mục làm việc."u8.ToArray())),
        _ => File.ReadAllBytes(Path.Combine(Folder, name)),
    };

    /// <summary>A plain JPEG of the given size; <paramref name="shade"/> makes photos differ byte for byte.</summary>
    public static byte[] Photo(int width, int height, int shade = 0)
    {
        using var xy = NetVips.Image.Xyz(width, height);
        using var x = xy[0];
        using var y = xy[1];
        using var red = x * (255.0 / width);
        using var green = y * (255.0 / height);
        using var image = red.Bandjoin(green, (shade * 37 + 90) % 256).Cast(NetVips.Enums.BandFormat.Uchar);
        return image.JpegsaveBuffer(q: 80);
    }

    // Columns A–U of the department's list, as the agency heads them.
    private static readonly string[] Header =
    [
        "STT", "Mã hồ sơ", "Loại điển hình", "Họ và tên / Tên tập thể", "Giới tính", "Năm sinh", "Dân tộc", "Chức vụ, đơn vị công tác", "Địa chỉ",
        "Phong trào thi đua", "Lĩnh vực", "Tóm tắt thành tích", "Hình thức khen thưởng", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành quyết định",
        "Cơ quan đề xuất", "Trạng thái", "Ảnh", "Bài viết", "SĐT liên hệ (nội bộ, không công bố)",
    ];

    private const string Department = "Sở Giáo dục và Đào tạo tỉnh Bà Rịa - Vũng Tàu";
    private const string Province = "UBND tỉnh Bà Rịa - Vũng Tàu";

    // One row a list entry; a DateOnly is written as a real Excel date, a string as typed text.
    private static readonly object?[][] Rows =
    [
        [1, "SGD-2025Q2-01", "Cá nhân", "Đỗ Thị Ngọc Lan", "Nữ", 1985, "Kinh", "Giáo viên Trường Tiểu học Phước Trung", "phường Phước Trung, thành phố Bà Rịa, tỉnh Bà Rịa - Vũng Tàu",
            "Dạy tốt - Học tốt", "Giáo dục", "Mười năm liền là giáo viên dạy giỏi cấp tỉnh; lập câu lạc bộ \"Đọc cùng em\" cho học sinh lớp 1, tỷ lệ đọc thông thạo cuối lớp 1 tăng từ 85% lên 96%.",
            "Bằng khen của Chủ tịch UBND tỉnh", "1456/QĐ-UBND", new DateOnly(2025, 5, 20), Province, Department, "Đã duyệt", "do-thi-ngoc-lan.jpg", Article, "0908 765 432"],
        [2, "SGD-2025Q2-02", "Tập thể", "Trường Trung học cơ sở Long Điền", null, null, null, null, "thị trấn Long Điền, huyện Long Điền, tỉnh Bà Rịa - Vũng Tàu",
            "Dạy tốt - Học tốt", "Giáo dục", "Ba năm liền đạt danh hiệu Tập thể lao động xuất sắc; 100% giáo viên dùng học liệu số.",
            "Bằng khen của Chủ tịch UBND tỉnh", "1456 /QĐ-UBND", "20/5/2025", Province, Department, "Đã duyệt", "thcs-long-dien.jpg", null, null],
        [3, "SGD-2025Q2-03", "Hộ gia đình", "Hộ bà Nguyễn Thị Sáu", null, null, "Kinh", null, "xã Long Sơn, thành phố Vũng Tàu, tỉnh Bà Rịa - Vũng Tàu",
            "Khuyến học, khuyến tài, xây dựng xã hội học tập", "Khuyến học", "Ba thế hệ cùng học tập suốt đời; gia đình trao 60 suất học bổng cho học sinh nghèo trong xã. Liên hệ gia đình: 0933 444 555.",
            "Giấy khen của Chủ tịch UBND thành phố Vũng Tàu", "877/QĐ-UBND", "03-06-2025", "UBND thành phố Vũng Tàu", Department, "Đã duyệt", null, null, "0254 3 777 888"],
        [4, "SGD-2025Q2-04", "Mô hình", "Mô hình \"Tủ sách góc phố\"", null, null, null, "Hội Khuyến học xã Long Sơn", "xã Long Sơn, thành phố Vũng Tàu, tỉnh Bà Rịa - Vũng Tàu",
            "Khuyến học, khuyến tài, xây dựng xã hội học tập", "Khuyến học", "Tám tủ sách đặt ở các ngã ba trong xã, 900 đầu sách, người dân tự quản.",
            "Bằng khen của Chủ tịch UBND tỉnh", "1457/QĐ-UBND", new DateOnly(2025, 6, 2), Province, Department, "Đã duyệt", null, null, null],
        [5, "SGD-2025Q2-05", "Cá nhân", "Trần Văn Khoa", "Nam", 1990, "Kinh", "Giáo viên Trường THPT Long Hải", "thị trấn Long Hải, huyện Long Điền, tỉnh Bà Rịa - Vũng Tàu",
            "Thi đua thực hiện chương trình chuyển đổi số quốc gia", "Giáo dục", "Tác giả ứng dụng điểm danh bằng mã QR dùng miễn phí cho 25 trường (CCCD: 077090001234). Sáng kiến được công nhận cấp tỉnh.",
            "Chiến sĩ thi đua cấp tỉnh", "1502/QĐ-UBND", "12.06.2025", Province, Department, "Đã duyệt", null, null, "0912000111"],
        [6, "SGD-2025Q2-06", "Cá nhân", "Phan Thị Mai", "Nữ", 1983, "Kinh", "Hiệu trưởng Trường Mầm non Sao Mai", "xã Hòa Long, thành phố Bà Rịa, tỉnh Bà Rịa - Vũng Tàu",
            "Dạy tốt - Học tốt", "Giáo dục", "Hồ sơ đang được Hội đồng Thi đua - Khen thưởng thẩm định.",
            null, null, null, null, Department, "Chờ thẩm định", null, null, null],
    ];

    /// <summary>Numbers and phones of <see cref="Workbook"/> that must never reach a public page.</summary>
    public static readonly string[] WorkbookPrivateData = ["077090001234", "0933 444 555", "0933444555", "0912000111", "0908 765 432", "0254 3 777 888"];

    /// <summary>
    /// The list as the department's office lays it out: two title rows and a blank row above the
    /// header (row 4), a blank row and signature lines below, a notes sheet after the list.
    /// </summary>
    private static byte[] BuildWorkbook()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook(new Sheets());
            // Style 1 is the built-in short date format (numFmtId 14): what Excel gives a typed date.
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new Fonts(new Font()),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellStyleFormats(new CellFormat()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));

            var list = new List<(int Row, object?[] Cells)>
            {
                (1, ["DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN QUÝ II NĂM 2025"]),
                (2, ["(Kèm theo Công văn số 1190/SGDĐT-VP ngày 26/6/2025 của " + Department + ")"]),
                (4, Header),
            };
            list.AddRange(Rows.Select((cells, i) => (5 + i, cells)));
            var footer = new object?[12 + 5];
            footer[11] = "Người lập biểu";
            footer[16] = "Thủ trưởng đơn vị";
            list.Add((5 + Rows.Length + 1, footer));

            AddSheet(workbook, "Danh sách", list);
            AddSheet(workbook, "Ghi chú", [(1, ["Cột SĐT chỉ dùng nội bộ, không công bố."])]);
        }
        return stream.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, string name, IEnumerable<(int Row, object?[] Cells)> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        foreach (var (number, cells) in rows)
        {
            var row = new Row { RowIndex = (uint)number };
            for (var c = 0; c < cells.Length; c++)
            {
                if (cells[c] is not { } value) continue;
                var reference = (char)('A' + c) + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                row.Append(value switch
                {
                    DateOnly date => new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate()) },
                    int n => new Cell { CellReference = reference, CellValue = new CellValue(n) },
                    _ => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value.ToString()!)) },
                });
            }
            data.Append(row);
        }
        part.Worksheet = new Worksheet(data);
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
    }

    private static byte[] BuildWordList() => Word(
        new W.Paragraph(new W.Run(new W.Text("Danh sách đề nghị"))),
        new W.Table(
            WordRow("Mã hồ sơ", "Họ và tên", "Loại điển hình", "Phong trào thi đua", "Tóm tắt thành tích", "Cơ quan đề xuất", "Trạng thái"),
            WordRow("D-1", "Hà Thị Dung", "Cá nhân", "Dạy tốt - Học tốt", "Dạy giỏi; email dung@truong.edu.vn", "Trường C", "Đã duyệt"),
            WordRow("D-2", "Tổ Toán", "Tập thể", "Dạy tốt - Học tốt", "Tổ xuất sắc", "Trường C", "Chưa duyệt")));

    private static byte[] BuildWordStory() => Word(
        WordParagraph("Già làng Nay Y Thủy và những cuộc hòa giải"),
        WordParagraph("Mã hồ sơ: IAPA-2024Q3-03"),
        WordParagraph("Tác giả: Đài Truyền thanh huyện"),
        WordParagraph("Người giữ lửa", style: "Heading2"),
        WordParagraph("Ông đã hòa giải 8 vụ. Gọi 0987.654.321 để liên hệ."));

    private static W.Paragraph WordParagraph(string text, string? style = null)
    {
        var paragraph = new W.Paragraph(new W.Run(new W.Text(text)));
        if (style is not null)
            paragraph.PrependChild(new W.ParagraphProperties(new W.ParagraphStyleId { Val = style }));
        return paragraph;
    }

    private static W.TableRow WordRow(params string[] cells) =>
        new([.. cells.Select(c => new W.TableCell(WordParagraph(c)))]);

    private static byte[] Word(params OpenXmlElement[] body)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new W.Document(new W.Body(body));
        }
        return stream.ToArray();
    }

    private static byte[] BuildPackage() => Zip(
        [
            ("danh-sach.xlsx", BuildWorkbook()),
            .. Photos.Select((p, i) => ("anh/" + p.Name, Photo(p.Width, p.Height, i))),
            (Article, Bytes(Article)),
        ]);

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(bytes);
            }
        }
        return stream.ToArray();
    }
}
