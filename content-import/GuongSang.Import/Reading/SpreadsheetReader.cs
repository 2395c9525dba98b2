using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace GuongSang.Import.Reading;

/// <summary>
/// Spreadsheets: every sheet as a table; the mapper picks the one with the header. The sheet XML is
/// streamed row by row and only cells that hold a value become anything, so a cell in column XFD or
/// row 1,048,576 costs nothing until it is refused (wider than <see cref="ReadLimits.MaxColumns"/>,
/// longer than <see cref="ReadLimits.MaxRows"/>) and empty rows between are never built. The sheet's
/// own &lt;dimension&gt; is not trusted: a file can claim any size.
/// </summary>
public static class SpreadsheetReader
{
    private const string Kind = "tệp Excel";

    public static List<SourceTable> Read(string path, string source, CancellationToken ct = default)
    {
        using var package = OfficePackage.Open(path, Kind, ct);
        try
        {
            var workbookPath = Relationships(package, "_rels/.rels", "")
                .FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target ?? "xl/workbook.xml";
            var workbook = package.Entry(workbookPath) ?? throw Corrupt("thiếu phần workbook");
            var folder = workbookPath.Contains('/', StringComparison.Ordinal) ? workbookPath[..(workbookPath.LastIndexOf('/') + 1)] : "";
            var relationsPath = folder + "_rels/" + workbookPath[folder.Length..] + ".rels";
            if (package.Entry(relationsPath) is null) throw Corrupt("thiếu phần " + relationsPath);
            var relations = Relationships(package, relationsPath, folder);
            // A part the workbook names but the package lacks (a sheet, the shared strings, the styles) means a damaged
            // file: read without it, the list would come out wrong (text cells empty, dates as numbers, a sheet missing).
            if (relations.FirstOrDefault(r => package.Entry(r.Target) is null) is { Target: { } missing }) throw Corrupt("thiếu phần " + missing);
            var (sheets, date1904) = ReadWorkbook(package, workbook);
            var strings = relations.Where(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Select(r => package.Entry(r.Target)).FirstOrDefault(e => e is not null) is { } sst
                ? ReadSharedStrings(package, sst)
                : [];
            var dateStyles = relations.Where(r => r.Type.EndsWith("/styles", StringComparison.Ordinal)).Select(r => package.Entry(r.Target)).FirstOrDefault(e => e is not null) is { } styles
                ? ReadDateStyles(package, styles)
                : [];

            var tables = new List<SourceTable>();
            foreach (var (name, relationId) in sheets)
            {
                var target = relations.FirstOrDefault(r => r.Id == relationId).Target;
                if (target is null || package.Entry(target) is not { } part) continue;
                var table = new SourceTable { Source = $"{source} › {name}", Part = name };
                ReadSheet(package, part, name, table, new CellReader(strings, dateStyles, date1904), ct);
                tables.Add(table);
            }
            return tables;
        }
        // Only what a damaged file causes; anything else (a NullReferenceException…) is a bug and must surface as one.
        // The library's own message stays in the log (inner exception), not in the sender's report.
        catch (Exception e) when (e is XmlException or InvalidDataException or FormatException or OverflowException)
        {
            throw new ImportRejectedException($"{Kind} bị hỏng hoặc bị cắt ngang, không mở được", e);
        }
    }

    private static ImportRejectedException Corrupt(string why) => new($"{Kind} bị hỏng hoặc bị cắt ngang, không mở được ({why})");

    private static void ReadSheet(OfficePackage package, ZipArchiveEntry part, string sheet, SourceTable table, CellReader cells, CancellationToken ct)
    {
        using var reader = package.OpenXml(part);
        var rowNumber = 0;
        var row = new List<object?>();
        while (package.Read(reader, part))
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (reader.LocalName == "row")
            {
                ct.ThrowIfCancellationRequested();
                rowNumber = reader.GetAttribute("r") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : rowNumber + 1;
                row.Clear();
                if (reader.IsEmptyElement) continue;
                var depth = reader.Depth;
                var column = 0;
                while (package.Read(reader, part) && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
                {
                    if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "c") continue;
                    column = reader.GetAttribute("r") is { } reference ? ColumnOf(reference) : column + 1;
                    var value = cells.Read(package, reader, part);
                    if (value is null || (value is string s && string.IsNullOrWhiteSpace(s))) continue;
                    if (column > ReadLimits.MaxColumns)
                        throw new ImportRejectedException($"trang tính \"{sheet}\" có dữ liệu ở cột thứ {ReadLimits.Count(column)}, quá giới hạn {ReadLimits.MaxColumns} cột của một danh sách");
                    if (rowNumber > ReadLimits.MaxRows)
                        throw new ImportRejectedException($"trang tính \"{sheet}\" có dữ liệu ở dòng {ReadLimits.Count(rowNumber)}, quá giới hạn {ReadLimits.Count(ReadLimits.MaxRows)} dòng của một danh sách");
                    while (row.Count < column) row.Add(null);
                    row[column - 1] = value;
                }
                if (row.Count > 0) table.AddRow(new SourceRow(rowNumber, [.. row]));
            }
        }
    }

