using GuongSang.Search.Indexing;
using GuongSang.Search.Relevance;
using GuongSang.Search.Searching;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuongSang.Search.Tests;

/// <summary>An index in its own temporary folder, filled directly with documents (no database).</summary>
public sealed class TestIndex : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "guongsang-index-" + Guid.NewGuid().ToString("N"));

    public SearchIndex Index { get; }

    public SearchService Service { get; }

    public TestIndex(IEnumerable<SearchDocument> documents, IEnumerable<ArticleDocument>? articles = null)
    {
        Index = new SearchIndex(Path, NullLogger<SearchIndex>.Instance);
        Index.Open();
        foreach (var doc in documents) Index.Writer.AddDocument(doc.ToLucene());
        foreach (var article in articles ?? []) Index.Writer.AddDocument(article.ToLucene());
        Index.Commit(0);
        Index.MarkReady();
        Service = new SearchService(Index);
    }

    public static TestIndex OfRelevanceSet() => new(RelevanceSet.Stories.Select(ToDocument));

    public static SearchDocument ToDocument(RelevanceSet.Story s) => Document(
        s.Id, s.Name, s.Text, s.Extra, s.Decision is null ? [] : [s.Decision]);

    public static SearchDocument Document(
        int id, string name, string text, string extra = "", string[]? decisions = null, string kind = "individual",
        string movement = "hien-mau", string? province = null, int[]? years = null, string agency = "so-noi-vu") =>
        new(id, "HS-" + id, name, "s-" + id, kind, kind, movement, "Phong trào " + movement, province, province is null ? null : "Tỉnh " + province,
            agency, "Cơ quan " + agency, text, extra, decisions ?? [], years ?? [], null, 0, 0, false, new DateTime(2025, 1, 1).AddDays(id));

    public List<int> Ids(string query) => [.. Service.Search(new SearchRequest(query, PageSize: 10)).Items.Select(i => i.Id)];

    public void Dispose()
    {
        Index.Dispose();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
