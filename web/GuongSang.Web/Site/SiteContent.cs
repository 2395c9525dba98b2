using System.Linq.Expressions;
using GuongSang.Content.Markdown;
using GuongSang.Content.Model;
using GuongSang.Content.Queries;
using GuongSang.Content.Storage;
using GuongSang.Content.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Site;

/// <summary>
/// Everything the public pages read, as view models built by projection on the shared published-content
/// queries (<see cref="PublishedContent"/>):
/// each page costs a fixed number of SQL commands whatever its size. Pages render from content
/// alone, so they can be output-cached.
/// </summary>
public sealed class SiteContent(GuongSangDb db, MarkdownRenderer markdown)
{
    public const int PageSize = 20;

    private static readonly Expression<Func<Exemplar, ExemplarCard>> ToCard = e => new ExemplarCard(
        e.Id, e.Slug, e.Name, e.Kind, e.Movement.Name, e.Movement.Slug,
        e.Province == null ? null : e.Province.Name, e.Summary,
        null,
        e.IsSample, e.PublishedAt);

    private static readonly Expression<Func<Article, ArticleCard>> ToArticleCard = a => new ArticleCard(
        a.Id, a.Slug, a.Title, a.Author, a.PublishedAt, a.IsSample, a.Body.Length > 400 ? a.Body.Substring(0, 400) : a.Body);

    public async Task<HomePage> GetHomeAsync(CancellationToken ct)
    {
        var featured = await db.Exemplars.Published().Where(e => e.IsFeatured).OrderByDescending(e => e.PublishedAt).Select(ToCard).FirstOrDefaultAsync(ct);
        var latest = await db.Exemplars.Published().OrderByDescending(e => e.PublishedAt).ThenByDescending(e => e.Id).Select(ToCard).Take(6).ToListAsync(ct);
        var withPhotos = await WithPhotosAsync([.. latest.Prepend(featured).OfType<ExemplarCard>()], ct);
        if (featured is not null) (featured, withPhotos) = (withPhotos[0], withPhotos.Skip(1).ToList());
        latest = [.. withPhotos];
        var articles = await db.Articles.Published().OrderByDescending(a => a.PublishedAt).Select(ToArticleCard).Take(3).ToListAsync(ct);
        var movements = await GetMovementsAsync(ct);
        var agencyCount = await db.Exemplars.Published().Select(e => e.AgencyId).Distinct().CountAsync(ct);
        return new HomePage(
            featured, latest, [.. articles.Select(WithPlainExcerpt)], movements,
            movements.Sum(m => m.PublishedCount), movements.Count, agencyCount);
    }

    public async Task<IReadOnlyList<MovementSummary>> GetMovementsAsync(CancellationToken ct) =>
        await db.Movements.Confirmed().OrderBy(m => m.SortOrder).ThenBy(m => m.Name)
            .Select(m => new MovementSummary(m.Id, m.Name, m.Slug, m.LeadAgency,
                db.Exemplars.Published().Count(e => e.MovementId == m.Id)))
            .ToListAsync(ct);

    public async Task<MovementPage?> GetMovementAsync(string slug, int page, CancellationToken ct)
    {
        var movement = await db.Movements.Confirmed().Where(m => m.Slug == slug)
            .Include(m => m.Criteria).Include(m => m.Targets).Include(m => m.Coordinators)
            .AsSplitQuery().FirstOrDefaultAsync(ct);
        if (movement is null) return null;
        var counts = await db.Exemplars.Where(e => e.MovementId == movement.Id).CountPublishedByKindAsync(ct);
        var progress = movement.Targets.OrderBy(t => t.Kind)
            .Select(t => new TargetProgress(t.Kind, t.Count, counts.Of(movement.Id, t.Kind), t.Period))
            .ToList();
        var exemplars = await PageAsync(db.Exemplars.Published().Where(e => e.MovementId == movement.Id), page, counts.Of(movement.Id), ct);
        return new MovementPage(movement, markdown.ToHtml(movement.Description, $"Movement {movement.Id}"), progress, exemplars);
    }

    public async Task<ExemplarPage?> GetExemplarAsync(int id, CancellationToken ct)
    {
        var exemplar = await db.Exemplars.Published().Where(e => e.Id == id).SelectPublic().FirstOrDefaultAsync(ct);
        if (exemplar is null) return null;
        var articles = await db.Articles.Published().Where(a => a.Exemplars.Any(x => x.ExemplarId == id))
            .OrderByDescending(a => a.PublishedAt).Select(ToArticleCard).ToListAsync(ct);
        var photos = await db.PhotosOfExemplarsAsync([id], ct);
        return new ExemplarPage(exemplar, markdown.ToHtml(exemplar.Body, $"Exemplar {id}"), photos.Of(id), articles);
    }

    /// <summary>The notice at a withdrawn exemplar's URL; null when it is not withdrawn.</summary>
    public async Task<WithdrawnPage?> GetWithdrawnExemplarAsync(int id, CancellationToken ct) =>
        await db.Exemplars.Withdrawn().Where(e => e.Id == id).SelectWithdrawn().AsSplitQuery().FirstOrDefaultAsync(ct) is { } story
            ? new WithdrawnPage(story, Paths.Exemplar(story.Id, story.Slug))
            : null;

