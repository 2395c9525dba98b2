using System.Globalization;
using GuongSang.Content.Text;
using GuongSang.Search.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace GuongSang.Search.Indexing;

/// <summary>A published exemplar as search needs it; read from the database by <see cref="SearchDocumentSource"/>.</summary>
public sealed record SearchDocument(
    int Id, string Code, string Name, string Slug, string Kind, string KindLabel,
    string MovementSlug, string MovementName, string? ProvinceSlug, string? ProvinceName,
    string AgencyCode, string AgencyName, string Text, string Extra,
    IReadOnlyList<string> DecisionNumbers, IReadOnlyList<int> Years,
    string? PhotoUrl, int PhotoWidth, int PhotoHeight, bool IsSample, DateTime? PublishedAt)
{
    public static string KeyOf(int id) => "exemplar:" + id.ToString(CultureInfo.InvariantCulture);

    public Document ToLucene()
    {
        var doc = new Document
        {
            new StringField(SearchFields.Key, KeyOf(Id), Field.Store.YES),
            new StringField(SearchFields.Type, SearchFields.ExemplarType, Field.Store.NO),
            new StoredField(SearchFields.Id, Id),
            new StoredField(SearchFields.Code, Code),
            new StoredField(SearchFields.Slug, Slug),
            new StoredField(SearchFields.Kind, Kind),
            new StoredField(SearchFields.MovementName, MovementName),
            new StoredField(SearchFields.IsSample, IsSample ? 1 : 0),
        };
        if (ProvinceName is not null) doc.Add(new StoredField(SearchFields.ProvinceName, ProvinceName));
        if (PhotoUrl is not null)
        {
            doc.Add(new StoredField(SearchFields.PhotoUrl, PhotoUrl));
            doc.Add(new StoredField(SearchFields.PhotoWidth, PhotoWidth));
            doc.Add(new StoredField(SearchFields.PhotoHeight, PhotoHeight));
        }
        var published = PublishedAt?.Ticks ?? 0;
        doc.Add(new StoredField(SearchFields.Published, published));
        doc.Add(new NumericDocValuesField(SearchFields.Published, published));

        // Stored for display (and snippets, found by scanning it); the name's folded form boosts matches
        // in names; "all" (name, text, extra) is what queries match, in every form.
        doc.Add(new StoredField(SearchFields.Name, Name));
        doc.Add(new TextField(SearchFields.Suffix(SearchFields.Name, TextForm.Folded), Name, Field.Store.NO));
        doc.Add(new StoredField(SearchFields.Text, Text));
        var all = Name + "\n" + Text + "\n" + Extra;
        foreach (var form in Enum.GetValues<TextForm>())
        {
            doc.Add(new TextField(SearchFields.Suffix(SearchFields.All, form), all, Field.Store.NO));
        }

        foreach (var number in DecisionNumbers)
        {
            var normalized = DecisionNumber.Normalize(number);
            if (normalized is null) continue;
            doc.Add(new StringField(SearchFields.Decision, normalized, Field.Store.NO));
            doc.Add(new StringField(SearchFields.Decision, DecisionNumber.Folded(normalized)!, Field.Store.NO));
        }

        AddFacet(doc, SearchFields.FacetMovement, MovementSlug, MovementName);
        AddFacet(doc, SearchFields.FacetKind, Kind, KindLabel);
        if (ProvinceSlug is not null) AddFacet(doc, SearchFields.FacetProvince, ProvinceSlug, ProvinceName!);
        AddFacet(doc, SearchFields.FacetAgency, AgencyCode, AgencyName);
        foreach (var year in Years.Distinct())
        {
            var y = year.ToString(CultureInfo.InvariantCulture);
            doc.Add(new StringField(SearchFields.FacetYear, y, Field.Store.NO));
            doc.Add(new SortedSetDocValuesField(SearchFields.FacetYear, new BytesRef(y)));
        }
        return doc;
    }

    private static void AddFacet(Document doc, string field, string value, string label)
    {
        doc.Add(new StringField(field, value, Field.Store.NO));
        doc.Add(new SortedDocValuesField(field, new BytesRef(value + SearchFields.LabelSeparator + label)));
    }

    public static Term KeyTerm(int id) => new(SearchFields.Key, KeyOf(id));
}
