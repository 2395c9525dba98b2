using GuongSang.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;

namespace GuongSang.Search.Indexing;

/// <summary>The index's field names and the analyzer each text field is read with.</summary>
public static class SearchFields
{
    /// <summary>"exemplar:123", "article:45": the term a document is replaced or deleted by.</summary>
    public const string Key = "key";

    /// <summary>"exemplar" or "article".</summary>
    public const string Type = "type";
    public const string ExemplarType = "exemplar";
    public const string ArticleType = "article";

    public const string Id = "id";
    public const string Code = "code";
    public const string Slug = "slug";
    public const string Kind = "kind";
    public const string MovementName = "movement_name";
    public const string ProvinceName = "province_name";
    public const string PhotoUrl = "photo_url";
    public const string PhotoWidth = "photo_width";
    public const string PhotoHeight = "photo_height";
    public const string IsSample = "is_sample";
    public const string Published = "published";

    /// <summary>The name: stored for display, indexed folded (name_f) to rank matches in names first.</summary>
    public const string Name = "name";

    /// <summary>Summary and body as plain text: stored for display and snippets (matched in it by <see cref="Searching.Snippets"/>).</summary>
    public const string Text = "text";

    /// <summary>
    /// Name, text and everything else a reader may type (position, address, field, awards, issuer, agency,
    /// movement, province, code) in the four forms: all (exact), all_f, all_s, all_fs. Queries match here,
    /// one posting list per syllable or pair, which keeps them fast.
    /// </summary>
    public const string All = "all";

    /// <summary>
    /// An article's title, text, tags and movement, in the four forms (article_all, article_all_f, …):
    /// apart from <see cref="All"/>, so a search of exemplars never meets an article and needs no filter.
    /// </summary>
    public const string ArticleAll = "article_all";

    /// <summary>An article's title, folded: matches there rank first.</summary>
    public const string ArticleTitle = "article_title";

    /// <summary>Decision numbers, keyword, upper-case normalised and folded ("1456/QĐ-UBND", "1456/qd-ubnd").</summary>
    public const string Decision = "decision";

    /// <summary>
    /// Facets: indexed (for filters) and as doc values (for counts), "value\u001Flabel": sorted (one value)
    /// for all but the year, sorted-set (several values) for the year.
    /// </summary>
    public const string FacetMovement = "f_movement";
    public const string FacetKind = "f_kind";
    public const string FacetProvince = "f_province";
    public const string FacetYear = "f_year";
    public const string FacetAgency = "f_agency";

    public const char LabelSeparator = '\u001F';

    /// <summary>The name of a text field in another form: name → name_f, name_s, name_fs.</summary>
    public static string Suffix(string field, TextForm form) => form switch
    {
        TextForm.Exact => field,
        TextForm.Folded => field + "_f",
        TextForm.ExactPairs => field + "_s",
        _ => field + "_fs",
    };

    public static readonly string[] TextFields = [Name, All, ArticleAll, ArticleTitle];

    public static Analyzer CreateAnalyzer()
    {
        var perField = new Dictionary<string, Analyzer>();
        foreach (var field in TextFields)
        {
            foreach (var form in Enum.GetValues<TextForm>())
            {
                perField[Suffix(field, form)] = new VietnameseAnalyzer(form);
            }
        }
        return new PerFieldAnalyzerWrapper(new VietnameseAnalyzer(TextForm.Exact), perField);
    }
}
