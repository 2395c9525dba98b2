using GuongSang.Search.Relevance;
using GuongSang.Search.Indexing;
using GuongSang.Search.Searching;

namespace GuongSang.Search.Tests;

/// <summary>
/// The parts that make search fast must not change what it answers: snippets found by scanning the
/// text, facet ordinals read once per segment, the two-pass ranking, and the result cache.
/// </summary>
public sealed class SearchSpeedPathTests
{
    private static HashSet<string> Folded(params string[] terms) => new(terms, StringComparer.Ordinal);

    [Fact]
    public void Snippet_matches_are_found_in_the_text_with_or_without_marks_old_tones_nfd_and_i_y()
    {
        var nfd = "Hiến".Normalize(System.Text.NormalizationForm.FormD);
        var text = $"Bà HIẾN máu, hoà giải; {nfd} tiểu cầu. Kỹ sư Đặng; máuhiến không.";
        var matches = Snippets.Matches(text, Folded("hien", "mau", "hoa", "ki", "dang"));
        var words = matches.Select(m => text[m.Start..m.End]).ToList();
        Assert.Equal(["HIẾN", "máu", "hoà", nfd, "Kỹ", "Đặng"], words);
        Assert.Equal(["hien", "mau", "hoa", "hien", "ki", "dang"], matches.Select(m => m.Term));
    }

    [Fact]
    public void Qui_and_quy_are_one_word_in_snippets_as_in_the_index()
    {
        var matches = Snippets.Matches("Quí và quý", Folded("quy"));
        Assert.Equal(2, matches.Count);
    }

    [Fact]
    public void The_snippet_window_is_the_one_with_most_different_words_then_most_matches_as_a_plain_search_finds_it()
    {
        var random = new Random(5);
        string[] words = ["hiến", "máu", "tình", "nguyện"];
        string[] others = ["xã", "bà", "con", "giúp", "đỡ", "người", "nghèo", "phong", "trào", "thi", "đua"];
        for (var round = 0; round < 500; round++)
        {
            // Matched words sparse in some texts, dense in others.
            var density = random.NextDouble();
            var text = string.Join(' ', Enumerable.Range(0, random.Next(1, 400))
                .Select(_ => random.NextDouble() < density ? words[random.Next(words.Length)] : others[random.Next(others.Length)]));
            var wanted = Folded([.. words.Take(random.Next(1, 5)).Select(w => Analysis.SearchText.Fold(w))]);
            var matches = Snippets.Matches(text, wanted);

            // Every window, the slow way: the first one with the best (different words, matches).
            var expected = 0;
            var best = (-1, -1);
            for (var i = 0; i < matches.Count; i++)
            {
                var inWindow = matches.Skip(i).TakeWhile(m => m.End <= matches[i].Start + Snippets.Length - 40).ToList();
                var score = (inWindow.Select(m => m.Term).Distinct().Count(), inWindow.Count);
                if (score.CompareTo(best) > 0) (best, expected) = (score, matches[i].Start);
            }
            var snippet = Snippets.Build(text, matches);
            var plain = snippet.Replace("<mark>", "").Replace("</mark>", "").TrimStart('…').TrimEnd('…');
            var from = Math.Max(0, expected - 40);
            Assert.True(text.IndexOf(plain, from, StringComparison.Ordinal) is var at && at >= from && at <= expected,
                $"round {round}: the snippet does not start at the best window ({expected}): {snippet}");
        }
    }

    [Fact]
    public void Segments_are_written_with_the_search_codec_and_stories_read_back_whole()
    {
        var long_ = string.Join(' ', Enumerable.Repeat("Bà Hạnh hiến máu tình nguyện ở xã Ia Tul.", 200));
        using var index = new TestIndex(Enumerable.Range(1, 30).Select(i => TestIndex.Document(i, "Người " + i, i == 17 ? long_ : "chuyện hiến máu " + i)));
        var codecs = index.Index.Search(s => s.IndexReader.Leaves.Select(l => ((Lucene.Net.Index.SegmentReader)l.AtomicReader).SegmentInfo.Info.Codec.Name).ToList())!;
        Assert.NotEmpty(codecs);
        Assert.All(codecs, name => Assert.Equal(SearchCodec.CodecName, name));
        // A long story between short ones comes back whole.
        var text = index.Index.Search(s => s.Doc(s.Search(new Lucene.Net.Search.TermQuery(SearchDocument.KeyTerm(17)), 1).ScoreDocs[0].Doc).Get(SearchFields.Text));
        Assert.Equal(long_, text);
        Assert.Equal(30, index.Service.Search(new SearchRequest("hien mau")).Total);
    }

