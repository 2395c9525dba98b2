namespace GuongSang.Content.Model;

/// <summary>
/// An imported row that was not applied because it looks like another agency's exemplar
/// (same person or collective sent twice): kept for a person to decide, never merged silently.
/// Staff only.
/// </summary>
public class ImportFlag
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;

    /// <summary>The row's submission code (Mã hồ sơ) at its agency.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>The stored exemplar the row resembles.</summary>
    public int? SimilarExemplarId { get; set; }
    public required string Reason { get; set; }
    public string? SourceFile { get; set; }
    public int? SourceRow { get; set; }

    /// <summary>The row as normalised (JSON), so a person can still apply it.</summary>
    public required string Row { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Set when a person has decided: one of <see cref="ImportFlagResolutions"/>.</summary>
    public string? Resolution { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTime? ResolvedAt { get; set; }
}

/// <summary>What the board decided about a flagged row.</summary>
public static class ImportFlagResolutions
{
    /// <summary>Same exemplar: the row's recognition was added to the exemplar it resembles.</summary>
    public const string Merged = "merged";

    /// <summary>Different exemplars: the row became an exemplar of its agency.</summary>
    public const string Created = "created";
    public const string Rejected = "rejected";
}
