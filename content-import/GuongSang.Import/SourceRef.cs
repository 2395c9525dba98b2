namespace GuongSang.Import;

/// <summary>
/// Where a table or an article came from, kept as parts so nothing has to take a display string apart:
/// the file sent (its name), the entry inside it when it is a package, and the part of that entry (a sheet,
/// a Word table). A part is only shown inside a package: a list sent alone is known by its name.
/// </summary>
public sealed record SourceRef(string File, string? Entry = null, string? Part = null)
{
    /// <summary>Between the levels of a display: "goi.zip › ds.xlsx › Sheet1".</summary>
    public const string Separator = " › ";

    /// <summary>The entry and its part as a row's report names them inside a package; null for a file sent alone.</summary>
    public string? Inner => Entry is null ? null : Part is null ? Entry : Entry + Separator + Part;

    /// <summary>As stored on what it made and shown to people: "goi.zip › ds.xlsx › Sheet1", or the file's name.</summary>
    public string Display => Inner is null ? File : File + Separator + Inner;

    /// <summary>The document an article is known by whatever its package is called: its path inside the package, or its name when sent alone.</summary>
    public string Document => Entry ?? File;
}
