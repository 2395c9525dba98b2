using System.Linq.Expressions;
using GuongSang.Content.Model;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Content.Queries;

/// <summary>
/// The one meaning of "published" and the reads built on it, shared by the public pages, the delivery API
/// and the search documents, so that what one shows the others show too. Plain LINQ that every EF Core
/// provider translates; each reader composes it into its own query.
/// </summary>
public static class PublishedContent
{
    /// <summary>
    /// Exemplars a reader may see: drafts, those in review, archived and withdrawn ones never show, nor
    /// those of an agency or in a movement that an import created and the board has not confirmed yet
    /// (decision 0010): every public story names a known agency and a recognised movement.
    /// </summary>
    public static IQueryable<Exemplar> Published(this IQueryable<Exemplar> exemplars) => exemplars.Public(ContentStatus.Published);

    /// <summary>Articles a reader may see, under the same rule for their agency and movement.</summary>
    public static IQueryable<Article> Published(this IQueryable<Article> articles) => articles.Public(ContentStatus.Published);

    /// <summary>
    /// Withdrawn (thu hồi) exemplars: each keeps its URL, where a reader finds a notice (what was withdrawn,
    /// when and why) instead of the story; no list, count, feed or search shows them.
    /// </summary>
    public static IQueryable<Exemplar> Withdrawn(this IQueryable<Exemplar> exemplars) => exemplars.Public(ContentStatus.Withdrawn);

    /// <summary>Withdrawn articles: a notice at their URL, as for exemplars.</summary>
    public static IQueryable<Article> Withdrawn(this IQueryable<Article> articles) => articles.Public(ContentStatus.Withdrawn);

    /// <summary>What the notice of a withdrawn exemplar shows: who, by which agency and decisions, when and why; never the story.</summary>
    public static IQueryable<WithdrawnStory> SelectWithdrawn(this IQueryable<Exemplar> exemplars) =>
        exemplars.Select(e => new WithdrawnStory(
            e.Id, e.Slug, e.Name, e.Agency.Name,
            e.Recognitions.OrderBy(r => r.DecisionDate).ThenBy(r => r.Id).Select(r => new PublicRecognition(
                r.Award, r.DecisionNumber, r.DecisionNumberAsWritten, r.DecisionDate, r.Issuer, r.Posthumous)).ToList(),
            e.WithdrawnAt, e.WithdrawalReason ?? ""));

    /// <summary>What the notice of a withdrawn article shows: its title and agency, when and why.</summary>
    public static IQueryable<WithdrawnStory> SelectWithdrawn(this IQueryable<Article> articles) =>
        articles.Select(a => new WithdrawnStory(
            a.Id, a.Slug, a.Title, a.Agency == null ? null : a.Agency.Name, new List<PublicRecognition>(),
            a.WithdrawnAt, a.WithdrawalReason ?? ""));

    private static IQueryable<Exemplar> Public(this IQueryable<Exemplar> exemplars, ContentStatus status) =>
        exemplars.Where(e => e.Status == status && !e.Movement.NeedsReview && !e.Agency.NeedsReview);

    private static IQueryable<Article> Public(this IQueryable<Article> articles, ContentStatus status) =>
        articles.Where(a => a.Status == status
            && (a.Agency == null || !a.Agency.NeedsReview)
            && (a.Movement == null || !a.Movement.NeedsReview));

    /// <summary>Movements a reader may see: not those an import created until the board confirms them.</summary>
    public static IQueryable<Movement> Confirmed(this IQueryable<Movement> movements) =>
        movements.Where(m => !m.NeedsReview);

    /// <summary>Everything public about each exemplar (recognitions in date order), in a fixed number of queries.</summary>
    public static IQueryable<PublicExemplar> SelectPublic(this IQueryable<Exemplar> exemplars) =>
        exemplars.Select(ToPublic).AsSplitQuery();

    /// <summary>The published ones among <paramref name="exemplars"/>, counted per movement and kind in one query.</summary>
    public static async Task<KindCounts> CountPublishedByKindAsync(this IQueryable<Exemplar> exemplars, CancellationToken ct) =>
        new(await exemplars.Published()
            .GroupBy(e => new { e.MovementId, e.Kind })
            .Select(g => new KindCount(g.Key.MovementId, g.Key.Kind, g.Count()))
            .ToListAsync(ct));

    private static readonly Expression<Func<Exemplar, PublicExemplar>> ToPublic = e => new PublicExemplar(
        e.Id, e.Code, e.Slug, e.Name, e.Kind,
        e.Gender, e.BirthYear, e.Ethnicity, e.Position, e.AddressAsRecognised, e.Field,
        e.MovementId, e.Movement.Name, e.Movement.Slug,
        e.Province == null ? null : e.Province.Name, e.Province == null ? null : e.Province.Slug,
        e.Agency.Code, e.Agency.Name, e.Agency.PressContact,
        e.Summary, e.Body,
        e.Recognitions.OrderBy(r => r.DecisionDate).ThenBy(r => r.Id).Select(r => new PublicRecognition(
            r.Award, r.DecisionNumber, r.DecisionNumberAsWritten, r.DecisionDate, r.Issuer, r.Posthumous)).ToList(),
        e.ImportedAt, e.IsSample, e.PublishedAt, e.UpdatedAt, e.CorrectedAt, e.CorrectionNote);
}

/// <summary>
/// An exemplar as a reader may see it: the one shape the story page, the delivery API and the search documents
/// read. It has no field for the private contact or anything else staff-only.
/// </summary>
public sealed record PublicExemplar(
    int Id, string Code, string Slug, string Name, ExemplarKind Kind,
    string? Gender, int? BirthYear, string? Ethnicity, string? Position, string? AddressAsRecognised, string? Field,
    int MovementId, string MovementName, string MovementSlug,
    string? ProvinceName, string? ProvinceSlug,
    string AgencyCode, string AgencyName, string? AgencyPressContact,
    string Summary, string Body, IReadOnlyList<PublicRecognition> Recognitions,
    DateTime? ImportedAt, bool IsSample, DateTime? PublishedAt, DateTime UpdatedAt,
    DateTime? CorrectedAt, string? CorrectionNote);

/// <summary>
/// A withdrawn exemplar or article as a reader may see it at its URL: enough to know what was withdrawn, and
/// the public reason; no field for the story, its summary or photos.
/// </summary>
public sealed record WithdrawnStory(
    int Id, string Slug, string Title, string? AgencyName, IReadOnlyList<PublicRecognition> Recognitions,
    DateTime? WithdrawnAt, string Reason);

public sealed record PublicRecognition(
    string Award, string? DecisionNumber, string? DecisionNumberAsWritten, DateOnly? DecisionDate, string? Issuer, bool Posthumous);

public sealed record KindCount(int MovementId, ExemplarKind Kind, int Count);

/// <summary>Published exemplars per movement and kind, as <see cref="PublishedContent.CountPublishedByKindAsync"/> read them.</summary>
public sealed class KindCounts(IReadOnlyList<KindCount> rows)
{
    public int Of(int movementId) => rows.Where(r => r.MovementId == movementId).Sum(r => r.Count);

    public int Of(int movementId, ExemplarKind kind) => rows.Where(r => r.MovementId == movementId && r.Kind == kind).Sum(r => r.Count);
}
