using System.Buffers;
using System.Runtime.CompilerServices;
using GuongSang.Search.Analysis;
using GuongSang.Search.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace GuongSang.Search.Searching;

/// <summary>
/// The first pass of a search for words, over every match: which exemplars match (every syllable, or of
/// more than three, three in four; the quoted phrases; the filters), how many per facet value, and the
/// best of them by the score of the folded syllables, the name, the pairs and the phrases. What ranks on
/// top of that (marks as typed, the most common syllables) is added when the best are re-ranked.
/// <para>
/// Lucene's boolean scorers visit every candidate through every clause, advancing one posting list to
/// the next, which costs far more than the lists themselves. Here each list is read once, straight
/// through, into a bit set and a score per document; the sets are then combined 64 documents at a time.
/// Syllables in more than half of the stories ("gia", "số") are not read at all: their set is kept per
/// segment, and their score, small as it is (BM25 gives them little weight), waits for the re-ranking.
/// </para>
/// </summary>
public static class FirstPass
{
    /// <summary>
    /// A term in more than this share of the documents is common: a syllable is matched from a kept bit
    /// set, and (as a ranking clause such as the pair "gia dinh") scored only when re-ranking.
    /// </summary>
    public const double CommonShare = 0.5;

    /// <summary>What the first pass found.</summary>
    /// <param name="Ranked">The best documents by the first pass's score, best first (ties: lower document first).</param>
    /// <param name="Counts">Per facet dimension, each value's number of matches (a filtered dimension counted without its own filter).</param>
    /// <param name="Deferred">The clauses left for the re-ranking to score: common syllables and ranking clauses.</param>
    public sealed record Result(ScoreDoc[] Ranked, int Total, Dictionary<string, IReadOnlyDictionary<string, int>> Counts, List<Query> Deferred);

    /// <param name="filters">Facet dimension name → value, for the <paramref name="dimensions"/>.</param>
    public static Result Run(
        IndexSearcher searcher, IReadOnlyList<Syllable> terms, IReadOnlyList<List<Syllable>> phrases,
        IReadOnlyList<(string Name, string Field)> dimensions, IReadOnlyDictionary<string, string> filters, int window)
    {
        var scope = SearchQuery.Scope.Exemplars;
        var reader = searcher.IndexReader;
        var field = scope.Field(TextForm.Folded);

        // Each term is looked up once (its frequency and its place in each segment), not again for its
        // weight and scorer. Common ones are deferred to the re-ranking, but the rarest syllable is always
        // scored here.
        var contexts = new Dictionary<Term, TermContext>();
        var deferred = new List<Query>();
        var syllables = terms.Select(t => Lookup(new TermQuery(new Term(field, t.Folded)))).ToArray();
        var rarest = Array.IndexOf(syllables, syllables.MinBy(t => t.DocFreq));
        var scored = new Weight?[terms.Count];
        for (var i = 0; i < terms.Count; i++)
        {
            if (i == rarest || !IsCommon(syllables[i].DocFreq)) scored[i] = Weigh(searcher, syllables[i].Query);
            else deferred.Add(syllables[i].Query);
        }
        var ranking = new List<Weight>();
        foreach (var clause in SearchQuery.FirstPassClauses(terms, scope).Select(Lookup))
        {
            if (IsCommon(clause.DocFreq)) deferred.Add(clause.Query);
            else ranking.Add(Weigh(searcher, clause.Query));
        }
        var phraseWeights = phrases.Select(p => Weigh(searcher, SearchQuery.Phrase(p, scope))).ToList();
        var minimum = SearchQuery.MinimumMatch(terms.Count);

        var unfiltered = dimensions.Where(d => !filters.ContainsKey(d.Name)).ToList();
        var counter = new FacetCounter([.. unfiltered.Select(d => d.Field)]);
        var own = dimensions.Where(d => filters.ContainsKey(d.Name)).ToDictionary(d => d.Name, d => new FacetCounter([d.Field]));
        var top = TopScoreDocCollector.Create(window, docsScoredInOrder: true);
        var collector = MultiCollector.Wrap(top, counter);

        foreach (var leaf in reader.Leaves)
        {
            var maxDoc = leaf.AtomicReader.MaxDoc;
            var scores = ArrayPool<float>.Shared.Rent(maxDoc);
            try
            {
                Array.Clear(scores, 0, maxDoc);
                var sets = new FixedBitSet[terms.Count];
                for (var i = 0; i < terms.Count; i++)
                {
                    if (scored[i] is { } weight)
                    {
                        sets[i] = new FixedBitSet(maxDoc);
                        Read(weight, leaf, scores, sets[i]);
                    }
                    else
                    {
                        sets[i] = TermBits.Of(leaf, syllables[i].Query.Term);
                    }
                }
                foreach (var weight in ranking) Read(weight, leaf, scores, bits: null);

                var text = Combine(sets, minimum, maxDoc);
                foreach (var weight in phraseWeights)
                {
                    var phrase = new FixedBitSet(maxDoc);
                    Read(weight, leaf, scores, phrase);
                    text.And(phrase);
                }

                var live = leaf.AtomicReader.LiveDocs;
                var matches = Filter(text, leaf, dimensions, filters, except: null);
                Collect(matches, live, leaf, collector, scores);
                foreach (var (name, own_) in own) Collect(Filter(text, leaf, dimensions, filters, except: name), live, leaf, own_, scores);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scores);
            }
        }

