namespace GuongSang.Content.Model;

/// <summary>One save of a content item: who, when, and which fields changed from what to what.</summary>
public class Revision
{
    public long Id { get; set; }
    public required string EntityType { get; set; }
    public int EntityId { get; set; }
    public required string Author { get; set; }
    public DateTime At { get; set; }

    /// <summary>"created", "updated" or "deleted".</summary>
    public required string Action { get; set; }

    /// <summary>
    /// JSON object: field → {"from","to"} (a secret field → {"changed":true}); a child list ("Recognition[]") →
    /// [{"op":"added|modified|deleted", its fields…, "from"?: {changed fields' old values}}]. Rows written before child
    /// values were kept hold only the op as a string ("added").
    /// </summary>
    public required string Changes { get; set; }
}

/// <summary>An old public path that answers 301 to the current one.</summary>
public class Redirect
{
    public int Id { get; set; }
    public required string FromPath { get; set; }
    public required string ToPath { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// The change log every process appends to and the site's search indexer reads in order.
/// It lets the importer (another process) change content without touching the index.
/// </summary>
public class ContentChange
{
    public long Id { get; set; }
    public required string EntityType { get; set; }
    public int EntityId { get; set; }
    public bool Deleted { get; set; }
    public DateTime At { get; set; }
}
