using GuongSang.Import.Mapping;

namespace GuongSang.Import.Privacy;

/// <summary>
/// A text of an import record that readers can see (a page, the API, search, a slug or URL made from it):
/// <see cref="Redactor.RedactFields"/> masks personal data in it and reports each finding under <see cref="Label"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PublishedAttribute : Attribute
{
    /// <summary>A list's column, reported as "cột …".</summary>
    public PublishedAttribute(Field column)
    {
        Label = Columns.Label(column);
        Where = "cột " + Label;
    }

    /// <summary>A part of an article ("Tiêu đề"), reported in lower case ("trong tiêu đề").</summary>
    public PublishedAttribute(string label)
    {
        Label = label;
        Where = label.ToLowerInvariant();
    }

    public string Label { get; }

    public string Where { get; }

    /// <summary>An address: the house number and street are dropped, not masked (<see cref="Redactor.RedactAddress"/>).</summary>
    public bool IsAddress { get; set; }
}

/// <summary>A text of an import record that no reader ever sees, left as written; the reason says why.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotPublishedAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
