namespace GuongSang.Content.Model;

public class Article
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
