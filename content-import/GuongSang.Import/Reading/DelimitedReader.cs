using System.Text;

namespace GuongSang.Import.Reading;

/// <summary>
/// CSV as offices export it: ',' ';' or tab, quoted fields with line breaks and doubled quotes.
/// Read as the text streams in; each value is made NFC.
/// </summary>
public static class DelimitedReader
{
    /// <summary>Enough of the start to find the separator on the first line.</summary>
    private const int FirstLineChars = 64 << 10;

    public static SourceTable Read(string text, string source) => Read(new StringReader(text), source, CancellationToken.None);

    public static SourceTable Read(TextReader reader, string source, CancellationToken ct)
    {
        var head = new char[FirstLineChars];
        var headLength = reader.ReadBlock(head, 0, head.Length);
        var delimiter = DetectDelimiter(head.AsSpan(0, headLength));
        var text = new Chars(head, headLength, reader);

        var table = new SourceTable { Source = source };
        var cells = new List<object?>();
        var field = new StringBuilder();
        var line = 1;
        var rowStart = 1;
        var quoted = false;
        var fieldWasQuoted = false;
        for (var c = text.Read(); c >= 0; c = text.Read())
        {
            if (quoted)
            {
                if (c == '"')
                {
                    if (text.Peek() == '"')
                    {
                        field.Append('"');
                        text.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n') line++;
                    if (c != '\r') field.Append((char)c);
                }
                continue;
            }
            if (c == '"' && field.Length == 0 && !fieldWasQuoted)
            {
                quoted = true;
                fieldWasQuoted = true;
            }
            else if (c == delimiter)
            {
                EndField();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && text.Peek() == '\n') text.Read();
                EndRow();
                ct.ThrowIfCancellationRequested();
                line++;
                rowStart = line;
            }
            else
            {
                field.Append((char)c);
            }
        }
        if (quoted) throw new ImportRejectedException($"dấu ngoặc kép mở ở dòng {rowStart} không được đóng: tệp CSV bị cắt hoặc hỏng");
        if (field.Length > 0 || cells.Count > 0) EndRow();
        return table;

        void EndField()
        {
            var value = TextDecoder.Nfc(field.ToString(), $"dòng {rowStart}");
            cells.Add(fieldWasQuoted ? value : value.Trim());
            field.Clear();
            fieldWasQuoted = false;
        }

        void EndRow()
        {
            EndField();
            if (cells.Any(c => !string.IsNullOrWhiteSpace(c as string))) table.AddRow(new SourceRow(rowStart, [.. cells]));
            cells.Clear();
        }
    }

    /// <summary>The separator used most in the first line, outside quotes.</summary>
    internal static char DetectDelimiter(ReadOnlySpan<char> text)
    {
        int comma = 0, semicolon = 0, tab = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            if (quoted) continue;
            if (c is '\n' or '\r') break;
            if (c == ',') comma++;
            else if (c == ';') semicolon++;
            else if (c == '\t') tab++;
        }
        if (tab >= comma && tab >= semicolon && tab > 0) return '\t';
        return semicolon > comma ? ';' : ',';
    }

    /// <summary>The start already read, then the rest of the reader, one char at a time with one of look-ahead.</summary>
    private sealed class Chars(char[] head, int headLength, TextReader rest)
    {
        private int _position;

        public int Read() => _position < headLength ? head[_position++] : rest.Read();

        public int Peek() => _position < headLength ? head[_position] : rest.Peek();
    }
}
