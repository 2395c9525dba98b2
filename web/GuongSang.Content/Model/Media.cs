namespace GuongSang.Content.Model;

/// <summary>An uploaded or imported photo; a full-size copy without metadata is kept for press download.</summary>
public class Media
{
    public int Id { get; set; }
    public required string FileName { get; set; }

    /// <summary>Detected from the bytes, never from the extension.</summary>
    public required string ContentType { get; set; }
    /// <summary>Of the stored full-size copy.</summary>
    public long Length { get; set; }

    /// <summary>Of the bytes as received: finds the same photo sent again.</summary>
    public required string Sha256 { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>The full-size copy, relative to the data folder.</summary>
    public required string StoragePath { get; set; }
    public string AltText { get; set; } = "";
    public string? Credit { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<MediaVariant> Variants { get; set; } = [];
}

/// <summary>A web-sized version of a <see cref="Media"/>.</summary>
public class MediaVariant
{
    public int Id { get; set; }
    public int MediaId { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public required string ContentType { get; set; }
    public required string StoragePath { get; set; }
}
