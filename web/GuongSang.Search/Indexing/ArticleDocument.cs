using System.Globalization;
using GuongSang.Search.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;

namespace GuongSang.Search.Indexing;

/// <summary>A published article as search needs it, indexed beside the exemplars in fields of its own.</summary>
public sealed record ArticleDocument(int Id, string Title, string Slug, string Text, string Extra, DateTime? PublishedAt)
{
    public static string KeyOf(int id) => "article:" + id.ToString(CultureInfo.InvariantCulture);

    public static Term KeyTerm(int id) => new(SearchFields.Key, KeyOf(id));

    public Document ToLucene()
    {
        var published = PublishedAt?.Ticks ?? 0;
        var doc = new Document
        {
            new StringField(SearchFields.Key, KeyOf(Id), Field.Store.YES),
            new StringField(SearchFields.Type, SearchFields.ArticleType, Field.Store.NO),
            new StoredField(SearchFields.Id, Id),
            new StoredField(SearchFields.Name, Title),
            new StoredField(SearchFields.Slug, Slug),
            new StoredField(SearchFields.Text, Text),
            new StoredField(SearchFields.Published, published),
            new NumericDocValuesField(SearchFields.Published, published),
            new TextField(SearchFields.Suffix(SearchFields.ArticleTitle, TextForm.Folded), Title, Field.Store.NO),
        };
        var all = Title + "\n" + Text + "\n" + Extra;
        foreach (var form in Enum.GetValues<TextForm>())
        {
            doc.Add(new TextField(SearchFields.Suffix(SearchFields.ArticleAll, form), all, Field.Store.NO));
        }
        return doc;
    }
}
