namespace GuongSang.Import;

public sealed class ImportOptions
{
    /// <summary>Report everything, change nothing (no database write, no media file).</summary>
    public bool DryRun { get; init; }

    /// <summary>The submitting agency for files that name none (--agency).</summary>
    public string? Agency { get; init; }

    /// <summary>
    /// The agency an API key belongs to: every row is written for it, whatever the file says,
    /// so one agency can never write another's exemplars.
    /// </summary>
    public string? ForcedAgencyCode { get; init; }

    /// <summary>Who is writing, for revisions; default "nhap-lieu:&lt;file name&gt;".</summary>
    public string? Actor { get; init; }

    /// <summary>
    /// How long one file may take, reading and writing (GuongSang:Import:TimeBudget on the site): past
    /// it the file is rejected and nothing is written, whatever a parser was doing.
    /// </summary>
    public TimeSpan TimeBudget { get; init; } = DefaultTimeBudget;

    public static readonly TimeSpan DefaultTimeBudget = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How new exemplars and articles enter the workflow (GuongSang:Import:NewExemplars): published at once, or
    /// held in review for the board. Updates of stored ones keep their state.
    /// </summary>
    public NewContentMode NewExemplars { get; init; } = NewContentMode.Publish;

    /// <summary>Tests only: called after each applied row, inside the transaction.</summary>
    internal Action<int>? AfterRowApplied { get; init; }

    /// <summary>Tests only: called with each data file as its reader opens it, to stand for a bug in a reader.</summary>
    internal Action<string>? WhileReading { get; init; }
}

/// <summary>How an import's new exemplars and articles enter the workflow, as the board configures it.</summary>
public enum NewContentMode
{
    /// <summary>Public at once ("publish", the default).</summary>
    Publish,

    /// <summary>In review until the board publishes them ("review").</summary>
    Review,
}

public static class NewContentModes
{
    /// <summary>The setting's key, for the site's configuration and (as GuongSang__Import__NewExemplars) the environment.</summary>
    public const string Setting = "GuongSang:Import:NewExemplars";

    /// <summary>The environment variable of <see cref="Setting"/>, read by the site and the command line alike.</summary>
    public const string EnvironmentVariable = "GuongSang__Import__NewExemplars";

    /// <summary>"publish" or "review" (any case); none: the default, publish; anything else: false.</summary>
    public static bool TryParse(string? value, out NewContentMode mode)
    {
        mode = NewContentMode.Publish;
        if (string.IsNullOrWhiteSpace(value)) return true;
        switch (value.Trim().ToLowerInvariant())
        {
            case "publish": return true;
            case "review": mode = NewContentMode.Review; return true;
            default: return false;
        }
    }

    /// <summary>Why a value was refused, in Vietnamese, naming where it came from.</summary>
    public static string Error(string where, string value) =>
        $"{where}: giá trị \"{value}\" không hợp lệ; dùng \"publish\" (đăng ngay, mặc định) hoặc \"review\" (chờ Ban Thi đua - Khen thưởng duyệt).";
}

/// <summary>Progress of one file: rows applied so far of the total.</summary>
public readonly record struct ImportProgress(string File, int Done, int Total);
