using System.Text.Json;
using GuongSang.Search.Analysis;
using GuongSang.Search.Indexing;
using GuongSang.Search.Searching;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace GuongSang.Search.Tests;

/// <summary>
/// The bit-set first pass must answer as Lucene's own boolean query does: the same matches, counts and
/// order, whichever syllables are common, over several segments with deleted stories, with filters.
/// </summary>
public sealed class FirstPassTests
{
    [Fact]
    public void Combining_sets_keeps_the_documents_in_at_least_the_minimum_of_them()
    {
        var random = new Random(17);
        for (var round = 0; round < 300; round++)
        {
            var maxDoc = random.Next(1, 300);
            var sets = Enumerable.Range(0, random.Next(1, 25)).Select(_ =>
            {
                var set = new FixedBitSet(maxDoc);
                var density = random.NextDouble();
                for (var doc = 0; doc < maxDoc; doc++)
                {
                    if (random.NextDouble() < density) set.Set(doc);
                }
                return set;
            }).ToList();
            var minimum = random.Next(1, sets.Count + 1);
            var combined = FirstPass.Combine(sets, minimum, maxDoc);
            for (var doc = 0; doc < maxDoc; doc++)
            {
                var count = sets.Count(s => s.Get(doc));
                Assert.True(combined.Get(doc) == count >= minimum, $"round {round}: doc {doc} is in {count} of {sets.Count} sets, minimum {minimum}");
            }
            // The sets themselves are left as they were (kept ones are shared between searches).
            Assert.Equal(sets.Count, sets.Count(s => s.Length == maxDoc));
        }
    }

    // Syllables of very different frequencies: "xã" and "gia" end up in most stories (common), the rest less.
    private static readonly string[] Words = ["xã", "gia", "đình", "văn", "hóa", "hiến", "máu", "tình", "nguyện", "hoà", "giải", "khuyến", "học", "làng", "bản"];

    private static string Story(Random random) =>
        string.Join(' ', Enumerable.Range(0, random.Next(3, 25)).Select(_ =>
            random.NextDouble() < 0.25 ? Words[random.Next(2)] : Words[Math.Min(Words.Length - 1, (int)(random.NextDouble() * random.NextDouble() * Words.Length))]));

    /// <summary>Three segments (commits without merging) with a few stories deleted from each.</summary>
    private static TestIndex Corpus(int seed, int perSegment)
    {
        var random = new Random(seed);
        var index = new TestIndex([]);
        var id = 0;
        for (var segment = 0; segment < 3; segment++)
        {
            for (var i = 0; i < perSegment; i++)
            {
                id++;
                var name = random.Next(5) == 0 ? "Tổ " + string.Join(' ', Story(random).Split(' ').Take(3)) : "Người " + id;
                index.Index.Writer.AddDocument(TestIndex.Document(id, name, Story(random),
                    kind: random.Next(3) == 0 ? "collective" : "individual", province: "p" + random.Next(3), years: [2020 + random.Next(4)]).ToLucene());
            }
            index.Index.Commit(id);
        }
        for (var i = 0; i < perSegment / 5; i++) index.Index.Writer.DeleteDocuments(SearchDocument.KeyTerm(random.Next(1, id + 1)));
        index.Index.Commit(id);
        return index;
    }

