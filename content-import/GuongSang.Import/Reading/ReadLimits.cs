namespace GuongSang.Import.Reading;

/// <summary>
/// How big and how deep an agency's file may be, checked before any parser sees it: a real list or
/// article fits well inside these, and a file past them is refused with the limit it broke. They keep
/// a parser from running out of stack (which no catch can stop), CPU or memory.
/// </summary>
public static class ReadLimits
{
    /// <summary>A CSV, TSV or JSON list: the row limit's worth of rows with long summaries.</summary>
    public const long MaxListFileBytes = 16L << 20;

    /// <summary>A Markdown article: a 100,000-character body with its front matter.</summary>
    public const long MaxArticleFileBytes = 1L << 20;

    /// <summary>YAML front matter: a title, a code, a few tags.</summary>
    public const int MaxFrontMatterBytes = 16 << 10;

    /// <summary>Nesting of YAML flow collections ([ {) and of block collections (indentation, "- " and "? ").</summary>
    public const int MaxYamlDepth = 16;

    /// <summary>
    /// Rows of one table (sheet, CSV, JSON array, Word table): a province's yearly list is a few thousand.
    /// Each row is held, normalised and reported while its file's transaction runs, so this bounds an
    /// import's memory and time (see the hostile-input bench).
    /// </summary>
    public const int MaxRows = 20_000;

    /// <summary>
    /// Characters of text in one table's cells, counted as rows are read: bounds memory whatever the
    /// format, also where a small file repeats one long shared string in every cell.
    /// </summary>
    public const long MaxTableChars = 16_000_000;

    /// <summary>Columns of one table: a list has about twenty.</summary>
    public const int MaxColumns = 100;

    /// <summary>Entries of an .xlsx or .docx package (parts, images).</summary>
    public const int MaxPackageEntries = 1000;

    /// <summary>Element nesting inside an .xlsx or .docx part: Word nests tables in tables, but not hundreds deep.</summary>
    public const int MaxXmlDepth = 128;

    /// <summary>A worksheet streamed row by row: the row limit's worth of rows of twenty cells with their markup.</summary>
    public const long MaxSheetPartBytes = 64L << 20;

    /// <summary>Any other part read whole (shared strings, a Word document's body held as a tree).</summary>
    public const long MaxXmlPartBytes = 32L << 20;

    /// <summary>All parts of one .xlsx or .docx unpacked.</summary>
    public const long MaxPackageUnpackedBytes = 128L << 20;

    private static readonly System.Globalization.CultureInfo Vietnamese = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>"200.000", for messages.</summary>
    public static string Count(long n) => n.ToString("N0", Vietnamese);

    /// <summary>"64 MiB", for messages.</summary>
    public static string Describe(long bytes) =>
        bytes >= 1 << 20 ? $"{bytes / (1 << 20)} MiB" : $"{bytes / 1024} KiB";
}
