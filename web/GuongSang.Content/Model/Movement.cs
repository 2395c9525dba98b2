namespace GuongSang.Content.Model;

/// <summary>An emulation movement (phong trào thi đua) from a provincial plan.</summary>
public class Movement
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string? Campaign { get; set; }
    public string Description { get; set; } = "";
    public string? LeadAgency { get; set; }
    public int SortOrder { get; set; }

    /// <summary>Created by an import from a name that matched no movement: a person should review it.</summary>
    public bool NeedsReview { get; set; }

    public string? PlanNumber { get; set; }
    public DateOnly? PlanDate { get; set; }
    public string? PlanIssuer { get; set; }
    public string? PlanTitle { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<MovementCoordinator> Coordinators { get; set; } = [];
    public List<MovementCriterion> Criteria { get; set; } = [];
    public List<MovementTarget> Targets { get; set; } = [];
    public List<MovementAlias> Aliases { get; set; } = [];
}

public class MovementCoordinator
{
    public int Id { get; set; }
    public int MovementId { get; set; }
    public required string AgencyName { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>What qualifies an exemplar of one kind in a movement (tiêu chí).</summary>
public class MovementCriterion
{
    public int Id { get; set; }
    public int MovementId { get; set; }
    public ExemplarKind Kind { get; set; }
    public required string Text { get; set; }
}

/// <summary>How many exemplars of a kind the plan asks for in a period (chỉ tiêu).</summary>
public class MovementTarget
{
    public int Id { get; set; }
    public int MovementId { get; set; }
    public ExemplarKind Kind { get; set; }
    public int Count { get; set; }
    public required string Period { get; set; }
}

/// <summary>Another name agencies write for a movement; <see cref="Key"/> is its folded form for matching.</summary>
public class MovementAlias
{
    public int Id { get; set; }
    public int MovementId { get; set; }
    public required string Name { get; set; }
    public required string Key { get; set; }
}