    private static IEnumerable<string> Queries(Random random, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var words = Enumerable.Range(0, random.Next(1, 7)).Select(_ => Words[random.Next(Words.Length)]).ToList();
            // Some without diacritics, some with a quoted phrase taken from a story (found) or made up.
            if (random.Next(3) == 0) words = [.. words.Select(w => SearchText.Fold(w))];
            var text = string.Join(' ', words);
            if (random.Next(4) == 0) text += " \"" + string.Join(' ', Story(random).Split(' ').Take(random.Next(2, 5))) + "\"";
            yield return text;
        }
    }

    [Fact]
    public void The_first_pass_answers_as_lucenes_own_query_does()
    {
        using var index = Corpus(seed: 23, perSegment: 60);
        Assert.Equal(3, index.Index.Search(s => s.IndexReader.Leaves.Count));
        var bitSets = new SearchService(index.Index, new SearchOptions { ResultCacheSize = 0 });
        var lucene = new SearchService(index.Index, new SearchOptions { ResultCacheSize = 0, LuceneFirstPass = true });
        var random = new Random(29);
        var compared = 0;
        foreach (var text in Queries(random, 150))
        {
            var request = new SearchRequest(text, PageSize: 50,
                Kind: random.Next(3) == 0 ? "collective" : null, Province: random.Next(3) == 0 ? "p1" : null, Year: random.Next(4) == 0 ? "2021" : null);
            var expected = lucene.Search(request);
            var actual = bitSets.Search(request);
            Assert.Equal(expected.Total, actual.Total);
            Assert.True(expected.Items.Select(h => h.Id).SequenceEqual(actual.Items.Select(h => h.Id)),
                $"{text}: Lucene {string.Join(",", expected.Items.Select(h => h.Id))}; bit sets {string.Join(",", actual.Items.Select(h => h.Id))}");
            Assert.Equal(JsonSerializer.Serialize(expected.Facets), JsonSerializer.Serialize(actual.Facets));
            Assert.Equal(expected.Suggestion, actual.Suggestion);
            if (expected.Total > 0) compared++;
        }
        Assert.True(compared > 100, $"only {compared} searches found something");
    }

    [Fact]
    public void A_common_syllable_still_counts_in_the_order_and_deleted_stories_are_never_found()
    {
        using var index = Corpus(seed: 31, perSegment: 40);
        var reader = index.Index.Search(s => s.IndexReader)!;
        var common = new Term(SearchFields.Suffix(SearchFields.All, TextForm.Folded), "xa");
        Assert.True(reader.DocFreq(common) > FirstPass.CommonShare * reader.MaxDoc, "the corpus should make \"xã\" common");
        Assert.True(reader.NumDeletedDocs > 0);

        var first = index.Index.Search(s =>
        {
            using var postings = new Postings(s);
            return FirstPass.Run(postings, new SearchQuery("xã hiến").Terms, [], SearchService.Dimensions, new Dictionary<string, string>(), 200);
        })!;
        Assert.Contains(first.Deferred, q => q is TermQuery t && t.Term.Equals(common));
        var live = MultiFields.GetLiveDocs(reader);
        Assert.NotEmpty(first.Ranked);
        Assert.All(first.Ranked, hit => Assert.True(live is null || live.Get(hit.Doc)));
        var expected = index.Index.Search(s =>
        {
            var count = new TotalHitCountCollector();
            s.Search(new SearchQuery("xã hiến").ToMatchQuery()!, count);
            return count.TotalHits;
        });
        Assert.Equal(expected, first.Total);
    }

    [Fact]
    public void A_phrase_on_pairs_finds_the_stories_with_its_syllables_in_a_row()
    {
        var random = new Random(37);
        using var index = new TestIndex(Enumerable.Range(1, 150).Select(i => TestIndex.Document(i, "Người " + i, Story(random))));
        var field = SearchFields.Suffix(SearchFields.All, TextForm.Folded);
        var tried = 0;
        for (var round = 0; round < 200; round++)
        {
            var words = Story(random).Split(' ').Take(random.Next(2, 6)).ToList();
            if (round % 10 == 0) words = [.. words.Take(2), .. words.Take(2)]; // a pair repeated: "a b a b"
            var phrase = SearchQuery.Tokenize(string.Join(' ', words));
            if (phrase.Count < 2) continue;
            var syllables = new PhraseQuery();
            foreach (var s in phrase) syllables.Add(new Term(field, s.Folded));
            var expected = Ids(index, syllables);
            Assert.Equal(expected, Ids(index, SearchQuery.Phrase(phrase, SearchQuery.Scope.Exemplars)));
            if (expected.Count > 0) tried++;
        }
        Assert.True(tried > 50, $"only {tried} phrases found");
    }

    private static List<int> Ids(TestIndex index, Query query) =>
        index.Index.Search(s => s.Search(query, 1000).ScoreDocs.Select(d => d.Doc).Order().ToList())!;
}
