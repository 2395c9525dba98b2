using GuongSang.Content.Model;
using GuongSang.Content.Workflow;

namespace GuongSang.Web.Manager.Editing;

/// <summary>The article form as posted (field names are the API's) and as shown again.</summary>
public sealed class ArticleForm
{
    /// <summary>The article being edited; none on the "new article" page (preview and photo upload post it back).</summary>
    public int? Id { get; set; }
    public string? Title { get; set; }
    public string? Body { get; set; }
    public string? Movement { get; set; }

    /// <summary>Exemplar numbers separated by commas or spaces.</summary>
    public string? ExemplarIds { get; set; }
    public int? Version { get; set; }
    public string? Correction { get; set; }

    public static ArticleForm Of(Article a) => new()
    {
        Id = a.Id, Title = a.Title, Body = a.Body, Movement = a.Movement?.Slug, Version = a.Version,
        ExemplarIds = string.Join(", ", a.Exemplars.Select(x => x.ExemplarId).Order()),
    };

    /// <summary>The input for the editor, or the field's error when the exemplar numbers are not numbers.</summary>
    public (ArticleInput Input, string? ExemplarError) ToInput()
    {
        var ids = new List<int>();
        foreach (var part in (ExemplarIds ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, out var id) || id < 1)
            {
                return (new ArticleInput(Title, Body, Movement, ids, Version, Correction),
                    $"\"{part}\" không phải số của một gương điển hình: ghi các số cách nhau bằng dấu phẩy, ví dụ 12, 40.");
            }
            ids.Add(id);
        }
        return (new ArticleInput(Title, Body, Movement, ids, Version, Correction), null);
    }
}

public sealed record ArticleRow(int Id, string Title, ContentStatus Status, string? CreatedBy, string? Agency, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record ArticleListPage(IReadOnlyList<ArticleRow> Rows, ContentStatus? Status, int Page, int PageCount, int Total, bool MayCreate)
{
    public const string StatusParameter = "trang-thai";

    public string PageUrl(int page) => ArticlePaths.List + QueryString.Create(
        new Dictionary<string, string?>
        {
            [StatusParameter] = Status is { } s ? WorkflowVerbs.StatusCode(s) : null,
            ["trang"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => p.Value is not null));
}

/// <summary>A workflow step the person may take on the article in its state, for a button.</summary>
public sealed record StepButton(WorkflowAction Action, string Url, string Label);

/// <summary>
/// The new/edit page: the form (as stored, or as the person typed it), errors beside their fields, the steps they may
/// take, and what a preview, an upload or a conflict brought.
/// </summary>
public sealed record ArticleEditPage(ArticleForm Form, Article? Stored, IReadOnlyDictionary<string, string> Errors)
{
    public IReadOnlyList<StepButton> Steps { get; init; } = [];
    public string? PreviewHtml { get; init; }
    public string? PhotoMarkdown { get; init; }
    public string? Notice { get; init; }

    /// <summary>The article as someone else saved it, when the person's save came too late: shown beside their own text.</summary>
    public ArticleForm? Theirs { get; init; }

    public string? Error(string field) => Errors.TryGetValue(field, out var e) ? e : null;

    public string SaveUrl => Stored is null ? ArticlePaths.New : ArticlePaths.Edit(Stored.Id);
}

public static class ArticlePaths
{
    public const string List = ManagerServiceExtensions.ManagerPath + "/bai-viet";
    public const string New = List + "/moi";
    public const string Preview = List + "/xem-truoc";
    public const string Photo = List + "/anh";

    public static string Edit(int id) => List + "/" + id;

    public static string Step(int id, WorkflowAction action) => Edit(id) + "/" + WorkflowVerbs.Page(action);
}
