using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GuongSang.Import;

/// <summary>
/// The import report: the JSON shape is a promise (interfaces.md):
/// {"files":[{"file","status","error"?,"rows":[{"row","code","outcome","messages"}]}]}. Extra fields are additions.
/// </summary>
public sealed class ImportReport
{
    public List<FileReport> Files { get; } = [];

    /// <summary>Files in a folder that are no submission and were left alone (a README beside the lists), and why.</summary>
    public List<IgnoredFile> Ignored { get; } = [];

    [JsonIgnore]
    public bool AllImported => Files.All(f => f.Status == FileStatus.Imported);

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

/// <param name="File">The file (in a package: its path inside the package).</param>
public sealed record IgnoredFile(string File, string Reason);

public static class FileStatus
{
    public const string Imported = "imported";
    public const string Rejected = "rejected";
}

public static class RowOutcome
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Unchanged = "unchanged";
    public const string Skipped = "skipped";
    public const string Rejected = "rejected";
    public const string Flagged = "flagged";
}

public sealed class FileReport
{
    public required string File { get; init; }
    public string Status { get; set; } = FileStatus.Imported;
    public string? Error { get; set; }

    /// <summary>"xlsx", "csv", "json", "md", "docx", "zip".</summary>
    public string? Format { get; set; }

    /// <summary>The text encoding found (text files), e.g. "TCVN3 (ABC)".</summary>
    public string? Encoding { get; set; }
    public bool DryRun { get; set; }
    public List<RowReport> Rows { get; } = [];

    /// <summary>Columns whose header matched nothing we know: reported, not fatal.</summary>
    public List<string> UnknownColumns { get; } = [];
    public List<string> NewAgencies { get; } = [];
    public List<string> NewMovements { get; } = [];

    /// <summary>Entries of a package that are no submission and were left alone (a README beside the list), and why.</summary>
    public List<IgnoredFile> Ignored { get; } = [];

    public Dictionary<string, int> Counts => Rows.GroupBy(r => r.Outcome).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Rejected for a failure of ours, not of the file (the error says so, with an incident number).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool SystemError { get; set; }

    internal void Reject(string error)
    {
        Status = FileStatus.Rejected;
        Error = error;
    }
}

public sealed class RowReport
{
    /// <summary>The row as a person finds it: spreadsheet row, CSV line, 1-based JSON item, 0 for a whole document.</summary>
    public int Row { get; init; }

    /// <summary>Always present (null for a row without a code): it is part of the promised shape.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Code { get; set; }
    public required string Outcome { get; set; }
    public List<string> Messages { get; } = [];

    /// <summary>The file inside a package the row came from.</summary>
    public string? Source { get; init; }

    /// <summary>"exemplar" or "article".</summary>
    public string Kind { get; init; } = "exemplar";
    public int? ExemplarId { get; set; }
    public int? ArticleId { get; set; }
    public List<Redaction> Redactions { get; } = [];
}

/// <summary>Something private found in a public field and hidden before storing.</summary>
public sealed record Redaction(string Field, string Kind);
