using System.IO.Compression;
using System.Text;
using GuongSang.Import.Privacy;
using GuongSang.Import.Reading;

namespace GuongSang.Import.Tests;

/// <summary>Pure rules: encodings, privacy patterns, dates, CSV, zip safety.</summary>
public class TextRulesTests
{
    private const string Sample = "Nguyễn Văn Thuận, Đội văn nghệ buôn Chư Băh: Toàn dân đoàn kết xây dựng đời sống văn hóa; Trường học, người ươm mầm, giữ gìn cồng chiêng, khỏe mạnh, ngọc Đã duyệt";

    [Fact]
    public void Tcvn3_bytes_decode_to_nfc_vietnamese_and_are_detected()
    {
        var bytes = LegacyVietnamese.EncodeTcvn3(Sample.ToLowerInvariant());
        var (text, encoding) = TextDecoder.Decode(bytes);
        Assert.Equal(TextDecoder.Tcvn3, encoding);
        Assert.Equal(Sample.ToLowerInvariant(), text);
    }

    [Fact]
    public void Vni_bytes_decode_to_nfc_vietnamese_and_are_detected()
    {
        var bytes = LegacyVietnamese.EncodeVni(Sample);
        // "Việt" in VNI is "Vieät": e + 0xE4 (circumflex and dot below).
        Assert.Equal(Encoding.Latin1.GetBytes("Vieät"), LegacyVietnamese.EncodeVni("Việt"));
        Assert.Equal(Encoding.Latin1.GetBytes("Tröôøng"), LegacyVietnamese.EncodeVni("Trường"));
        Assert.Equal(Encoding.Latin1.GetBytes("Ñoaøn keát"), LegacyVietnamese.EncodeVni("Đoàn kết"));
        var (text, encoding) = TextDecoder.Decode(bytes);
        Assert.Equal(TextDecoder.Vni, encoding);
        Assert.Equal(Sample, text);
    }

