using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using GuongSang.Content.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GuongSang.Import.Reading;

/// <summary>Word documents: a table of exemplars, or one exemplar's story.</summary>
public static class WordReader
{
    public static (List<SourceTable> Tables, ArticleSource? Story) Read(string path, string source, CancellationToken ct = default)
    {
        // Sizes and nesting first: the SDK builds each part's tree recursively.
        using (var package = OfficePackage.Open(path, "tài liệu Word", ct))
        {
            package.CheckXmlParts();
        }
        try
        {
            using var document = WordprocessingDocument.Open(path, isEditable: false);
            var body = document.MainDocumentPart?.Document?.Body ?? throw new ImportRejectedException("tài liệu Word không có nội dung");
            var tables = new List<SourceTable>();
            var index = 0;
            foreach (var wordTable in body.Elements<Table>())
            {
                index++;
                var table = new SourceTable { Source = $"{source} › bảng {index}", Part = $"bảng {index}" };
                var number = 0;
                foreach (var row in wordTable.Elements<TableRow>())
                {
                    ct.ThrowIfCancellationRequested();
                    number++;
                    var cells = row.Elements<TableCell>()
                        .Select(cell => (object?)string.Join('\n', cell.Elements<Paragraph>().Select(p => p.InnerText)))
                        .ToArray();
                    if (cells.All(c => string.IsNullOrWhiteSpace(c as string))) continue;
                    table.AddRow(new SourceRow(number, cells));
                }
                tables.Add(table);
            }
            return (tables, ReadStory(body, source, Path.GetDirectoryName(path)));
        }
        // What a damaged package causes, including a relationship to a part it lacks (the packaging library's
        // InvalidOperationException); the same exception from our own code is a bug and surfaces as one.
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException or FileFormatException
                                      or InvalidOperationException { Source: "System.IO.Packaging" })
        {
            throw new ImportRejectedException("tài liệu Word bị hỏng, không mở được", e);
        }
    }

    /// <summary>
    /// A story: the first heading (or first paragraph) is the title; a line "Mã hồ sơ: …" links
    /// it to its exemplar; headings become Markdown headings.
    /// </summary>
    private static ArticleSource? ReadStory(Body body, string source, string? folder)
    {
        string? title = null, code = null, author = null, movement = null;
        var markdown = new StringBuilder();
        foreach (var paragraph in body.Elements<Paragraph>())
        {
            var text = VietnameseText.Clean(paragraph.InnerText);
            if (string.IsNullOrEmpty(text)) continue;
            var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && colon < 40)
            {
                var label = VietnameseText.Key(text[..colon]);
                var value = text[(colon + 1)..].Trim();
                if (label is "ma ho so" or "ma so" or "ma dien hinh") { code = value; continue; }
                if (label is "tac gia") { author = value; continue; }
                if (label is "phong trao" or "phong trao thi dua") { movement = value; continue; }
            }
            if (title is null)
            {
                title = text;
                continue;
            }
            if (style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) || style.StartsWith("Title", StringComparison.OrdinalIgnoreCase))
                markdown.Append("## ");
            markdown.AppendLine(text).AppendLine();
        }
        if (title is null) return null;
        return new ArticleSource
        {
            Source = source,
            Title = title,
            ExemplarCode = code,
            Author = author,
            Movement = movement,
            Body = markdown.ToString().Trim(),
            BaseFolder = folder,
        };
    }
}

/// <summary>What an agency's own system pushes: {"agency", "exemplars":[{…}]} or a bare array.</summary>
public static class JsonSubmissionReader
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Reads UTF-8 JSON as it streams (the document holds the bytes once, not a string of them).</summary>
    public static SourceTable Read(Stream utf8, string source, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException e)
        {
            throw new ImportRejectedException($"JSON không hợp lệ ở dòng {e.LineNumber + 1}, ký tự {e.BytePositionInLine + 1}", e);
        }
        return Read(document, source, ct);
    }

    private static SourceTable Read(JsonDocument document, string source, CancellationToken ct)
    {
        using (document)
        {
            var root = document.RootElement;
            string? agency = null;
            JsonElement items;
            if (root.ValueKind == JsonValueKind.Array)
            {
                items = root;
            }
            else if (root.ValueKind == JsonValueKind.Object)
            {
                agency = Property(root, "agency", "coQuan", "co_quan");
                items = FindArray(root) ?? throw new ImportRejectedException("JSON không có danh sách \"exemplars\"");
            }
            else
            {
                throw new ImportRejectedException("JSON phải là một đối tượng có \"exemplars\" hoặc một mảng");
            }

            var header = new List<string>();
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) continue;
                ct.ThrowIfCancellationRequested();
                foreach (var p in item.EnumerateObject())
                {
                    var name = Name(p);
                    if (!header.Contains(name)) header.Add(name);
                }
                if (header.Count > ReadLimits.MaxColumns)
                    throw new ImportRejectedException($"các mục JSON có hơn {ReadLimits.MaxColumns} trường khác nhau, quá giới hạn của một danh sách");
            }
            var table = new SourceTable { Source = source, Header = header, Agency = agency };
            var number = 0;
            foreach (var item in items.EnumerateArray())
            {
                number++;
                if (item.ValueKind != JsonValueKind.Object) continue;
                ct.ThrowIfCancellationRequested();
                var cells = new object?[header.Count];
                foreach (var p in item.EnumerateObject())
                {
                    var name = Name(p);
                    cells[header.IndexOf(name)] = Value(p.Value, $"mục {number}, trường \"{name}\"");
                }
                table.AddRow(new SourceRow(number, cells));
            }
            return table;
        }

        static JsonElement? FindArray(JsonElement root)
        {
            foreach (var name in new[] { "exemplars", "items", "rows", "data", "danhSach" })
            {
                if (root.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array) return a;
            }
            return null;
        }

        static string? Property(JsonElement root, params string[] names)
        {
            foreach (var name in names)
            {
                if (root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String) return Text(v, $"trường \"{name}\"");
            }
            return null;
        }

        static object? Value(JsonElement v, string where) => v.ValueKind switch
        {
            JsonValueKind.String => Text(v, where),
            JsonValueKind.Number => v.GetDouble(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Array => string.Join(';', v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? Text(x, where) : x.GetRawText())),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => v.GetRawText(),
        };

        static string Text(JsonElement v, string where) => Utf16(() => v.GetString()!, where);

        static string Name(JsonProperty p) => Utf16(() => p.Name, "tên một trường");

        // The parser checks neither a string's bytes nor what its escapes stand for: bytes that are no UTF-8, or an
        // escape of half a surrogate pair ("\ud800"), fail only when the string is read.
        static string Utf16(Func<string> read, string where)
        {
            try
            {
                return TextDecoder.Nfc(read(), where);
            }
            catch (InvalidOperationException e)
            {
                throw new ImportRejectedException($"{where} có ký tự không hợp lệ (byte không phải UTF-8, hoặc nửa cặp ký tự UTF-16 như \"\\ud800\"): tệp bị hỏng hoặc lưu sai bảng mã", e);
            }
        }
    }
}