    [Fact]
    public void Facet_counts_are_right_across_several_segments()
    {
        using var index = new TestIndex([]);
        var id = 0;
        // Three commits without merging: three segments, each with its own ordinals.
        foreach (var province in new[] { "gia-lai", "ha-noi", "gia-lai" })
        {
            for (var i = 0; i < 5; i++)
            {
                id++;
                index.Index.Writer.AddDocument(TestIndex.Document(id, "Người " + id, "hiến máu", province: province, years: [2023, 2020 + i]).ToLucene());
            }
            index.Index.Commit(id);
        }
        Assert.Equal(3, index.Index.Search(s => s.IndexReader.Leaves.Count));

        var result = index.Service.Search(new SearchRequest("hien mau"));
        Assert.Equal(15, result.Total);
        Assert.Equal([("gia-lai", 10), ("ha-noi", 5)], result.Facets["province"].Select(v => (v.Value, v.Count)));
        var years = result.Facets["year"].ToDictionary(v => v.Value, v => v.Count);
        Assert.Equal(15, years["2023"]);
        Assert.Equal(3, years["2020"]);
    }

    [Fact]
    public void Pages_across_the_rescored_window_neither_repeat_nor_skip_a_result()
    {
        var count = SearchService.RescoreWindow + 60;
        // Names with the words say them once in the text; others up to five times, so the first pass
        // (folded words alone) puts those first and only the full ranking brings the names up.
        var docs = Enumerable.Range(1, count).Select(i => i % 7 == 0
            ? TestIndex.Document(i, "Hiến Máu " + i, "hiến máu tình nguyện")
            : TestIndex.Document(i, "Người " + i, string.Join(' ', Enumerable.Repeat("hiến máu", 1 + i % 5)) + " tình nguyện"));
        using var index = new TestIndex(docs);
        var seen = new List<int>();
        for (var page = 1; page <= count / 50 + 1; page++)
        {
            seen.AddRange(index.Service.Search(new SearchRequest("hiến máu", Page: page, PageSize: 50)).Items.Select(i => i.Id));
        }
        Assert.Equal(count, seen.Count);
        Assert.Equal(count, seen.Distinct().Count());
        // The full ranking holds on the first page: names that match come first.
        Assert.All(seen.Take(20), id => Assert.Equal(0, id % 7));
    }

    [Fact]
    public void Re_ranking_the_window_orders_as_the_full_query_does_over_every_document()
    {
        // Fewer documents than the window: every match is re-ranked, so the order must be the full query's
        // own (the first pass's score plus the ranking clauses' score is the full score). The relevance
        // stories, and stories that differ in how often and in which form they have the words.
        var random = new Random(3);
        string[] forms = ["hiến máu", "hien mau", "máu hiến", "hiến", "tình nguyện", "tinh nguyen", "hoà giải", "hòa giải"];
        var varied = Enumerable.Range(1000, 120).Select(id => TestIndex.Document(id,
            random.Next(4) == 0 ? "Hiến Máu " + id : "Người " + id,
            string.Join(" xã ", Enumerable.Range(0, random.Next(1, 8)).Select(_ => forms[random.Next(forms.Length)])) + string.Concat(Enumerable.Repeat(" làng", random.Next(30)))));
        using var index = new TestIndex(RelevanceSet.Stories.Select(TestIndex.ToDocument).Concat(varied));
        Assert.True(RelevanceSet.Stories.Count + 120 < SearchService.RescoreWindow);
        var compared = 0;
        string[] more = ["hiến máu", "hien mau", "máu hiến", "hiến máu tình nguyện", "\"hiến máu\" tình nguyện", "hoà giải", "hoa giai tinh nguyen"];
        foreach (var text in RelevanceSet.Cases.Select(c => c.Query).Concat(more))
        {
            var query = new SearchQuery(text);
            var full = query.ToLucene();
            if (full is null) continue;
            var expected = index.Index.Search(s => s.Search(full, 50).ScoreDocs.Select(d => s.Doc(d.Doc).GetField(SearchFields.Id).GetInt32Value()!.Value).ToList())!;
            var result = index.Service.Search(new SearchRequest(text, PageSize: 50));
            if (result.Suggestion is not null || expected.Count == 0) continue;
            Assert.True(expected.SequenceEqual(result.Items.Select(i => i.Id)), $"{text}: full query {string.Join(",", expected)}; search {string.Join(",", result.Items.Select(i => i.Id))}");
            compared++;
        }
        Assert.True(compared >= 30, $"only {compared} queries compared");
    }

