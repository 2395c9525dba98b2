namespace GuongSang.Content.Model;

public class Article : IWorkflowItem
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public string Body { get; set; } = "";
    public string? Author { get; set; }
    public int? MovementId { get; set; }
    public Movement? Movement { get; set; }
    public int? CoverMediaId { get; set; }
    public Media? Cover { get; set; }
    public ContentStatus Status { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>When a scheduled story goes public (UTC; entered and shown in Vietnam time).</summary>
    public DateTime? ScheduledAt { get; set; }

    /// <summary>When it was withdrawn (thu hồi), and the public reason shown in place of the story.</summary>
    public DateTime? WithdrawnAt { get; set; }
    public string? WithdrawalReason { get; set; }

    /// <summary>The last public correction: "Cập nhật ngày dd/MM/yyyy: <note>" on the page.</summary>
    public DateTime? CorrectedAt { get; set; }
    public string? CorrectionNote { get; set; }

    /// <summary>Raised by every save (optimistic concurrency): a save from an older version is refused.</summary>
    public int Version { get; set; }

    /// <summary>The account that wrote it in the manager (its user name), if any: a Writer edits only their own.</summary>
    public string? CreatedBy { get; set; }
    public bool IsSample { get; set; }
    public string? SourceFile { get; set; }

    /// <summary>
    /// The document an import made it from, whatever the package was called: its path inside the package,
    /// or its file name when sent alone. A later import of the same document updates this article.
    /// </summary>
    public string? SourceDocument { get; set; }

    /// <summary>
    /// The agency whose import brought it: only that agency's imports may update it or link it to an
    /// exemplar. None: written by the board or demo content.
    /// </summary>
    public int? AgencyId { get; set; }
    public Agency? Agency { get; set; }

    public List<ArticleTag> Tags { get; set; } = [];
    public List<ArticleExemplar> Exemplars { get; set; } = [];
}

public class ArticleTag
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public required string Tag { get; set; }
}

public class ArticleExemplar
{
    public int ArticleId { get; set; }
    public int ExemplarId { get; set; }
    public Exemplar Exemplar { get; set; } = null!;
}
