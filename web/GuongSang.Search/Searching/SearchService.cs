using System.Runtime.CompilerServices;
using GuongSang.Content.Storage;
using GuongSang.Search.Analysis;
using GuongSang.Search.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace GuongSang.Search.Searching;

/// <summary>What a reader asks: the words, the filters (all combinable) and the page.</summary>
public sealed record SearchRequest(
    string? Query, string? Movement = null, string? Kind = null, string? Province = null, string? Year = null, string? Agency = null,
    int Page = 1, int PageSize = SearchService.DefaultPageSize);

public sealed record SearchHit(
    int Id, string Code, string Name, string Slug, string Kind, string MovementName, string? ProvinceName,
    string? PhotoUrl, int PhotoWidth, int PhotoHeight, bool IsSample, DateTime? PublishedAt, string SnippetHtml);

public sealed record ArticleHit(int Id, string Title, string Slug, string SnippetHtml, DateTime? PublishedAt);

public sealed record FacetValue(string Value, string Label, int Count, bool Selected);

/// <param name="Suggestion">When nothing matched as typed: the nearest words the index knows, whose results are shown.</param>
public sealed record SearchResult(
    int Total, int Page, int PageSize, IReadOnlyList<SearchHit> Items,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets, string? Suggestion, bool IndexReady);