    [Fact]
    public void Browsing_pages_of_any_size_and_depth_come_latest_first_and_a_new_story_shows_at_once()
    {
        // Published one day apart in id order: the latest first is the highest id first.
        using var index = new TestIndex(Enumerable.Range(1, 160).Select(i => TestIndex.Document(i, "Người " + i, "chuyện " + i, kind: i % 2 == 0 ? "individual" : "collective")));
        var service = new SearchService(index.Index, new SearchOptions { ResultCacheSize = 0 });
        List<int> Page(int page, int size, string? kind = null) => [.. service.Search(new SearchRequest("", Kind: kind, Page: page, PageSize: size)).Items.Select(i => i.Id)];

        Assert.Equal(Enumerable.Range(141, 20).Reverse(), Page(1, 20));
        Assert.Equal(Enumerable.Range(11, 50).Reverse(), Page(3, 50));
        Assert.Equal(Enumerable.Range(1, 10).Reverse(), Page(4, 50));
        Assert.Equal(Enumerable.Range(101, 20).Reverse(), Page(3, 20));
        Assert.Equal([160, 158, 156], Page(1, 3, kind: "individual"));
        Assert.Equal([159, 157, 155], Page(1, 3, kind: "collective"));
        var all = service.Search(new SearchRequest("", Kind: "individual"));
        Assert.Equal(80, all.Total);
        Assert.Equal([("collective", 80), ("individual", 80)], all.Facets["kind"].Select(v => (v.Value, v.Count)).Order());

        index.Index.Writer.AddDocument(TestIndex.Document(161, "Người mới", "chuyện mới").ToLucene());
        index.Index.Commit(161);
        Assert.Equal([161, 160], Page(1, 2));
        Assert.Equal(161, service.Search(new SearchRequest("")).Total);
    }

    [Fact]
    public void Pages_served_from_a_cached_ranking_are_the_pages_a_fresh_search_gives()
    {
        var random = new Random(11);
        string[] words = ["hiến máu", "tình nguyện", "hòa giải", "khuyến học", "xã", "làng"];
        using var index = new TestIndex(Enumerable.Range(1, 320).Select(i => TestIndex.Document(i,
            i % 9 == 0 ? "Hiến Máu " + i : "Người " + i,
            string.Join(' ', Enumerable.Range(0, random.Next(2, 12)).Select(_ => words[random.Next(words.Length)])),
            kind: i % 3 == 0 ? "collective" : "individual")));
        var fresh = new SearchService(index.Index, new SearchOptions { ResultCacheSize = 0 });
        var cached = index.Service;
        // The last phrase is found nowhere as a phrase ("Người 5" is followed by its number), so its
        // answer is the words anywhere: a second ranking of the same words, which must not be mixed up.
        Assert.True(fresh.Search(new SearchRequest("\"người hiến\"")).Total > 0);
        foreach (var (q, kind) in new[] { ("hien mau", (string?)null), ("hiến máu tình nguyện", null), ("\"hòa giải\" xã", "collective"), ("khuyen hoc lang", null), ("\"người hiến\"", null) })
        {
            // Page sizes and orders that reuse and outgrow the cached window (200, then deeper).
            foreach (var (page, size) in new[] { (1, 20), (3, 20), (2, 50), (10, 20), (5, 50), (7, 50), (1, 10) })
            {
                var expected = fresh.Search(new SearchRequest(q, Kind: kind, Page: page, PageSize: size));
                var actual = cached.Search(new SearchRequest(q, Kind: kind, Page: page, PageSize: size));
                Assert.Equal(expected.Total, actual.Total);
                Assert.Equal(expected.Items.Select(i => i.Id), actual.Items.Select(i => i.Id));
                Assert.Equal(Json(expected.Facets), Json(actual.Facets));
            }
        }
    }

    [Fact]
    public void A_cached_answer_is_the_same_as_a_fresh_one_and_a_changed_index_is_never_answered_from_the_cache()
    {
        using var index = new TestIndex([TestIndex.Document(1, "Nguyễn Văn An", "hiến máu 20 lần")]);
        var uncached = new SearchService(index.Index, new SearchOptions { ResultCacheSize = 0 });
        var fresh = Json(uncached.Search(new SearchRequest("hien mau")));
        Assert.Equal(fresh, Json(index.Service.Search(new SearchRequest("hien mau"))));
        // Asked again in other spacing (the same cache key): the same answer.
        Assert.Equal(fresh, Json(index.Service.Search(new SearchRequest("  hien   mau "))));

        index.Index.Writer.AddDocument(TestIndex.Document(2, "Trần Thị Bình", "hiến máu 5 lần").ToLucene());
        index.Index.Commit(2);
        var after = index.Service.Search(new SearchRequest("hien mau"));
        Assert.Equal(2, after.Total);
    }

    [Fact]
    public void The_bounded_cache_keeps_the_newest_entries()
    {
        var cache = new BoundedCache<int, string>(3);
        for (var i = 1; i <= 5; i++) cache.Add(i, "v" + i);
        Assert.Equal(3, cache.Count);
        Assert.False(cache.TryGet(1, out _));
        Assert.False(cache.TryGet(2, out _));
        Assert.True(cache.TryGet(5, out var v5));
        Assert.Equal("v5", v5);
        cache.Add(5, "new");
        Assert.True(cache.TryGet(5, out var replaced));
        Assert.Equal("new", replaced);
        Assert.Equal(3, cache.Count);
        var off = new BoundedCache<int, string>(0);
        off.Add(1, "x");
        Assert.Equal(0, off.Count);
    }

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value);
}
