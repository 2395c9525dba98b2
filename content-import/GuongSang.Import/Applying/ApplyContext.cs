using GuongSang.Content.Model;
using GuongSang.Content.Storage;

namespace GuongSang.Import.Applying;

/// <summary>What every part of one file's apply shares: the database (inside the file's transaction), the import's time, its options and its report.</summary>
internal sealed record ApplyContext(GuongSangDb Db, DateTime Now, ImportOptions Options, FileReport Report)
{
    /// <summary>Whether a new exemplar or article goes public at once (else it waits in review for the board).</summary>
    public bool PublishNew => Options.NewExemplars == NewContentMode.Publish;

    /// <summary>The state a new exemplar or article starts in.</summary>
    public ContentStatus NewStatus => PublishNew ? ContentStatus.Published : ContentStatus.InReview;

    /// <summary>The slug, or the slug with "-2", "-3"… when it is taken; the one returned is marked taken.</summary>
    public static string UniqueSlug(string slug, HashSet<string> taken)
    {
        var unique = slug;
        for (var i = 2; taken.Contains(unique); i++) unique = $"{slug}-{i}";
        taken.Add(unique);
        return unique;
    }

    public static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;
}
