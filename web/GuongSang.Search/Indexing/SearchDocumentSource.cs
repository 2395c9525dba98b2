using GuongSang.Content.Markdown;
using GuongSang.Content.Model;
using GuongSang.Content.Queries;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Search.Indexing;

/// <summary>
/// Reads published exemplars from the database as <see cref="SearchDocument"/>s, a batch at a time. An item
/// whose document cannot be built (a story that cannot be rendered) is recorded in the status and left out.
/// </summary>
public sealed class SearchDocumentSource(MarkdownRenderer markdown, IndexerStatus? status = null)
{
    private readonly IndexerStatus _status = status ?? new IndexerStatus();

    public const int BatchSize = 500;

    /// <summary>The published ones among <paramref name="ids"/>; the others are to be removed from the index.</summary>
    public async Task<List<SearchDocument>> LoadAsync(GuongSangDb db, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var list = ids.ToList();
        var rows = await db.Exemplars.Published().Where(e => list.Contains(e.Id)).SelectPublic().ToListAsync(ct);
        var photos = await db.PhotosOfExemplarsAsync([.. rows.Select(r => r.Id)], ct);
        return [.. rows.Select(e => _status.Isolate(nameof(Exemplar), e.Id, () => ToDocument(e, photos.CardOf(e.Id)))).OfType<SearchDocument>()];
    }

    /// <summary>Every published exemplar, in id order, one batch at a time.</summary>
    public async IAsyncEnumerable<List<SearchDocument>> LoadAllAsync(
        GuongSangDb db, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var after = 0;
        while (true)
        {
            var ids = await db.Exemplars.Published().Where(e => e.Id > after)
                .OrderBy(e => e.Id).Select(e => e.Id).Take(BatchSize).ToListAsync(ct);
            if (ids.Count == 0) yield break;
            after = ids[^1];
            yield return await LoadAsync(db, ids, ct);
        }
    }

    /// <summary>The published ones among the articles <paramref name="ids"/>; the others are to be removed.</summary>
    public async Task<List<ArticleDocument>> LoadArticlesAsync(GuongSangDb db, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var list = ids.ToList();
        return await LoadArticlesAsync(db.Articles.Where(a => list.Contains(a.Id)), ct);
    }

    /// <summary>Every published article (there are few: one query).</summary>
    public Task<List<ArticleDocument>> LoadAllArticlesAsync(GuongSangDb db, CancellationToken ct) => LoadArticlesAsync(db.Articles, ct);

    private async Task<List<ArticleDocument>> LoadArticlesAsync(IQueryable<Article> query, CancellationToken ct)
    {
        var rows = await query.Published()
            .Select(a => new
            {
                a.Id, a.Title, a.Slug, a.Body, a.Author, a.PublishedAt,
                Movement = a.Movement == null ? null : a.Movement.Name,
                Tags = a.Tags.Select(t => t.Tag).ToList(),
            })
            .AsSplitQuery().ToListAsync(ct);
        return [.. rows.Select(a => _status.Isolate(nameof(Article), a.Id, () => new ArticleDocument(
            a.Id, a.Title, a.Slug, markdown.ToPlainTextOrThrow(a.Body),
            string.Join("\n", new[] { a.Author, a.Movement }.Concat(a.Tags).Where(s => !string.IsNullOrWhiteSpace(s))),
            a.PublishedAt))).OfType<ArticleDocument>()];
    }

    /// <summary>
    /// Ids of the exemplars (and articles) that show something of a changed movement, agency or province
    /// (its name, its slug): they are indexed again. Other changes concern no indexed document.
    /// </summary>
    public async Task<(List<int> Exemplars, List<int> Articles)> DependentsAsync(GuongSangDb db, string entityType, int id, CancellationToken ct) => entityType switch
    {
        nameof(Movement) => (
            await db.Exemplars.Where(e => e.MovementId == id).Select(e => e.Id).ToListAsync(ct),
            await db.Articles.Where(a => a.MovementId == id).Select(a => a.Id).ToListAsync(ct)),
        nameof(Agency) => (await db.Exemplars.Where(e => e.AgencyId == id).Select(e => e.Id).ToListAsync(ct), []),
        nameof(Locality) => (await db.Exemplars.Where(e => e.ProvinceId == id).Select(e => e.Id).ToListAsync(ct), []),
        _ => ([], []),
    };

    private SearchDocument ToDocument(PublicExemplar e, PhotoView? photo)
    {
        var decisions = e.Recognitions.SelectMany(r => new[] { r.DecisionNumber, r.DecisionNumberAsWritten })
            .Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d!).Distinct().ToList();
        var extra = string.Join("\n", new[]
            {
                e.Position, e.AddressAsRecognised, e.Field, e.Ethnicity, e.MovementName, e.ProvinceName, e.AgencyName, e.Code,
            }
            .Concat(e.Recognitions.SelectMany(r => new[] { r.Award, r.DecisionNumber, r.Issuer }))
            .Where(s => !string.IsNullOrWhiteSpace(s)));
        var body = markdown.ToPlainTextOrThrow(e.Body);
        var text = string.IsNullOrWhiteSpace(e.Summary) ? body : e.Summary.Trim() + "\n\n" + body;
        return new SearchDocument(
            e.Id, e.Code, e.Name, e.Slug, Texts.KindCode(e.Kind), Texts.Kind(e.Kind),
            e.MovementSlug, e.MovementName, e.ProvinceSlug, e.ProvinceName, e.AgencyCode, e.AgencyName,
            text, extra, decisions,
            [.. e.Recognitions.Where(r => r.DecisionDate is not null).Select(r => r.DecisionDate!.Value.Year).Distinct()],
            photo?.Url, photo?.Width ?? 0, photo?.Height ?? 0,
            e.IsSample, e.PublishedAt);
    }
}
