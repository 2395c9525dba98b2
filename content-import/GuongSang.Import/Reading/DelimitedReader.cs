using System.Text;

namespace GuongSang.Import.Reading;

/// <summary>CSV as offices export it: ',' ';' or tab, quoted fields with line breaks and doubled quotes.</summary>
public static class DelimitedReader
{
    public static SourceTable Read(string text, string source)
    {
        var delimiter = DetectDelimiter(text);
        var table = new SourceTable { Source = source };
        var cells = new List<object?>();
        var field = new StringBuilder();
        var line = 1;
        var rowStart = 1;
        var quoted = false;
        var fieldWasQuoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n') line++;
                    if (c != '\r') field.Append(c);
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
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                EndRow();
                line++;
                rowStart = line;
            }
            else
            {
                field.Append(c);
            }
        }
        if (quoted) throw new ImportRejectedException($"dấu ngoặc kép mở ở dòng {rowStart} không được đóng: tệp CSV bị cắt hoặc hỏng");
        if (field.Length > 0 || cells.Count > 0) EndRow();
        return table;

        void EndField()
        {
            var value = field.ToString();
            cells.Add(fieldWasQuoted ? value : value.Trim());
            field.Clear();
            fieldWasQuoted = false;
        }

        void EndRow()
        {
            EndField();
            if (cells.Any(c => !string.IsNullOrWhiteSpace(c as string))) table.Rows.Add(new SourceRow(rowStart, [.. cells]));
            cells.Clear();
        }
    }

    /// <summary>The separator used most in the first line, outside quotes.</summary>
    internal static char DetectDelimiter(string text)
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
}
