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

    private static readonly FieldType TextWithOffsets = CreateTextWithOffsets();

    private static FieldType CreateTextWithOffsets()
    {
        var type = new FieldType(TextField.TYPE_NOT_STORED)
        {
            StoreTermVectors = true,
            StoreTermVectorPositions = true,
            StoreTermVectorOffsets = true,
        };
        type.Freeze();
        return type;
    }

    public Document ToLucene()
    {
        var doc = new Document
        {
            new StringField(SearchFields.Key, KeyOf(Id), Field.Store.YES),
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

        AddText(doc, SearchFields.Name, Name, store: true);
        AddText(doc, SearchFields.Text, Text, store: true);
        AddText(doc, SearchFields.Extra, Extra, store: false);

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
            AddFacet(doc, SearchFields.FacetYear, y, y);
        }
        return doc;
    }

    private static void AddText(Document doc, string field, string text, bool store)
    {
        doc.Add(new TextField(field, text, store ? Field.Store.YES : Field.Store.NO));
        // Snippets read the folded field's offsets: every exact match is a folded match too.
        var folded = SearchFields.Suffix(field, TextForm.Folded);
        doc.Add(field == SearchFields.Text ? new Field(folded, text, TextWithOffsets) : new TextField(folded, text, Field.Store.NO));
        if (field == SearchFields.Extra) return; // pairs only where words are written as prose
        doc.Add(new TextField(SearchFields.Suffix(field, TextForm.ExactPairs), text, Field.Store.NO));
        doc.Add(new TextField(SearchFields.Suffix(field, TextForm.FoldedPairs), text, Field.Store.NO));
    }

    private static void AddFacet(Document doc, string field, string value, string label)
    {
        doc.Add(new StringField(field, value, Field.Store.NO));
        doc.Add(new SortedSetDocValuesField(field, new BytesRef(value + SearchFields.LabelSeparator + label)));
    }

    public static Term KeyTerm(int id) => new(SearchFields.Key, KeyOf(id));
}