    /// <summary>"AB12" → 28 (1-based); letters past three (beyond XFD) are refused as corrupt.</summary>
    private static int ColumnOf(string reference)
    {
        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z') column = column * 26 + (c - 'A' + 1);
            else if (c is >= 'a' and <= 'z') column = column * 26 + (c - 'a' + 1);
            else break;
            if (++letters > 3) throw new FormatException($"ô \"{reference}\" không hợp lệ");
        }
        return column == 0 ? throw new FormatException($"ô \"{reference}\" không hợp lệ") : column;
    }

    /// <summary>One cell's value: text, number, date (by its style) or null.</summary>
    private sealed class CellReader(List<string> strings, HashSet<int> dateStyles, bool date1904)
    {
        public object? Read(OfficePackage package, XmlReader reader, ZipArchiveEntry part)
        {
            var type = reader.GetAttribute("t");
            var style = reader.GetAttribute("s") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : 0;
            if (reader.IsEmptyElement) return null;
            var depth = reader.Depth;
            string? value = null;
            StringBuilder? inline = null;
            while (package.Read(reader, part) && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType != XmlNodeType.Element) continue;
                if (reader.LocalName == "v") value = Text(package, reader, part);
                else if (reader.LocalName == "is") inline = RichText(package, reader, part);
            }
            switch (type)
            {
                case "s":
                    if (value is null) return null;
                    var index = int.Parse(value, CultureInfo.InvariantCulture);
                    return index >= 0 && index < strings.Count ? strings[index] : throw new FormatException($"chuỗi dùng chung số {index} không có");
                case "inlineStr":
                    return inline?.ToString();
                case "str" or "e":
                    return value;
                case "b":
                    return value is null ? null : value == "1" ? "true" : "false";
                case "d":
                    return value is null ? null : DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            }
            if (value is null) return null;
            var number = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (dateStyles.Contains(style) && number is >= 0 and < 2_958_466)
                return DateTime.FromOADate(date1904 ? number + 1462 : number);
            return number;
        }
    }

    /// <summary>The text of the current element (no child elements expected).</summary>
    private static string Text(OfficePackage package, XmlReader reader, ZipArchiveEntry part)
    {
        if (reader.IsEmptyElement) return "";
        var depth = reader.Depth;
        var text = new StringBuilder();
        while (package.Read(reader, part) && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
                text.Append(reader.Value);
        }
        return text.ToString();
    }

    /// <summary>A shared or inline string: its &lt;t&gt; runs joined, phonetic guides (&lt;rPh&gt;) left out.</summary>
    private static StringBuilder RichText(OfficePackage package, XmlReader reader, ZipArchiveEntry part)
    {
        var text = new StringBuilder();
        if (reader.IsEmptyElement) return text;
        var depth = reader.Depth;
        while (package.Read(reader, part) && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (reader.LocalName == "rPh") Text(package, reader, part);
            else if (reader.LocalName == "t") text.Append(Text(package, reader, part));
        }
        return text;
    }

    private static List<string> ReadSharedStrings(OfficePackage package, ZipArchiveEntry part)
    {
        var strings = new List<string>();
        using var reader = package.OpenXml(part);
        while (package.Read(reader, part))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si") strings.Add(RichText(package, reader, part).ToString());
        }
        return strings;
    }

    /// <summary>The cell styles (indexes into cellXfs) whose number format shows a date.</summary>
    private static HashSet<int> ReadDateStyles(OfficePackage package, ZipArchiveEntry part)
    {
        var customDates = new HashSet<int>();
        var styles = new HashSet<int>();
        using var reader = package.OpenXml(part);
        var inCellXfs = false;
        var index = 0;
        while (package.Read(reader, part))
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs") inCellXfs = false;
            if (reader.NodeType != XmlNodeType.Element) continue;
            switch (reader.LocalName)
            {
                case "numFmt" when reader.GetAttribute("numFmtId") is { } id && IsDateFormat(reader.GetAttribute("formatCode")):
                    customDates.Add(int.Parse(id, CultureInfo.InvariantCulture));
                    break;
                case "cellXfs":
                    inCellXfs = !reader.IsEmptyElement;
                    break;
                case "xf" when inCellXfs:
                    var format = reader.GetAttribute("numFmtId") is { } f ? int.Parse(f, CultureInfo.InvariantCulture) : 0;
                    if (format is >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58 || customDates.Contains(format)) styles.Add(index);
                    index++;
                    break;
            }
        }
        return styles;
    }

    /// <summary>A custom number format shows a date when, outside quotes, brackets and escapes, it has d, m, y, h or s.</summary>
    private static bool IsDateFormat(string? code)
    {
        if (code is null) return false;
        var quoted = false;
        var bracket = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"') quoted = !quoted;
            else if (quoted) continue;
            else if (c == '\\' || c == '_' || c == '*') i++;
            else if (c == '[') bracket = true;
            else if (c == ']') bracket = false;
            else if (!bracket && "dmyhsDMYHS".Contains(c, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static (List<(string Name, string RelationId)> Sheets, bool Date1904) ReadWorkbook(OfficePackage package, ZipArchiveEntry part)
    {
        var sheets = new List<(string, string)>();
        var date1904 = false;
        using var reader = package.OpenXml(part);
        while (package.Read(reader, part))
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (reader.LocalName == "workbookPr") date1904 = reader.GetAttribute("date1904") is "1" or "true";
            else if (reader.LocalName == "sheet" && reader.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships") is { } id)
                sheets.Add((reader.GetAttribute("name") ?? "", id));
        }
        return (sheets, date1904);
    }

    /// <summary>A .rels part: each relationship's id, type and target as a package path.</summary>
    private static List<(string Id, string Type, string Target)> Relationships(OfficePackage package, string relsPath, string folder)
    {
        var list = new List<(string, string, string)>();
        if (package.Entry(relsPath) is not { } part) return list;
        using var reader = package.OpenXml(part);
        while (package.Read(reader, part))
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Relationship") continue;
            var target = reader.GetAttribute("Target") ?? "";
            if (reader.GetAttribute("TargetMode") == "External") continue;
            list.Add((reader.GetAttribute("Id") ?? "", reader.GetAttribute("Type") ?? "", Resolve(folder, target)));
        }
        return list;
    }

    /// <summary>A relationship target relative to its part's folder ("worksheets/sheet1.xml", "../x.xml") or absolute ("/xl/…").</summary>
    private static string Resolve(string folder, string target)
    {
        if (target.StartsWith('/')) return target.TrimStart('/');
        var parts = folder.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var piece in target.Split('/'))
        {
            if (piece == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); }
            else if (piece is not ("." or "")) parts.Add(piece);
        }
        return string.Join('/', parts);
    }
}