        var counts = new Dictionary<string, IReadOnlyDictionary<string, int>>();
        foreach (var (name, dimensionField) in dimensions)
        {
            counts[name] = own.TryGetValue(name, out var c) ? c.CountsOf(dimensionField) : counter.CountsOf(dimensionField);
        }
        return new Result(top.GetTopDocs(0, window).ScoreDocs, top.TotalHits, counts, deferred);

        bool IsCommon(int docFreq) => docFreq > CommonShare * reader.MaxDoc;

        // The clause again, with its term's statistics and places, so it is not looked up again.
        (TermQuery Query, int DocFreq) Lookup(TermQuery clause)
        {
            if (!contexts.TryGetValue(clause.Term, out var context)) contexts[clause.Term] = context = TermContext.Build(reader.Context, clause.Term);
            return (new TermQuery(clause.Term, context) { Boost = clause.Boost }, context.DocFreq);
        }
    }

    private static int Words(int bits) => (bits + 63) >> 6;

    private static Weight Weigh(IndexSearcher searcher, Query query) => searcher.CreateNormalizedWeight(query);

    /// <summary>Reads a clause's matches straight through: adds each one's score, and marks it.</summary>
    private static void Read(Weight weight, AtomicReaderContext leaf, float[] scores, FixedBitSet? bits)
    {
        // Deleted documents are left to the end (see Collect), so kept sets need not know about them.
        var scorer = weight.GetScorer(leaf, acceptDocs: null);
        if (scorer is null) return;
        int doc;
        while ((doc = scorer.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
        {
            scores[doc] += scorer.GetScore();
            bits?.Set(doc);
        }
    }

    /// <summary>
    /// The documents in at least <paramref name="minimum"/> of the sets. Of more than all-of, each 64-document
    /// word is counted in binary, bit by bit across five words (up to 31 sets), then compared with the minimum.
    /// </summary>
    public static FixedBitSet Combine(IReadOnlyList<FixedBitSet> sets, int minimum, int maxDoc)
    {
        var result = new FixedBitSet(maxDoc);
        var words = result.GetBits();
        var count = Words(maxDoc);
        if (sets.Count == 0 || minimum > sets.Count) return result;
        if (minimum <= 0)
        {
            result.Set(0, maxDoc);
            return result;
        }
        if (minimum == sets.Count)
        {
            sets[0].GetBits().AsSpan(0, count).CopyTo(words);
            for (var i = 1; i < sets.Count; i++) result.And(sets[i]);
            return result;
        }
        if (sets.Count > 31) throw new ArgumentOutOfRangeException(nameof(sets), "At most 31 sets.");
        Span<ulong> digits = stackalloc ulong[5];
        for (var w = 0; w < count; w++)
        {
            digits.Clear();
            foreach (var set in sets)
            {
                // Adds one bit to each document's count: a ripple carry through the binary digits.
                var carry = (ulong)set.GetBits()[w];
                for (var k = 0; k < digits.Length && carry != 0; k++)
                {
                    var next = digits[k] & carry;
                    digits[k] ^= carry;
                    carry = next;
                }
            }
            // count >= minimum, compared from the highest digit down.
            ulong greater = 0, equal = ~0UL;
            for (var k = digits.Length - 1; k >= 0; k--)
            {
                if (((minimum >> k) & 1) != 0)
                {
                    equal &= digits[k];
                }
                else
                {
                    greater |= equal & digits[k];
                    equal &= ~digits[k];
                }
            }
            words[w] = (long)(greater | equal);
        }
        return result;
    }

    /// <summary>The matches with every filter but <paramref name="except"/>'s (the same set when there is none to apply).</summary>
    private static FixedBitSet Filter(
        FixedBitSet text, AtomicReaderContext leaf, IReadOnlyList<(string Name, string Field)> dimensions,
        IReadOnlyDictionary<string, string> filters, string? except)
    {
        FixedBitSet? result = null;
        foreach (var (name, field) in dimensions)
        {
            if (name == except || !filters.TryGetValue(name, out var value)) continue;
            result ??= text.Clone();
            result.And(TermBits.Of(leaf, new Term(field, value)));
        }
        return result ?? text;
    }

    private static void Collect(FixedBitSet matches, IBits? live, AtomicReaderContext leaf, ICollector collector, float[] scores)
    {
        var scorer = new Accumulated(scores);
        collector.SetNextReader(leaf);
        collector.SetScorer(scorer);
        var words = matches.GetBits();
        var count = Words(matches.Length);
        for (var w = 0; w < count; w++)
        {
            var word = (ulong)words[w];
            while (word != 0)
            {
                var doc = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                if (live is not null && !live.Get(doc)) continue;
                scorer.Doc = doc;
                collector.Collect(doc);
            }
        }
    }

    /// <summary>Hands collectors the score the first pass added up for a document.</summary>
    private sealed class Accumulated(float[] scores) : Scorer(null)
    {
        public int Doc { get; set; } = -1;

        public override int DocID => Doc;

        public override float GetScore() => scores[Doc];

        public override int Freq => 1;

        public override int NextDoc() => throw new NotSupportedException();

        public override int Advance(int target) => throw new NotSupportedException();

        public override long GetCost() => 0;
    }
}

/// <summary>
/// Bit sets of terms kept per segment: the common syllables and the filter values, which many searches
/// ask for. A segment never changes (deletions are checked apart), so a set is right as long as the
/// segment lives; a bounded number is kept per segment.
/// </summary>
public static class TermBits
{
    public const int KeptPerSegment = 512;

    private static readonly ConditionalWeakTable<object, BoundedCache<Term, FixedBitSet>> Kept = new();

    public static FixedBitSet Of(AtomicReaderContext leaf, Term term)
    {
        var kept = Kept.GetValue(leaf.AtomicReader.CoreCacheKey, _ => new BoundedCache<Term, FixedBitSet>(KeptPerSegment));
        if (kept.TryGet(term, out var bits)) return bits;
        bits = new FixedBitSet(leaf.AtomicReader.MaxDoc);
        var terms = leaf.AtomicReader.GetTerms(term.Field)?.GetEnumerator();
        if (terms is not null && terms.SeekExact(term.Bytes))
        {
            var docs = terms.Docs(liveDocs: null, reuse: null, DocsFlags.NONE);
            int doc;
            while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS) bits.Set(doc);
        }
        kept.Add(term, bits);
        return bits;
    }
}
