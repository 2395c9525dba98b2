namespace GuongSang.Content.Model;

/// <summary>
/// A province-level unit: one of today's 34 (IsCurrent) or one of the 63 before 1 July 2025,
/// which points at the one it became part of.
/// </summary>
public class Locality
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }

    /// <summary>Folded name without "tỉnh"/"thành phố", for matching addresses.</summary>
    public required string Key { get; set; }

    /// <summary>"tỉnh" or "thành phố".</summary>
    public required string LevelName { get; set; }
    public bool IsCurrent { get; set; }
    public int? SuccessorId { get; set; }
    public Locality? Successor { get; set; }
}
