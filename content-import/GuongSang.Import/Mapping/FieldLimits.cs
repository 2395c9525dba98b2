using GuongSang.Import.Reading;

namespace GuongSang.Import.Mapping;

/// <summary>
/// How long each field may be, for every format alike: room for any real story, and no more, so one
/// row cannot make a page or an API answer megabytes long. A row over a limit is rejected; an article
/// over its limit rejects its file.
/// </summary>
public static class FieldLimits
{
    /// <summary>Any field not listed: a short text (an address, a position, a decision's issuer).</summary>
    public const int ShortText = 500;

    public const int ArticleTitle = 300;

    /// <summary>An article's or a row's story (Markdown).</summary>
    public const int Body = 100_000;

    private static readonly Dictionary<Field, int> Limits = new()
    {
        [Field.Code] = 64,
        [Field.Name] = 300,
        [Field.Kind] = 100,
        [Field.Gender] = 100,
        [Field.BirthYear] = 100,
        [Field.Ethnicity] = 100,
        [Field.Status] = 100,
        [Field.DecisionNumber] = 100,
        [Field.DecisionDate] = 100,
        [Field.Movement] = 300,
        [Field.Summary] = 5_000,
        [Field.Photos] = 2_000,
        [Field.Body] = Body,
    };

    public static int Of(Field field) => Limits.GetValueOrDefault(field, ShortText);

    /// <summary>Why a column's value is too long for a row, or null.</summary>
    public static string? Check(Field field, string? value) =>
        value is not null && value.Length > Of(field)
            ? $"cột \"{Columns.Label(field)}\" dài {ReadLimits.Count(value.Length)} ký tự, quá giới hạn {ReadLimits.Count(Of(field))} ký tự"
            : null;

    /// <summary>Refuses an article whose title or body is longer than any real one.</summary>
    public static void Check(ArticleSource article)
    {
        if (article.Title.Length > ArticleTitle)
            throw new ImportRejectedException($"bài viết \"{article.Source}\": tiêu đề dài {ReadLimits.Count(article.Title.Length)} ký tự, quá giới hạn {ReadLimits.Count(ArticleTitle)} ký tự");
        if (article.Body.Length > Body)
            throw new ImportRejectedException($"bài viết \"{article.Source}\": nội dung dài {ReadLimits.Count(article.Body.Length)} ký tự, quá giới hạn {ReadLimits.Count(Body)} ký tự");
    }
}
