namespace GuongSang.Content.Model;

/// <summary>An agency that submits exemplars (cơ quan đề xuất).</summary>
public class Agency
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>Folded name, for matching the loose names agencies write.</summary>
    public required string Key { get; set; }
    public AgencyType Type { get; set; }
    public int? ProvinceId { get; set; }
    public Locality? Province { get; set; }

    /// <summary>The agency's public press contact (office phone, office e-mail): public by design.</summary>
    public string? PressContact { get; set; }

    /// <summary>SHA-256 of the push API key; the key itself is never stored.</summary>
    public string? ApiKeyHash { get; set; }

    /// <summary>Created by an import from an unknown name.</summary>
    public bool NeedsReview { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A code and folded name that still lead to an agency after the board merged or renamed it, so the next import
/// that writes the old name (or code) finds the agency instead of creating another one for review.
/// </summary>
public class AgencyAlias
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;
    public string? Code { get; set; }
    public required string Key { get; set; }
}
