using GuongSang.Content.Model;
using GuongSang.Content.Queries;
using GuongSang.Content.Workflow;

namespace GuongSang.Web.Site;

public sealed record ExemplarCard(
    int Id, string Slug, string Name, ExemplarKind Kind, string MovementName, string MovementSlug,
    string? ProvinceName, string Summary, PhotoView? Photo, bool IsSample, DateTime? PublishedAt)
{
    public string Url => Paths.Exemplar(Id, Slug);
}

public sealed record MovementSummary(int Id, string Name, string Slug, string? LeadAgency, int PublishedCount)
{
    public string Url => Paths.Movement(Slug);
}

public sealed record ArticleCard(int Id, string Slug, string Title, string? Author, DateTime? PublishedAt, bool IsSample, string Excerpt)
{
    public string Url => Paths.Article(Id, Slug);
}

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (int)Math.Ceiling(Total / (double)PageSize));
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;
}

public static class Pager
{
    /// <summary>Where a "previous" link leads: the page before, or the last page from past the end; nowhere from the first.</summary>
    public static int? Previous(int page, int pageCount) => page > 1 ? Math.Min(page - 1, pageCount) : null;
}

public sealed record HomePage(
    ExemplarCard? Featured, IReadOnlyList<ExemplarCard> Latest, IReadOnlyList<ArticleCard> Articles,
    IReadOnlyList<MovementSummary> Movements, int ExemplarCount, int MovementCount, int AgencyCount);

public sealed record TargetProgress(ExemplarKind Kind, int Target, int Published, string Period);

public sealed record MovementPage(
    Movement Movement, string DescriptionHtml, IReadOnlyList<TargetProgress> Progress, Paged<ExemplarCard> Exemplars);

/// <summary>A story: what any reader may see of the exemplar (<see cref="PublicExemplar"/>), its body rendered, its photos and articles.</summary>
public sealed record ExemplarPage(PublicExemplar Exemplar, string BodyHtml, IReadOnlyList<PhotoView> Photos, IReadOnlyList<ArticleCard> Articles)
{
    public string Url => Paths.Exemplar(Exemplar.Id, Exemplar.Slug);

    /// <summary>"Cập nhật ngày dd/MM/yyyy: …" when the story has been corrected since it was published.</summary>
    public string? Correction => ContentWorkflow.CorrectionLine(Exemplar.CorrectedAt, Exemplar.CorrectionNote);
}

/// <summary>What a reader finds at the URL of a withdrawn exemplar or article: a notice instead of the story.</summary>
public sealed record WithdrawnPage(WithdrawnStory Story, string Url);

public sealed record ArticlePage(
    int Id, string Slug, string Title, string? Author, DateTime? PublishedAt, DateTime UpdatedAt, bool IsSample,
    string BodyHtml, string? MovementName, string? MovementSlug, IReadOnlyList<string> Tags,
    IReadOnlyList<ExemplarCard> Exemplars, PhotoView? Cover, string? Correction);

public sealed record ProvinceSummary(string Name, string Slug, int PublishedCount, IReadOnlyList<string> FormerNames);

public sealed record ProvincePage(ProvinceSummary Province, Paged<ExemplarCard> Exemplars);

/// <summary>Public URLs, in one place (interfaces.md: stable forever).</summary>
public static class Paths
{
    public static string Exemplar(int id, string slug) => $"/guong-sang/{id}/{slug}";
    public static string Movement(string slug) => GuongSang.Content.Storage.GuongSangDb.MovementPathPrefix + slug;
    public static string Article(int id, string slug) => $"/bai-viet/{id}/{slug}";
    public static string Province(string slug) => $"/dia-phuong/{slug}";
    public const string Search = "/tim-kiem";
}
