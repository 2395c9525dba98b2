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

    /// <summary>Set when a person has decided ("merged", "created", "rejected").</summary>
    public string? Resolution { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTime? ResolvedAt { get; set; }
}
