using GuongSang.Content.Model;
using GuongSang.Import.Mapping;
using GuongSang.Import.Privacy;

namespace GuongSang.Web.Manager.Editing;

/// <summary>
/// What a person sends to create or change an exemplar, from the manager's form or the management API, as typed:
/// <see cref="ExemplarEditor"/> cleans, redacts and checks it. A list left null (the API's omitted field) keeps
/// what is stored; a list given is the whole new list.
/// </summary>
public sealed class ExemplarInput
{
    /// <summary>The agency's code, chosen by the board or a writer at creation; an Agency account always writes for its own.</summary>
    public string? Agency { get; set; }

    /// <summary>The submission code (Mã hồ sơ); made up when left empty. Fixed once created: it is the re-import key.</summary>
    public string? Code { get; set; }

    public string? Name { get; set; }

    /// <summary>individual, collective, household or model.</summary>
    public string? Kind { get; set; }
    public string? Gender { get; set; }
    public string? BirthYear { get; set; }
    public string? Ethnicity { get; set; }
    public string? Position { get; set; }
    public string? Address { get; set; }

    /// <summary>The slug of one of today's provinces.</summary>
    public string? Province { get; set; }
    public string? Field { get; set; }

    /// <summary>The slug of a confirmed movement.</summary>
    public string? Movement { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }

    /// <summary>Staff only.</summary>
    public string? PrivateContact { get; set; }
    public List<RecognitionInput>? Recognitions { get; set; }
    public List<PhotoInput>? Photos { get; set; }

    /// <summary>Related articles, by id; only articles the person can see.</summary>
    public List<int>? ArticleIds { get; set; }

    /// <summary>The one-line public reason the board gives when it changes a published story.</summary>
    public string? CorrectionNote { get; set; }

    /// <summary>The version the change was made from (optimistic concurrency).</summary>
    public int Version { get; set; }
}

public sealed class RecognitionInput
{
    /// <summary>A stored recognition's id; none for a new one.</summary>
    public int? Id { get; set; }
    public string? Award { get; set; }
    public string? DecisionNumber { get; set; }

    /// <summary>dd/MM/yyyy (yyyy-MM-dd is taken too, for scripts).</summary>
    public string? DecisionDate { get; set; }
    public string? Issuer { get; set; }

    /// <summary>commune, district, province, national; empty: unknown.</summary>
    public string? Level { get; set; }
    public bool Posthumous { get; set; }

    /// <summary>The form's "Xoá" box.</summary>
    public bool Remove { get; set; }

    /// <summary>One of the form's spare rows, left empty.</summary>
    public bool IsBlank => Id is null && string.IsNullOrWhiteSpace(Award) && string.IsNullOrWhiteSpace(DecisionNumber)
        && string.IsNullOrWhiteSpace(DecisionDate) && string.IsNullOrWhiteSpace(Issuer);
}

public sealed class PhotoInput
{
    public int MediaId { get; set; }
    public string? Alt { get; set; }
    public bool Remove { get; set; }
}

/// <summary>
/// The exemplar's texts readers see, for the importer's redaction (<see cref="Redactor.RedactFields"/>): the same
/// fields, labels and rules as an imported row's.
/// </summary>
internal sealed class PublishedExemplarTexts
{
    [Published(Import.Mapping.Field.Name)]
    public string? Name { get; set; }

    [Published(Import.Mapping.Field.Gender)]
    public string? Gender { get; set; }

    [Published(Import.Mapping.Field.Ethnicity)]
    public string? Ethnicity { get; set; }

    [Published(Import.Mapping.Field.Position)]
    public string? Position { get; set; }

    [Published(Import.Mapping.Field.Address, IsAddress = true)]
    public string? Address { get; set; }

    [Published(Import.Mapping.Field.Area)]
    public string? Field { get; set; }

    [Published(Import.Mapping.Field.Summary)]
    public string? Summary { get; set; }

    [Published(Import.Mapping.Field.Body)]
    public string? Body { get; set; }
}

internal sealed class PublishedRecognitionTexts
{
    [Published(Import.Mapping.Field.Award)]
    public string? Award { get; set; }

    [Published(Import.Mapping.Field.DecisionNumber)]
    public string? DecisionNumber { get; set; }

    [Published(Import.Mapping.Field.Issuer)]
    public string? Issuer { get; set; }
}

internal sealed class PublishedPhotoTexts
{
    [Published(ExemplarTexts.PhotoAlt)]
    public string? Alt { get; set; }
}

/// <summary>
/// How an edit or a workflow step ended, for exemplars and articles alike: NotFound is what a person may not see;
/// Forbidden a step their role may not take; WrongState a step the item's state does not allow; Conflict a save from an
/// older version.
/// </summary>
public enum EditStatus { Saved, Invalid, Conflict, NotFound, Forbidden, WrongState }

/// <summary>
/// The outcome of an edit or a workflow step: the item as saved, or the reasons (per field, in Vietnamese) it was
/// not; on a conflict, the version someone else saved. <see cref="Redacted"/> tells the person what personal data
/// was hidden before storing.
/// </summary>
public sealed record EditOutcome(
    EditStatus Status, Exemplar? Item, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<string> Redacted)
{
    public static EditOutcome Of(EditStatus status, string? error = null, string field = "") =>
        new(status, null, error is null ? new Dictionary<string, string>() : new() { [field] = error }, []);
}

/// <summary>Recognition level codes of the management API (status codes are <see cref="WorkflowVerbs"/>').</summary>
public static class ExemplarCodes
{
    public static string Level(RecognitionLevel level) => level == RecognitionLevel.Unknown ? "" : level.ToString().ToLowerInvariant();

    public static RecognitionLevel? ParseLevel(string? code) =>
        string.IsNullOrWhiteSpace(code) ? RecognitionLevel.Unknown
        : Enum.GetValues<RecognitionLevel>().Cast<RecognitionLevel?>().FirstOrDefault(l => string.Equals(Level(l!.Value), code.Trim(), StringComparison.OrdinalIgnoreCase));
}