/// <summary>A Markdown article with YAML front matter (title, exemplar, movement, author, date, tags, cover).</summary>
public static class MarkdownArticleReader
{
    /// <summary>
    /// Whether a Markdown text opens with YAML front matter (<c>---</c>): what makes a Markdown file found
    /// beside lists, in a folder or a package, an article rather than notes for people (a README).
    /// </summary>
    public static bool HasFrontMatter(string text)
    {
        var start = text.AsSpan().TrimStart('\uFEFF');
        return start.StartsWith("---\n", StringComparison.Ordinal) || start.StartsWith("---\r\n", StringComparison.Ordinal);
    }

    /// <summary>Why a Markdown file beside lists is not imported, for the report.</summary>
    public const string NotAnArticle = "tệp Markdown không có phần đầu YAML (dòng --- đầu tiên, có title) nên được coi là ghi chú, không phải bài viết";

    public static ArticleSource Read(string text, string source, string? folder)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var front = new Dictionary<string, YamlNode>();
        var body = text;
        if (text.StartsWith("---\n", StringComparison.Ordinal))
        {
            var end = text.IndexOf("\n---", 4, StringComparison.Ordinal);
            if (end < 0) throw new ImportRejectedException("phần đầu YAML (giữa hai dòng ---) không được đóng");
            var yaml = text[4..end];
            FrontMatterGuard.Check(yaml);
            var afterEnd = text.IndexOf('\n', end + 4);
            body = afterEnd < 0 ? "" : text[(afterEnd + 1)..];
            try
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(yaml));
                if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode map)
                {
                    foreach (var (k, v) in map.Children)
                    {
                        if (k is YamlScalarNode { Value: { } key }) front[VietnameseText.Key(TextDecoder.Nfc(key, "phần đầu YAML"))] = v;
                    }
                }
            }
            catch (YamlException e)
            {
                throw new ImportRejectedException($"phần đầu YAML không đọc được ở dòng {e.Start.Line}, cột {e.Start.Column}", e);
            }
            catch (InvalidOperationException e)
            {
                // YamlDotNet's scanner fails so on some broken scalars instead of raising a YamlException.
                throw new ImportRejectedException("phần đầu YAML không đọc được", e);
            }
        }

        var title = Scalar("title", "tieu de");
        if (string.IsNullOrWhiteSpace(title))
        {
            // No front-matter title: the first "# heading" is the title.
            var heading = body.Split('\n').FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal));
            title = heading?[2..].Trim();
        }
        if (string.IsNullOrWhiteSpace(title)) throw new ImportRejectedException("bài viết không có tiêu đề (title)");
        var dateText = Scalar("date", "ngay");
        DateOnly? date = null;
        if (dateText is not null)
        {
            if (DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)) date = iso;
            else if (ValueParsers.ParseDate(dateText, out var d) == null) date = d;
        }
        var tags = new List<string>();
        if (front.TryGetValue("tags", out var tagNode) || front.TryGetValue("the", out tagNode))
        {
            if (tagNode is YamlSequenceNode seq) tags.AddRange(seq.Children.OfType<YamlScalarNode>().Select(s => TextDecoder.Nfc(s.Value ?? "", "phần đầu YAML")).Where(s => s.Length > 0));
            else if (tagNode is YamlScalarNode { Value: { } one }) tags.AddRange(TextDecoder.Nfc(one, "phần đầu YAML").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        // Stored as NFC, and read so by the privacy rules that run before anything is stored.
        return new ArticleSource
        {
            Source = source,
            Title = VietnameseText.Clean(title)!,
            ExemplarCode = Scalar("exemplar", "ma ho so", "code"),
            Movement = VietnameseText.Clean(Scalar("movement", "phong trao")),
            Author = VietnameseText.Clean(Scalar("author", "tac gia")),
            Date = date,
            Tags = [.. tags.Select(t => VietnameseText.Clean(t)!)],
            Cover = Scalar("cover", "anh bia", "image"),
            Body = VietnameseText.Clean(body)!,
            BaseFolder = folder,
        };

        string? Scalar(params string[] keys)
        {
            foreach (var key in keys)
            {
                if (front.TryGetValue(key, out var node) && node is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v)) return TextDecoder.Nfc(v.Trim(), "phần đầu YAML");
            }
            return null;
        }
    }
}
