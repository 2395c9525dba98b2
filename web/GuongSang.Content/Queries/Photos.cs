using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Content.Queries;

public sealed record PhotoVariant(string Url, int Width, int Height);

/// <summary>
/// A photo as readers get it. <see cref="Url"/> is the version a card shows (also the fallback for old browsers),
/// <see cref="Variants"/> every web version narrowest first, so a page lets the browser pick the one its screen needs.
/// </summary>
public sealed record PhotoView(string Url, int Width, int Height, string AltText, string OriginalUrl, string? Credit, IReadOnlyList<PhotoVariant> Variants)
{
    /// <summary>Web versions below this width are thumbnails, too small for a card.</summary>
    public const int CardWidth = 480;

    /// <summary>"url 480w, url 960w, …" for an img's srcset; empty when there are no web versions.</summary>
    public string Srcset => string.Join(", ", Variants.Select(v => v.Url + " " + v.Width.ToString(System.Globalization.CultureInfo.InvariantCulture) + "w"));

    /// <summary>Media files are served from the data folder's root, so a stored path is its own URL.</summary>
    public static string UrlOf(string storagePath) => "/" + storagePath.Replace('\\', '/');

    /// <summary>The card photo rule: the smallest web version fit for a card, else the largest one, else the original.</summary>
    internal static PhotoView Of(Media media, IEnumerable<MediaVariant> variants)
    {
        var ordered = variants.OrderBy(v => v.Width).ToList();
        var shown = ordered.FirstOrDefault(v => v.Width >= CardWidth) ?? ordered.LastOrDefault();
        var all = ordered.Select(v => new PhotoVariant(UrlOf(v.StoragePath), v.Width, v.Height)).ToList();
        var original = UrlOf(media.StoragePath);
        return shown is null
            ? new PhotoView(original, media.Width, media.Height, media.AltText, original, media.Credit, all)
            : new PhotoView(UrlOf(shown.StoragePath), shown.Width, shown.Height, media.AltText, original, media.Credit, all);
    }
}

/// <summary>The photos of some exemplars, each exemplar's in the agency's order.</summary>
public sealed class ExemplarPhotos(ILookup<int, PhotoView> byExemplar)
{
    public IReadOnlyList<PhotoView> Of(int exemplarId) => [.. byExemplar[exemplarId]];

    /// <summary>The photo a card (a list, the API's first photo, a search result) shows: the exemplar's first.</summary>
    public PhotoView? CardOf(int exemplarId) => byExemplar[exemplarId].FirstOrDefault();
}

/// <summary>
/// Photos in two flat queries (photos, then their web versions) whatever the number of exemplars:
/// nested per-row photo lookups need SQL APPLY, which SQLite lacks.
/// </summary>
public static class PhotoQueries
{
    public static async Task<ExemplarPhotos> PhotosOfExemplarsAsync(this GuongSangDb db, IReadOnlyCollection<int> exemplarIds, CancellationToken ct)
    {
        if (exemplarIds.Count == 0) return new ExemplarPhotos(Array.Empty<PhotoView>().ToLookup(_ => 0));
        var rows = await db.Set<ExemplarPhoto>().Where(p => exemplarIds.Contains(p.ExemplarId))
            .OrderBy(p => p.ExemplarId).ThenBy(p => p.SortOrder).ThenBy(p => p.MediaId)
            .Select(p => new { p.ExemplarId, p.Media })
            .ToListAsync(ct);
        var variants = await VariantsAsync(db, rows.Select(r => r.Media.Id), ct);
        return new ExemplarPhotos(rows.ToLookup(r => r.ExemplarId, r => PhotoView.Of(r.Media, variants[r.Media.Id])));
    }

    public static async Task<PhotoView?> PhotoAsync(this GuongSangDb db, int? mediaId, CancellationToken ct)
    {
        if (mediaId is null) return null;
        var media = await db.Media.FirstOrDefaultAsync(m => m.Id == mediaId, ct);
        return media is null ? null : PhotoView.Of(media, (await VariantsAsync(db, [media.Id], ct))[media.Id]);
    }

    private static async Task<ILookup<int, MediaVariant>> VariantsAsync(GuongSangDb db, IEnumerable<int> mediaIds, CancellationToken ct)
    {
        var ids = mediaIds.Distinct().ToList();
        return (await db.Set<MediaVariant>().Where(v => ids.Contains(v.MediaId)).ToListAsync(ct)).ToLookup(v => v.MediaId);
    }
}