    /// <summary>The notice at a withdrawn article's URL; null when it is not withdrawn.</summary>
    public async Task<WithdrawnPage?> GetWithdrawnArticleAsync(int id, CancellationToken ct) =>
        await db.Articles.Withdrawn().Where(a => a.Id == id).SelectWithdrawn().FirstOrDefaultAsync(ct) is { } story
            ? new WithdrawnPage(story, Paths.Article(story.Id, story.Slug))
            : null;

    public async Task<Paged<ArticleCard>> GetArticlesAsync(int page, CancellationToken ct)
    {
        var total = await db.Articles.Published().CountAsync(ct);
        var items = await db.Articles.Published().OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Select(ToArticleCard).ToPageAsync(new PageRequest(page, PageSize), total, ct);
        return new Paged<ArticleCard>([.. items.Select(WithPlainExcerpt)], page, PageSize, total);
    }

    public async Task<ArticlePage?> GetArticleAsync(int id, CancellationToken ct)
    {
        var article = await db.Articles.Published().Where(a => a.Id == id).Select(a => new
        {
            a.Id, a.Slug, a.Title, a.Author, a.PublishedAt, a.UpdatedAt, a.IsSample, a.Body, a.CorrectedAt, a.CorrectionNote,
            MovementName = a.Movement == null ? null : a.Movement.Name,
            MovementSlug = a.Movement == null ? null : a.Movement.Slug,
            Tags = a.Tags.Select(t => t.Tag).ToList(),
            ExemplarIds = a.Exemplars.Select(x => x.ExemplarId).ToList(),
            a.CoverMediaId,
        }).AsSplitQuery().FirstOrDefaultAsync(ct);
        if (article is null) return null;
        var exemplars = await WithPhotosAsync(await db.Exemplars.Published().Where(e => article.ExemplarIds.Contains(e.Id)).Select(ToCard).ToListAsync(ct), ct);
        var cover = await db.PhotoAsync(article.CoverMediaId, ct);
        return new ArticlePage(article.Id, article.Slug, article.Title, article.Author, article.PublishedAt, article.UpdatedAt,
            article.IsSample, ArticleBodyHtml(article.Id, article.Body), article.MovementName, article.MovementSlug, article.Tags, exemplars, cover,
            ContentWorkflow.CorrectionLine(article.CorrectedAt, article.CorrectionNote));
    }

    /// <summary>An article's body as its public page shows it: the manager's preview renders through this same call.</summary>
    public string ArticleBodyHtml(int? id, string? body) => markdown.ToHtml(body, $"Article {id}");

    public async Task<IReadOnlyList<ProvinceSummary>> GetProvincesAsync(CancellationToken ct)
    {
        var provinces = await db.Localities.Where(l => l.IsCurrent).OrderBy(l => l.Key)
            .Select(l => new ProvinceSummary(l.Name, l.Slug,
                db.Exemplars.Published().Count(e => e.ProvinceId == l.Id),
                db.Localities.Where(o => o.SuccessorId == l.Id).OrderBy(o => o.Key).Select(o => o.Name).ToList()))
            .ToListAsync(ct);
        return provinces;
    }

    /// <summary>The province page; an old (pre-2025) province's slug gives its successor's slug to redirect to.</summary>
    public async Task<(ProvincePage? Page, string? RedirectSlug)> GetProvinceAsync(string slug, int page, CancellationToken ct)
    {
        var locality = await db.Localities.Where(l => l.Slug == slug)
            .Select(l => new { l.Id, l.Name, l.Slug, l.IsCurrent, SuccessorSlug = l.Successor == null ? null : l.Successor.Slug })
            .FirstOrDefaultAsync(ct);
        if (locality is null) return (null, null);
        if (!locality.IsCurrent) return (null, locality.SuccessorSlug);
        var formerNames = await db.Localities.Where(o => o.SuccessorId == locality.Id).OrderBy(o => o.Key).Select(o => o.Name).ToListAsync(ct);
        var query = db.Exemplars.Published().Where(e => e.ProvinceId == locality.Id);
        var exemplars = await PageAsync(query, page, await query.CountAsync(ct), ct);
        return (new ProvincePage(new ProvinceSummary(locality.Name, locality.Slug, exemplars.Total, formerNames), exemplars), null);
    }

    private async Task<Paged<ExemplarCard>> PageAsync(IQueryable<Exemplar> query, int page, int total, CancellationToken ct)
    {
        var items = await query.OrderByDescending(e => e.PublishedAt).ThenByDescending(e => e.Id)
            .Select(ToCard).ToPageAsync(new PageRequest(page, PageSize), total, ct);
        return new Paged<ExemplarCard>(await WithPhotosAsync(items, ct), page, PageSize, total);
    }

    private async Task<IReadOnlyList<ExemplarCard>> WithPhotosAsync(IReadOnlyList<ExemplarCard> cards, CancellationToken ct)
    {
        var photos = await db.PhotosOfExemplarsAsync([.. cards.Select(c => c.Id)], ct);
        return [.. cards.Select(c => c with { Photo = photos.CardOf(c.Id) })];
    }

    private ArticleCard WithPlainExcerpt(ArticleCard card)
    {
        var text = markdown.ToPlainText(card.Excerpt, $"Article {card.Id}").ReplaceLineEndings(" ");
        return card with { Excerpt = text.Length > 220 ? text[..220].TrimEnd() + "…" : text };
    }
}
