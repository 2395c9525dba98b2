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

    /// <summary>Tests only: called after each applied row, inside the transaction.</summary>
    internal Action<int>? AfterRowApplied { get; init; }

    /// <summary>Tests only: called with each data file as its reader opens it, to stand for a bug in a reader.</summary>
    internal Action<string>? WhileReading { get; init; }
}

/// <summary>Progress of one file: rows applied so far of the total.</summary>
public readonly record struct ImportProgress(string File, int Done, int Total);
