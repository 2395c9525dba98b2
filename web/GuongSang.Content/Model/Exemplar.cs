namespace GuongSang.Content.Model;

/// <summary>A person, collective, household or model held up as an example (điển hình tiên tiến).</summary>
public class Exemplar : IWorkflowItem
{
    /// <summary>Permanent: it is part of the public URL.</summary>
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;

    /// <summary>The agency's submission code (Mã hồ sơ), unique per agency.</summary>
    public required string Code { get; set; }
    public ExemplarKind Kind { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }

    /// <summary>Folded name, for finding the same exemplar sent by two agencies.</summary>
    public required string NameKey { get; set; }

    public string? Gender { get; set; }
    public int? BirthYear { get; set; }
    public string? Ethnicity { get; set; }
    public string? Position { get; set; }
    public string? AddressAsRecognised { get; set; }

    /// <summary>Today's province (after 1 July 2025) the address belongs to.</summary>
    public int? ProvinceId { get; set; }
    public Locality? Province { get; set; }
    public string? Field { get; set; }

    public int MovementId { get; set; }
    public Movement Movement { get; set; } = null!;

    public string Summary { get; set; } = "";
    public string Body { get; set; } = "";

    public ContentStatus Status { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public bool IsFeatured { get; set; }

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

    /// <summary>Demo content, shown with a "Dữ liệu mẫu" mark.</summary>
    public bool IsSample { get; set; }

    /// <summary>Where it came from: an import file and row, or a user.</summary>
    public string? SourceFile { get; set; }
    public int? SourceRow { get; set; }
    public string? SourceUser { get; set; }

    string? IWorkflowItem.CreatedBy => SourceUser;
    public DateTime? ImportedAt { get; set; }

    /// <summary>Staff only: never rendered on a public page or in the delivery API.</summary>
    public string? PrivateContact { get; set; }

    public List<Recognition> Recognitions { get; set; } = [];
    public List<ExemplarPhoto> Photos { get; set; } = [];
}

/// <summary>A recognition (khen thưởng) with the decision behind it.</summary>
public class Recognition
{
    public int Id { get; set; }
    public int ExemplarId { get; set; }
    public required string Award { get; set; }
    public string? DecisionNumberAsWritten { get; set; }

    /// <summary>Normalised, e.g. "1456/QĐ-UBND".</summary>
    public string? DecisionNumber { get; set; }
    public DateOnly? DecisionDate { get; set; }
    public string? Issuer { get; set; }
    public RecognitionLevel Level { get; set; }
    public bool Posthumous { get; set; }
}

public class ExemplarPhoto
{
    public int ExemplarId { get; set; }
    public int MediaId { get; set; }
    public Media Media { get; set; } = null!;
    public int SortOrder { get; set; }
}