/// <summary>Searches the index: built queries, filters, facet counts, snippets, and a spelling fallback.</summary>
public sealed class SearchService(SearchIndex index, SearchOptions? options = null)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 50;

    /// <summary>Deep pages cost memory for every request: nobody reads past this many results.</summary>
    public const int MaxResultWindow = 2000;

    /// <summary>Facet dimensions: their name in URLs and the API, and their field.</summary>
    public static readonly IReadOnlyList<(string Name, string Field)> Dimensions =
    [
        ("movement", SearchFields.FacetMovement),
        ("kind", SearchFields.FacetKind),
        ("province", SearchFields.FacetProvince),
        ("year", SearchFields.FacetYear),
        ("agency", SearchFields.FacetAgency),
    ];

    /// <summary>
    /// Browsing (no words): the same filters give the same latest documents and counts until the index
    /// changes, so they are worked out once per reader and filters (not a result cache: pages and page
    /// sizes share one entry, and it is kept even when <see cref="SearchOptions.ResultCacheSize"/> is 0).
    /// </summary>
    private readonly ConditionalWeakTable<IndexReader, BoundedCache<string, Window>> _browse = new();

    /// <summary>A ranked window (latest first, or best first), the number of matches and the counts.</summary>
    private sealed record Window(ScoreDoc[] Docs, int Total, Dictionary<string, IReadOnlyList<FacetValue>> Facets)
    {
        /// <summary>Whether it holds the first <paramref name="want"/> documents (or all there are).</summary>
        public bool Covers(int want) => Docs.Length >= want || Docs.Length == Total;
    }

    /// <summary>
    /// The ranked window of a search (words, phrases, filters) per reader, with its total and counts, when
    /// the result cache is on: the other pages of the same search only read their stories.
    /// </summary>
    private readonly ConditionalWeakTable<IndexReader, BoundedCache<string, Window>> _ranked = new();

    /// <summary>Recent answers per reader (<see cref="SearchOptions.ResultCacheSize"/>): a new reader starts empty.</summary>
    private readonly ConditionalWeakTable<IndexReader, BoundedCache<string, SearchResult>> _results = new();

    private readonly int _resultCacheSize = (options ?? new SearchOptions()).ResultCacheSize;

    private readonly bool _luceneFirstPass = options?.LuceneFirstPass ?? false;

    /// <summary>Browsing: every exemplar (articles share the index but have no facets or exemplar fields).</summary>
    private static readonly Query OnlyExemplars = new TermQuery(new Term(SearchFields.Type, SearchFields.ExemplarType));

    private static readonly Sort LatestFirst = new(new SortField(SearchFields.Published, SortFieldType.INT64, true));

    public SearchResult Search(SearchRequest request)
    {
        var page = Math.Max(1, request.Page);
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var query = new SearchQuery(request.Query);
        var filters = Filters(request);
        var result = index.Search(searcher =>
        {
            if (_resultCacheSize <= 0) return Answer(searcher, query, filters, page, pageSize);
            var cache = _results.GetValue(searcher.IndexReader, _ => new BoundedCache<string, SearchResult>(_resultCacheSize));
            var key = CacheKey(query, filters, page, pageSize);
            if (cache.TryGet(key, out var cached)) return cached;
            var answer = Answer(searcher, query, filters, page, pageSize);
            cache.Add(key, answer);
            return answer;
        });
        return result ?? new SearchResult(0, page, pageSize, [], EmptyFacets(filters), null, IndexReady: false);
    }

    /// <summary>Two requests with the same key get the same answer from the same reader: the words as analysed, not as typed.</summary>
    private static string CacheKey(SearchQuery query, Dictionary<string, string> filters, int page, int pageSize) =>
        string.Join('\u001F', string.Join(' ', query.Terms.Select(t => t.Exact)), WordsKey(query), FilterKey(filters), page, pageSize);

    /// <summary>A query's phrases and decision numbers, as analysed.</summary>
    private static string WordsKey(SearchQuery query) =>
        string.Join('\u001F',
            string.Join('|', query.Phrases.Select(p => string.Join(' ', p.Select(t => t.Exact)))),
            string.Join('|', query.DecisionNumbers));

    private static string FilterKey(Dictionary<string, string> filters) =>
        string.Join('&', filters.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value));

    private SearchResult Answer(IndexSearcher searcher, SearchQuery query, Dictionary<string, string> filters, int page, int pageSize)
    {
        var run = Run(searcher, query, query.Terms, filters, page, pageSize);
        if (run.Total > 0 || query.Terms.Count == 0) return run;
        // A quoted phrase found nowhere: the same words anywhere.
        if (query.Phrases.Count > 0)
        {
            run = Run(searcher, query, query.Terms, filters, page, pageSize, requirePhrases: false);
            if (run.Total > 0) return run;
        }
        // Nothing as typed: try the nearest known words (fuzzy), and say so.
        var corrected = Corrections.Suggest(searcher.IndexReader, query.Terms);
        if (corrected is null) return run;
        var second = Run(searcher, query, corrected, filters, page, pageSize);
        return second.Total == 0 ? run : second with { Suggestion = string.Join(' ', corrected.Select(s => s.Exact)) };
    }

    /// <summary>The few published articles that best match the words (none for an empty query).</summary>
    public IReadOnlyList<ArticleHit> SearchArticles(string? text, int count = 3)
    {
        var query = new SearchQuery(text);
        var lucene = query.Terms.Count == 0 ? null : query.ToLucene(scope: SearchQuery.Scope.Articles);
        if (lucene is null) return [];
        var folded = query.Terms.Select(t => t.Folded).ToHashSet(StringComparer.Ordinal);
        return index.Search(searcher => searcher.Search(lucene, count).ScoreDocs.Select(sd =>
        {
            var doc = StoredHit.Read(searcher, sd.Doc);
            return new ArticleHit(doc.Id, doc.Name, doc.Slug, Snippets.For(doc.Text, folded), doc.PublishedAt);
        }).ToList()) ?? [];
    }

    private SearchResult Run(IndexSearcher searcher, SearchQuery query, IReadOnlyList<Syllable> terms, Dictionary<string, string> filters, int page, int pageSize, bool requirePhrases = true)
    {
        var paging = new PageRequest(page, pageSize);
        // Nothing past the window is ranked: a page beyond it is empty (and still has the total and counts).
        var want = (int)Math.Min(paging.End, MaxResultWindow);
        var window = query.IsEmpty ? Latest(searcher, filters, want) : Ranked(searcher, query, terms, filters, want, requirePhrases);
        var items = new List<SearchHit>();
        var folded = terms.Select(t => t.Folded).ToHashSet(StringComparer.Ordinal);
        for (var i = paging.Offset; i < Math.Min(want, window.Docs.Length); i++) items.Add(ToHit(searcher, window.Docs[i].Doc, folded));
        return new SearchResult(window.Total, page, pageSize, items, window.Facets, null, index.State == IndexState.Ready);
    }

    /// <summary>The best documents for the words (at least <paramref name="want"/>, as far as there are), their number and counts.</summary>
    private Window Ranked(
        IndexSearcher searcher, SearchQuery query, IReadOnlyList<Syllable> terms, Dictionary<string, string> filters, int want, bool requirePhrases)
    {
        var cache = _resultCacheSize <= 0 ? null : _ranked.GetValue(searcher.IndexReader, _ => new BoundedCache<string, Window>(_resultCacheSize));
        var key = cache is null ? "" : string.Join('\u001F',
            string.Join(' ', terms.Select(t => t.Exact)), requirePhrases, WordsKey(query), FilterKey(filters));
        if (cache is not null && cache.TryGet(key, out var known) && known.Covers(want)) return known;
        var window = Math.Min(Math.Max(want, RescoreWindow), MaxResultWindow);
        Window result;
        if (query.DecisionNumbers.Count == 0 && !_luceneFirstPass)
        {
            // Words only: the first pass reads each posting list once; the re-ranking adds what it left out.
            using var postings = new Postings(searcher);
            var first = FirstPass.Run(postings, terms, requirePhrases ? query.Phrases : [], Dimensions, filters, window);
            Rescore(postings, first.Ranked, query.RescoreClauses(terms, first.Deferred, requirePhrases));
            result = new Window(first.Ranked, first.Total, ToFacets(first.Counts, filters));
        }
        else
        {
            // A decision number, or the words (or asked to): Lucene's own query, then the full query on the best.
            var top = TopScoreDocCollector.Create(window, docsScoredInOrder: false);
            var facets = CountFacets(searcher, query.ToMatchQuery(terms, requirePhrases)!, filters, top);
            var ranked = top.GetTopDocs(0, window).ScoreDocs;
            Rescore(searcher, ranked, query.ToLucene(terms, requirePhrases)!);
            result = new Window(ranked, top.TotalHits, facets);
        }
        cache?.Add(key, result);
        return result;
    }

    /// <summary>The latest exemplars with these filters (at least <paramref name="want"/> of them, as far as there are), their number and counts.</summary>
    private Window Latest(
        IndexSearcher searcher, Dictionary<string, string> filters, int want)
    {
        var cache = _browse.GetValue(searcher.IndexReader, _ => new BoundedCache<string, Window>(1000));
        var key = FilterKey(filters);
        if (cache.TryGet(key, out var browse) && browse.Covers(want)) return browse;
        // Enough for the first pages whatever their size; deeper pages ask for more.
        var window = Math.Min(Math.Max(want, MaxPageSize * 2), MaxResultWindow);
        var top = TopFieldCollector.Create(LatestFirst, window, fillFields: false, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: false);
        var facets = browse?.Facets ?? CountFacets(searcher, OnlyExemplars, filters, top);
        if (browse is not null) searcher.Search(Filtered(OnlyExemplars, filters, except: null), (ICollector)top);
        browse = new Window(top.GetTopDocs(0, window).ScoreDocs, top.TotalHits, facets);
        cache.Add(key, browse);
        return browse;
    }

    /// <summary>
    /// How many of the first pass's best documents the full query ranks again. The first pass scores the
    /// folded syllables alone, over every match (cheap, and needed anyway for totals and facet counts); the
    /// full query (names, marks, pairs, phrases) then orders the top <see cref="RescoreWindow"/>, which
    /// covers the first pages people read. Documents past it keep the first pass's order.
    /// </summary>
    public const int RescoreWindow = 200;

    /// <summary>
    /// Scores the first <see cref="RescoreWindow"/> documents with <paramref name="query"/> instead of
    /// their first-pass score, and re-sorts them.
    /// </summary>
    private static void Rescore(IndexSearcher searcher, ScoreDoc[] ranked, Query query)
    {
        var weight = searcher.CreateNormalizedWeight(query);
        ScoreEach(searcher, ranked, (leaf, docs, scores) =>
        {
            var scorer = weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
            if (scorer is null) return;
            var at = -1;
            for (var i = 0; i < docs.Length; i++)
            {
                if (at < docs[i]) at = scorer.Advance(docs[i]);
                if (at == docs[i]) scores[i] = scorer.GetScore();
            }
        }, add: false);
    }

    /// <summary>
    /// Adds to the first <see cref="RescoreWindow"/> documents' scores those of the <paramref name="clauses"/>
    /// the first pass left out, and re-sorts them.
    /// </summary>
    private static void Rescore(Postings postings, ScoreDoc[] ranked, List<Query> clauses)
    {
        if (clauses.Count == 0) return;
        var prepared = clauses.Select(postings.Prepare).ToList();
        ScoreEach(postings.Searcher, ranked, (leaf, docs, scores) =>
        {
            foreach (var clause in prepared) clause.ScoreEach(leaf, docs, scores);
        }, add: true);
    }

    private delegate void SegmentScores(AtomicReaderContext leaf, ReadOnlySpan<int> docs, Span<float> scores);

    /// <summary>
    /// Scores the first <see cref="RescoreWindow"/> documents segment by segment, in document order: adds
    /// the scores to theirs when <paramref name="add"/>, else replaces theirs with them (a NaN score
    /// leaves a document's as it was). Then sorts them again, best first.
    /// </summary>
    private static void ScoreEach(IndexSearcher searcher, ScoreDoc[] ranked, SegmentScores score, bool add)
    {
        var count = Math.Min(ranked.Length, RescoreWindow);
        if (count == 0) return;
        var byDoc = ranked[..count];
        Array.Sort(byDoc, (a, b) => a.Doc.CompareTo(b.Doc));
        var docs = new int[count];
        var scores = new float[count];
        var leaves = searcher.IndexReader.Leaves;
        for (var start = 0; start < count;)
        {
            var leaf = leaves[ReaderUtil.SubIndex(byDoc[start].Doc, leaves)];
            var end = start;
            for (; end < count && byDoc[end].Doc < leaf.DocBase + leaf.AtomicReader.MaxDoc; end++) docs[end] = byDoc[end].Doc - leaf.DocBase;
            if (!add) scores.AsSpan(start, end - start).Fill(float.NaN);
            score(leaf, docs.AsSpan(start, end - start), scores.AsSpan(start, end - start));
            start = end;
        }
        for (var i = 0; i < count; i++)
        {
            if (add) byDoc[i].Score += scores[i];
            else if (!float.IsNaN(scores[i])) byDoc[i].Score = scores[i];
        }
        Array.Sort(byDoc, (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Doc.CompareTo(b.Doc));
        byDoc.CopyTo(ranked, 0);
    }

    /// <summary>
    /// Runs the query once for the top documents and the counts of unfiltered dimensions, then once per
    /// filtered dimension without its own filter, so a reader sees what switching that value would give.
    /// </summary>
    private static Dictionary<string, IReadOnlyList<FacetValue>> CountFacets(
        IndexSearcher searcher, Query main, Dictionary<string, string> filters, ITopDocsCollector top)
    {
        var unfiltered = Dimensions.Where(d => !filters.ContainsKey(d.Name)).Select(d => d.Field).ToList();
        var counter = new FacetCounter(unfiltered);
        searcher.Search(Filtered(main, filters, except: null), MultiCollector.Wrap((ICollector)top, counter));
        var counts = new Dictionary<string, IReadOnlyDictionary<string, int>>();
        foreach (var (name, field) in Dimensions)
        {
            if (filters.ContainsKey(name))
            {
                var own = new FacetCounter([field]);
                searcher.Search(Filtered(main, filters, except: name), own);
                counts[name] = own.CountsOf(field);
            }
            else
            {
                counts[name] = counter.CountsOf(field);
            }
        }
        return ToFacets(counts, filters);
    }

    private static Dictionary<string, IReadOnlyList<FacetValue>> ToFacets(
        Dictionary<string, IReadOnlyDictionary<string, int>> counts, Dictionary<string, string> filters) =>
        Dimensions.ToDictionary(d => d.Name, IReadOnlyList<FacetValue> (d) => ToFacetValues(counts[d.Name], filters.GetValueOrDefault(d.Name), d.Name == "year"));

    private static SearchHit ToHit(IndexSearcher searcher, int docId, HashSet<string> folded)
    {
        var doc = StoredHit.Read(searcher, docId);
        return new SearchHit(
            doc.Id, doc.Code, doc.Name, doc.Slug, doc.Kind, doc.MovementName, doc.ProvinceName, doc.PhotoUrl, doc.PhotoWidth, doc.PhotoHeight,
            doc.IsSample, doc.PublishedAt, Snippets.For(doc.Text, folded));
    }

    /// <summary>
    /// A result's stored fields, read straight into their values: no <see cref="Lucene.Net.Documents.Document"/>
    /// with a field object (and its type) per value, looked up by name afterwards.
    /// </summary>
    private sealed class StoredHit : StoredFieldVisitor
    {
        public int Id { get; private set; }
        public string Code { get; private set; } = "";
        public string Name { get; private set; } = "";
        public string Slug { get; private set; } = "";
        public string Kind { get; private set; } = "";
        public string MovementName { get; private set; } = "";
        public string? ProvinceName { get; private set; }
        public string? PhotoUrl { get; private set; }
        public int PhotoWidth { get; private set; }
        public int PhotoHeight { get; private set; }
        public bool IsSample { get; private set; }
        public string Text { get; private set; } = "";
        private long _published;

        public DateTime? PublishedAt => _published == 0 ? null : new DateTime(_published, DateTimeKind.Utc);

        public static StoredHit Read(IndexSearcher searcher, int docId)
        {
            var hit = new StoredHit();
            searcher.Doc(docId, hit);
            return hit;
        }

        public override Status NeedsField(FieldInfo fieldInfo) => fieldInfo.Name == SearchFields.Key ? Status.NO : Status.YES;

        public override void StringField(FieldInfo fieldInfo, string value)
        {
            switch (fieldInfo.Name)
            {
                case SearchFields.Code: Code = value; break;
                case SearchFields.Name: Name = value; break;
                case SearchFields.Slug: Slug = value; break;
                case SearchFields.Kind: Kind = value; break;
                case SearchFields.MovementName: MovementName = value; break;
                case SearchFields.ProvinceName: ProvinceName = value; break;
                case SearchFields.PhotoUrl: PhotoUrl = value; break;
                case SearchFields.Text: Text = value; break;
            }
        }

        public override void Int32Field(FieldInfo fieldInfo, int value)
        {
            switch (fieldInfo.Name)
            {
                case SearchFields.Id: Id = value; break;
                case SearchFields.PhotoWidth: PhotoWidth = value; break;
                case SearchFields.PhotoHeight: PhotoHeight = value; break;
                case SearchFields.IsSample: IsSample = value == 1; break;
            }
        }

        public override void Int64Field(FieldInfo fieldInfo, long value)
        {
            if (fieldInfo.Name == SearchFields.Published) _published = value;
        }
    }

    private static Dictionary<string, string> Filters(SearchRequest request)
    {
        var filters = new Dictionary<string, string>();
        Add("movement", request.Movement);
        Add("kind", request.Kind?.ToLowerInvariant());
        Add("province", request.Province);
        Add("year", request.Year);
        Add("agency", request.Agency);
        return filters;

        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) filters[name] = value.Trim();
        }
    }

    private static Query Filtered(Query main, Dictionary<string, string> filters, string? except)
    {
        var all = new BooleanQuery();
        foreach (var (name, field) in Dimensions)
        {
            if (name != except && filters.TryGetValue(name, out var value)) all.Add(new TermQuery(new Term(field, value)), Occur.MUST);
        }
        return all.Clauses.Count == 0 ? main : new FilteredQuery(main, new QueryWrapperFilter(all));
    }

    /// <summary>
    /// A stored facet value ("value\u001Flabel") split once: the strings counted are the segment's own
    /// (<see cref="SegmentOrdinals.Values"/>), the same instances search after search, and go with it.
    /// </summary>
    private static readonly ConditionalWeakTable<string, string[]> Split = new();

    private static List<FacetValue> ToFacetValues(IReadOnlyDictionary<string, int> counts, string? selected, bool byValueDescending)
    {
        var values = new List<FacetValue>(counts.Count);
        foreach (var (stored, count) in counts)
        {
            var parts = Split.GetValue(stored, s => s.Split(SearchFields.LabelSeparator, 2));
            values.Add(new FacetValue(parts[0], parts.Length > 1 ? parts[1] : parts[0], count, parts[0] == selected));
        }
        values.Sort(byValueDescending
            ? (a, b) => string.CompareOrdinal(b.Value, a.Value)
            : (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count)
                : string.CompareOrdinal(a.Label, b.Label) is var byLabel and not 0 ? byLabel : string.CompareOrdinal(a.Value, b.Value));
        return values;
    }

    private static Dictionary<string, IReadOnlyList<FacetValue>> EmptyFacets(Dictionary<string, string> filters) =>
        Dimensions.ToDictionary(d => d.Name, IReadOnlyList<FacetValue> (_) => []);
}
