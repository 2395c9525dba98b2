using GuongSang.Import.Privacy;

namespace GuongSang.Import.Reading;

/// <summary>
/// A table as read from a file, before we know which row is the header: every row with its
/// number as a person sees it (spreadsheet row, CSV line, JSON item).
/// </summary>
public sealed class SourceTable
{
    public required string Source { get; init; }
    private readonly List<SourceRow> _rows = [];
    private long _chars;

    public IReadOnlyList<SourceRow> Rows => _rows;

    /// <summary>Adds a row, refusing a table longer or wider than a real list (<see cref="ReadLimits"/>).</summary>
    public void AddRow(SourceRow row)
    {
        if (_rows.Count >= ReadLimits.MaxRows)
            throw new ImportRejectedException($"có hơn {ReadLimits.Count(ReadLimits.MaxRows)} dòng, quá giới hạn của một danh sách");
        if (row.Cells.Length > ReadLimits.MaxColumns)
            throw new ImportRejectedException($"dòng {row.Number} có {row.Cells.Length} cột, quá giới hạn {ReadLimits.MaxColumns} cột của một danh sách");
        foreach (var cell in row.Cells) _chars += (cell as string)?.Length ?? 0;
        if (_chars > ReadLimits.MaxTableChars)
            throw new ImportRejectedException($"các dòng đến dòng {row.Number} đã có hơn {ReadLimits.Count(ReadLimits.MaxTableChars)} ký tự, quá giới hạn của một danh sách");
        _rows.Add(row);
    }

    /// <summary>Known header (JSON keys); null means: find the header row by its names.</summary>
    public IReadOnlyList<string>? Header { get; init; }

    /// <summary>The part of its file the table is (a sheet's name, "bảng 2" of a Word document); null when the file is one table.</summary>
    public string? Part { get; init; }

    /// <summary>The agency a JSON document names for all its rows.</summary>
    public string? Agency { get; init; }
}

/// <summary>One row: cells are string, double, DateTime or null.</summary>
public sealed record SourceRow(int Number, object?[] Cells);

/// <summary>
/// An article to import: Markdown body with front matter, or a Word story. Every text says whether readers
/// can see it; <see cref="Redactor.RedactFields"/> masks personal data in all that they can.
/// </summary>
public sealed class ArticleSource
{
    [NotPublished("the file's path, for the report and to find the stored article again")]
    public required string Source { get; init; }

    [Published("Tiêu đề")]
    public required string Title { get; set; }

    [NotPublished("a lookup key for the exemplar the article is about")]
    public string? ExemplarCode { get; init; }

    /// <summary>A new movement is made from it: its name, page and URL.</summary>
    [Published("Phong trào")]
    public string? Movement { get; set; }

    [Published("Tác giả")]
    public string? Author { get; set; }

    public DateOnly? Date { get; init; }

    [Published("Thẻ")]
    public List<string> Tags { get; init; } = [];

    [NotPublished("a file name to find the cover photo by")]
    public string? Cover { get; init; }

    /// <summary>Markdown; image alt texts in it become the photos' captions.</summary>
    [Published("Nội dung")]
    public required string Body { get; set; }

    /// <summary>Folder the article's image names are relative to.</summary>
    [NotPublished("a folder on this machine")]
    public string? BaseFolder { get; init; }
}

/// <summary>
/// A file that cannot be imported: the message says why, in Vietnamese, for the sender; the library's
/// own exception, if any, is the inner one, for the log.
/// </summary>
public sealed class ImportRejectedException(string message, Exception? inner = null) : Exception(message, inner);
