using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Site;

/// <summary>
/// Photos for a page's exemplars in two flat queries (photos, then their web versions), whatever
/// the number of exemplars: nested per-row photo lookups need SQL APPLY, which SQLite lacks.
/// </summary>
public sealed class PhotoLoader(GuongSangDb db)
{
    /// <summary>Web versions below this width are thumbnails, too small for a card.</summary>
    public const int CardWidth = 480;

    public async Task<ILookup<int, PhotoView>> ForExemplarsAsync(IReadOnlyCollection<int> exemplarIds, CancellationToken ct)
    {
        if (exemplarIds.Count == 0) return Array.Empty<PhotoView>().ToLookup(_ => 0);
        var rows = await db.Set<ExemplarPhoto>().Where(p => exemplarIds.Contains(p.ExemplarId))
            .OrderBy(p => p.ExemplarId).ThenBy(p => p.SortOrder)
            .Select(p => new { p.ExemplarId, p.Media })
            .ToListAsync(ct);
        var variants = await VariantsAsync(rows.Select(r => r.Media.Id), ct);
        return rows.ToLookup(r => r.ExemplarId, r => ToView(r.Media, variants[r.Media.Id]));
    }

    public async Task<PhotoView?> ForMediaAsync(int? mediaId, CancellationToken ct)
    {
        if (mediaId is null) return null;
        var media = await db.Media.FirstOrDefaultAsync(m => m.Id == mediaId, ct);
        return media is null ? null : ToView(media, (await VariantsAsync([media.Id], ct))[media.Id]);
    }

    public async Task<IReadOnlyList<ExemplarCard>> WithPhotosAsync(IReadOnlyList<ExemplarCard> cards, CancellationToken ct)
    {
        var photos = await ForExemplarsAsync([.. cards.Select(c => c.Id)], ct);
        return [.. cards.Select(c => c with { Photo = photos[c.Id].FirstOrDefault() })];
    }

    private async Task<ILookup<int, MediaVariant>> VariantsAsync(IEnumerable<int> mediaIds, CancellationToken ct)
    {
        var ids = mediaIds.Distinct().ToList();
        return (await db.Set<MediaVariant>().Where(v => ids.Contains(v.MediaId)).ToListAsync(ct)).ToLookup(v => v.MediaId);
    }

    /// <summary>Shown: the smallest web version fit for a card, else the largest one, else the original; and all web versions for srcset.</summary>
    private static PhotoView ToView(Media media, IEnumerable<MediaVariant> variants)
    {
        var ordered = variants.OrderBy(v => v.Width).ToList();
        var shown = ordered.FirstOrDefault(v => v.Width >= CardWidth) ?? ordered.LastOrDefault();
        var all = ordered.Select(v => new PhotoVariant(Paths.Media(v.StoragePath), v.Width, v.Height)).ToList();
        return shown is null
            ? new PhotoView(Paths.Media(media.StoragePath), media.Width, media.Height, media.AltText, Paths.Media(media.StoragePath), media.Credit, all)
            : new PhotoView(Paths.Media(shown.StoragePath), shown.Width, shown.Height, media.AltText, Paths.Media(media.StoragePath), media.Credit, all);
    }
}