    /// <summary>
    /// A list file may be 16 MiB: decoding it must cost the string it makes, not a string or two for every
    /// byte read, which made a 16 MiB VNI file allocate almost a gigabyte as it streamed.
    /// </summary>
    [Fact]
    public void Vni_text_is_decoded_without_allocating_for_every_byte()
    {
        var line = LegacyVietnamese.EncodeVni(Sample + "\n");
        var bytes = new byte[(1 << 20) / line.Length * line.Length];
        for (var at = 0; at < bytes.Length; at += line.Length) line.CopyTo(bytes, at);
        _ = LegacyVietnamese.Vni.GetString(line);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var text = LegacyVietnamese.Vni.GetString(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.StartsWith(Sample, text.Normalize(NormalizationForm.FormC), StringComparison.Ordinal);
        // The string itself: two bytes a character, at most two characters a byte.
        Assert.True(allocated < 5L * bytes.Length, $"decoding {bytes.Length} bytes allocated {allocated} bytes");
    }

    [Fact]
    public void Windows_1258_with_combining_marks_decodes_to_nfc()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1258).GetBytes(AsWindows1258(Sample));
        var (text, encoding) = TextDecoder.Decode(bytes);
        Assert.Equal(TextDecoder.Windows1258, encoding);
        Assert.Equal(Sample, text);
        Assert.True(text.IsNormalized(NormalizationForm.FormC));
    }

    /// <summary>How Windows-1258 writes Vietnamese: base letters with their vowel marks (â, ơ …) precomposed, tones as combining marks.</summary>
    private static string AsWindows1258(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            var d = c.ToString().Normalize(NormalizationForm.FormD);
            var tones = string.Concat(d.Where(m => m is '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323'));
            var rest = string.Concat(d.Where(m => m is not ('\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323'))).Normalize(NormalizationForm.FormC);
            sb.Append(rest).Append(tones);
        }
        return sb.ToString();
    }

    [Theory]
    [InlineData("Cá nhân;Nguyễn Thị Hạnh;Đã duyệt")]
    [InlineData("Tập thể;Trường THCS Phước Thắng;Chờ thẩm định")]
    [InlineData("Hộ gia đình;Hộ ông Trần Văn Lộc;Đã duyệt")]
    [InlineData("Mô hình;Tủ sách khuyến học dòng họ;Không đề nghị")]
    [InlineData("STT;Ma ho so;Ho va ten;Trang thai\n1;A-1;Lê Văn Tám;Đã duyệt")]
    public void Short_lines_are_told_apart_in_every_8_bit_encoding(string line)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Assert.Equal((line, TextDecoder.Vni), TextDecoder.Decode(LegacyVietnamese.EncodeVni(line)));
        Assert.Equal((line, TextDecoder.Windows1258), TextDecoder.Decode(Encoding.GetEncoding(1258).GetBytes(AsWindows1258(line))));
        var lower = line.ToLowerInvariant();
        Assert.Equal((lower, TextDecoder.Tcvn3), TextDecoder.Decode(LegacyVietnamese.EncodeTcvn3(lower)));
    }

    [Theory]
    [InlineData("utf8")]
    [InlineData("utf8bom")]
    [InlineData("utf16le")]
    [InlineData("utf16be")]
    [InlineData("utf16le-nobom")]
    public void Unicode_encodings_are_detected(string kind)
    {
        var bytes = kind switch
        {
            "utf8" => new UTF8Encoding(false).GetBytes(Sample),
            "utf8bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Sample)],
            "utf16le" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Sample)],
            "utf16be" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Sample)],
            _ => Encoding.Unicode.GetBytes(Sample),
        };
        Assert.Equal(Sample, TextDecoder.Decode(bytes).Text);
    }

    [Theory]
    [InlineData("Gọi 0933 222 111 nhé", "phone")]
    [InlineData("SĐT: 0912.345.678", "phone")]
    [InlineData("ĐT +84 912 345 678.", "phone")]
    [InlineData("số 0387654321", "phone")]
    [InlineData("(CCCD: 077091004321)", "cccd")]
    [InlineData("CCCD 077 091 004 321", "cccd")]
    [InlineData("CMND số 271234567 cấp", "cmnd")]
    [InlineData("thư gửi an.nguyen@gmail.com ngay", "email")]
    public void Personal_data_in_public_text_is_hidden(string text, string kind)
    {
        var (result, found) = Redactor.Redact(text);
        Assert.Equal([kind], found);
        Assert.Contains(Redactor.Mask, result, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d{6,}", result!.Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("thu nhập 65 triệu đồng/hộ/năm, 1.200 đầu sách")]
    [InlineData("trao 210 suất học bổng trong 10 năm, năm 2024")]
    [InlineData("Quyết định 1456/QĐ-UBND ngày 20/5/2025")]
    [InlineData("tổng kinh phí 120.000.000 đồng")]
    [InlineData("giấy khen các năm 2019 2020 2021")]
    [InlineData("ngày 03-06-2025 và 05/04/2024")]
    public void Ordinary_numbers_are_not_mistaken_for_personal_data(string text)
    {
        var (result, found) = Redactor.Redact(text);
        Assert.Empty(found);
        Assert.Equal(text, result);
    }

    [Theory]
    [InlineData("20/5/2025", 2025, 5, 20)]
    [InlineData("03-06-2025", 2025, 6, 3)]
    [InlineData("12.06.2025", 2025, 6, 12)]
    [InlineData("ngày 5 tháng 4 năm 2024", 2024, 4, 5)]
    [InlineData("Ngày 05 tháng 04 năm 2024", 2024, 4, 5)]
    [InlineData("2024-04-05", 2024, 4, 5)]
    public void Dates_are_read_day_first(string text, int y, int m, int d)
    {
        Assert.Null(ValueParsers.ParseDate(text, out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("13/13/2024")]
    [InlineData("31/02/2024")]
    [InlineData("tháng năm")]
    public void Unreadable_dates_give_a_reason(string text)
    {
        Assert.NotNull(ValueParsers.ParseDate(text, out var date));
        Assert.Null(date);
    }

    [Fact]
    public void Csv_reads_quoted_multiline_fields_doubled_quotes_and_semicolons()
    {
        var table = DelimitedReader.Read("a;b;c\r\n1;\"dòng 1\r\ndòng \"\"2\"\"\";x\r\n\r\n2;;\"y;z\"\r\n", "t.csv");
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal("dòng 1\ndòng \"2\"", table.Rows[1].Cells[1]);
        Assert.Equal(2, table.Rows[1].Number);
        Assert.Equal(5, table.Rows[2].Number);
        Assert.Equal("y;z", table.Rows[2].Cells[2]);
    }

    private static string MakeZip(Action<ZipArchive> fill)
    {
        var path = Path.Combine(Path.GetTempPath(), "guongsang-zip-" + Guid.NewGuid().ToString("N") + ".zip");
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        fill(archive);
        return path;
    }

    [Fact]
    public void Zip_with_absolute_path_symlink_too_many_entries_or_too_many_bytes_is_refused_before_writing()
    {
        var target = Path.Combine(Path.GetTempPath(), "guongsang-unzip-" + Guid.NewGuid().ToString("N"));
        var absolute = MakeZip(a => a.CreateEntry("/etc/guongsang-test.txt"));
        var link = MakeZip(a =>
        {
            a.CreateEntry("ok.csv");
            var e = a.CreateEntry("anh/lien-ket.jpg");
            e.ExternalAttributes = unchecked((int)(0xA1FFu << 16));
        });
        var many = MakeZip(a => { for (var i = 0; i <= SafeZip.MaxEntries; i++) a.CreateEntry($"f{i}.txt"); });
        var big = MakeZip(a =>
        {
            using var s = a.CreateEntry("to.csv", CompressionLevel.Optimal).Open();
            s.Write(new byte[1 << 20]);
        });
        try
        {
            Assert.Contains("tuyệt đối", Assert.Throws<ImportRejectedException>(() => SafeZip.Extract(absolute, target)).Message, StringComparison.Ordinal);
            Assert.Contains("symlink", Assert.Throws<ImportRejectedException>(() => SafeZip.Extract(link, target)).Message, StringComparison.Ordinal);
            Assert.Contains("2000", Assert.Throws<ImportRejectedException>(() => SafeZip.Extract(many, target)).Message, StringComparison.Ordinal);
            Assert.Contains("MiB", Assert.Throws<ImportRejectedException>(() => SafeZip.Extract(big, target, maxUnpackedBytes: 1000)).Message, StringComparison.Ordinal);
            Assert.Empty(Directory.Exists(target) ? Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories) : []);
            Assert.False(File.Exists("/etc/guongsang-test.txt"));
        }
        finally
        {
            foreach (var f in new[] { absolute, link, many, big }) File.Delete(f);
            if (Directory.Exists(target)) Directory.Delete(target, true);
        }
    }

    [Theory]
    [InlineData("danh-sach.csv", "danh-sach.csv", "cùng tên")]
    [InlineData("anh/Mau-1.jpg", "anh/mau-1.JPG", "cùng tên")]
    [InlineData("anh", "anh/mau-1.jpg", "thư mục")]
    [InlineData("anh/mau-1.jpg/", "anh/mau-1.jpg", "thư mục")]
    public void Zip_whose_entries_would_unpack_to_one_name_is_refused_naming_the_entry_before_writing(string first, string second, string reason)
    {
        var target = Path.Combine(Path.GetTempPath(), "guongsang-unzip-" + Guid.NewGuid().ToString("N"));
        var zip = MakeZip(a =>
        {
            foreach (var name in new[] { first, second })
            {
                using var s = a.CreateEntry(name).Open();
                if (!name.EndsWith('/')) s.Write("x"u8);
            }
        });
        try
        {
            var message = Assert.Throws<ImportRejectedException>(() => SafeZip.Extract(zip, target)).Message;
            Assert.Contains(reason, message, StringComparison.Ordinal);
            Assert.Contains(second.TrimEnd('/'), message, StringComparison.Ordinal);
            Assert.DoesNotContain(target, message, StringComparison.Ordinal);
            Assert.Empty(Directory.Exists(target) ? Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories) : []);
        }
        finally
        {
            File.Delete(zip);
            if (Directory.Exists(target)) Directory.Delete(target, true);
        }
    }

    [Theory]
    [InlineData(256, 1)]
    [InlineData(200, 11)]
    public void Zip_entry_with_an_overlong_name_is_refused_naming_it_shortened(int partLength, int depth)
    {
        var target = Path.Combine(Path.GetTempPath(), "guongsang-unzip-" + Guid.NewGuid().ToString("N"));
        // "đ" is two bytes in UTF-8: a name of 128 of them is 256 bytes, past what a file system allows.
        var part = new string('đ', partLength / 2);
        var name = string.Join('/', Enumerable.Repeat(part, depth)) + ".csv";
        var zip = MakeZip(a => a.CreateEntry(name));
        try
        {
            var message = Assert.Throws<ImportRejectedException>(() => SafeZip.Extract(zip, target)).Message;
            Assert.Contains("quá dài", message, StringComparison.Ordinal);
            Assert.Contains(name[..100], message, StringComparison.Ordinal);
            Assert.DoesNotContain(name, message, StringComparison.Ordinal);
            Assert.DoesNotContain(target, message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(zip);
            if (Directory.Exists(target)) Directory.Delete(target, true);
        }
    }
}
