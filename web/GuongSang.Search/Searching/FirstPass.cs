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
        Postings postings, IReadOnlyList<Syllable> terms, IReadOnlyList<List<Syllable>> phrases,
        IReadOnlyList<(string Name, string Field)> dimensions, IReadOnlyDictionary<string, string> filters, int window)
    {
        var scope = SearchQuery.Scope.Exemplars;
        var reader = postings.Searcher.IndexReader;
        var field = scope.Field(TextForm.Folded);

        // Common terms are deferred to the re-ranking, but the rarest syllable is always scored here.
        var deferred = new List<Query>();
        var syllables = terms.Select(t => new TermQuery(new Term(field, t.Folded))).ToArray();
        var frequencies = syllables.Select(q => postings.DocFreq(q.Term)).ToArray();
        var rarest = terms.Count == 0 ? -1 : Array.IndexOf(frequencies, frequencies.Min());
        var scored = new Postings.Clause?[terms.Count];
        for (var i = 0; i < terms.Count; i++)
        {
            if (i == rarest || !IsCommon(frequencies[i])) scored[i] = postings.Prepare(syllables[i]);
            else deferred.Add(syllables[i]);
        }
        var ranking = new List<Postings.Clause>();
        foreach (var clause in SearchQuery.FirstPassClauses(terms, scope))
        {
            if (IsCommon(postings.DocFreq(clause.Term))) deferred.Add(clause);
            else ranking.Add(postings.Prepare(clause));
        }
        var phraseClauses = phrases.Select(p => postings.Prepare(SearchQuery.Phrase(p, scope))).ToList();
        var minimum = SearchQuery.MinimumMatch(terms.Count);

        var unfiltered = dimensions.Where(d => !filters.ContainsKey(d.Name)).ToList();
        var counter = new FacetCounter([.. unfiltered.Select(d => d.Field)]);
        var own = dimensions.Where(d => filters.ContainsKey(d.Name)).ToDictionary(d => d.Name, d => new FacetCounter([d.Field]));
        var best = new BestDocs(window);
        var total = 0;

        foreach (var leaf in reader.Leaves)
        {
            var maxDoc = leaf.AtomicReader.MaxDoc;
            using var scratch = new Scratch(maxDoc);
            var sets = new FixedBitSet[terms.Count];
            for (var i = 0; i < terms.Count; i++)
            {
                if (scored[i] is { } clause)
                {
                    sets[i] = scratch.Bits();
                    clause.ReadAll(leaf, scratch.Scores, sets[i]);
                }
                else
                {
                    sets[i] = TermBits.Of(leaf, syllables[i].Term);
                }
            }
            foreach (var clause in ranking) clause.ReadAll(leaf, scratch.Scores, bits: null);

            var text = Combine(sets, minimum, scratch.Bits());
            foreach (var clause in phraseClauses)
            {
                var phrase = scratch.Bits();
                clause.ReadAll(leaf, scratch.Scores, phrase);
                text.And(phrase);
            }

            var live = leaf.AtomicReader.LiveDocs;
            counter.SetNextReader(leaf);
            total += Collect(Filter(text, leaf, dimensions, filters, except: null, scratch), live, counter, best, leaf.DocBase, scratch.Scores);
            foreach (var (name, count) in own)
            {
                count.SetNextReader(leaf);
                Collect(Filter(text, leaf, dimensions, filters, except: name, scratch), live, count, best: null, leaf.DocBase, scratch.Scores);
            }
        }

        var counts = new Dictionary<string, IReadOnlyDictionary<string, int>>();
        foreach (var (name, dimensionField) in dimensions)
        {
            counts[name] = own.TryGetValue(name, out var c) ? c.CountsOf(dimensionField) : counter.CountsOf(dimensionField);
        }
        return new Result(best.ToScoreDocs(), total, counts, deferred);

        bool IsCommon(int docFreq) => docFreq > CommonShare * reader.MaxDoc;
    }

    private static int Words(int bits) => (bits + 63) >> 6;

    /// <summary>
    /// The documents in at least <paramref name="minimum"/> of the sets. Of more than all-of, each 64-document
    /// word is counted in binary, bit by bit across five words (up to 31 sets), then compared with the minimum.
    /// </summary>
    public static FixedBitSet Combine(IReadOnlyList<FixedBitSet> sets, int minimum, int maxDoc) =>
        Combine([.. sets], minimum, new FixedBitSet(maxDoc));

    /// <summary>Combines the sets into <paramref name="result"/> (empty, of their length), and returns it.</summary>
    private static FixedBitSet Combine(FixedBitSet[] sets, int minimum, FixedBitSet result)
    {
        var maxDoc = result.Length;
        var words = result.GetBits();
        var count = Words(maxDoc);
        if (sets.Length == 0 || minimum > sets.Length) return result;
        if (minimum <= 0)
        {
            result.Set(0, maxDoc);
            return result;
        }
        if (minimum == sets.Length)
        {
            sets[0].GetBits().AsSpan(0, count).CopyTo(words);
            for (var i = 1; i < sets.Length; i++) result.And(sets[i]);
            return result;
        }
        if (sets.Length > 31) throw new ArgumentOutOfRangeException(nameof(sets), "At most 31 sets.");
        var bits = sets.Select(s => s.GetBits()).ToArray();
        Span<ulong> digits = stackalloc ulong[5];
        for (var w = 0; w < count; w++)
        {
            digits.Clear();
            foreach (var set in bits)
            {
                // Adds one bit to each document's count: a ripple carry through the binary digits.
                var carry = (ulong)set[w];
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
        IReadOnlyDictionary<string, string> filters, string? except, Scratch scratch)
    {
        FixedBitSet? result = null;
        foreach (var (name, field) in dimensions)
        {
            if (name == except || !filters.TryGetValue(name, out var value)) continue;
            if (result is null)
            {
                result = scratch.Bits();
                text.GetBits().AsSpan(0, Words(text.Length)).CopyTo(result.GetBits());
            }
            result.And(TermBits.Of(leaf, new Term(field, value)));
        }
        return result ?? text;
    }

    /// <summary>Counts the live matches' facet values and, when <paramref name="best"/> is given, offers them to it; returns how many there were.</summary>
    private static int Collect(FixedBitSet matches, IBits? live, FacetCounter counter, BestDocs? best, int docBase, float[] scores)
    {
        var words = matches.GetBits();
        var count = Words(matches.Length);
        var collected = 0;
        for (var w = 0; w < count; w++)
        {
            var word = (ulong)words[w];
            while (word != 0)
            {
                var doc = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                if (live is not null && !live.Get(doc)) continue;
                collected++;
                counter.Collect(doc);
                best?.Offer(docBase + doc, scores[doc]);
            }
        }
        return collected;
    }

    /// <summary>
    /// A segment's working memory, pooled: a score per document and bit sets, all given back at the end
    /// (a bit set of 100,000 stories is 12.5 KB, and a search uses several per segment).
    /// </summary>
    private sealed class Scratch : IDisposable
    {
        private readonly int _maxDoc;
        private readonly List<long[]> _rented = [];

        public Scratch(int maxDoc)
        {
            _maxDoc = maxDoc;
            Scores = ArrayPool<float>.Shared.Rent(maxDoc);
            Array.Clear(Scores, 0, maxDoc);
        }

        public float[] Scores { get; }

        /// <summary>An empty set of the segment's length.</summary>
        public FixedBitSet Bits()
        {
            var words = ArrayPool<long>.Shared.Rent(Words(_maxDoc));
            Array.Clear(words, 0, Words(_maxDoc));
            _rented.Add(words);
            return new FixedBitSet(words, _maxDoc);
        }

        public void Dispose()
        {
            ArrayPool<float>.Shared.Return(Scores);
            foreach (var words in _rented) ArrayPool<long>.Shared.Return(words);
        }
    }
}

/// <summary>
/// The best documents offered, as <see cref="TopScoreDocCollector"/> keeps them (higher score first, then
/// lower document), in a heap whose root is the worst kept.
/// </summary>
public sealed class BestDocs(int size)
{
    private readonly int[] _docs = new int[size];
    private readonly float[] _scores = new float[size];
    private int _count;

    public void Offer(int doc, float score)
    {
        if (_count < size)
        {
            var at = _count++;
            // Up while the parent is better (it belongs further from the root).
            while (at > 0)
            {
                var parent = (at - 1) >> 1;
                if (!Worse(score, doc, _scores[parent], _docs[parent])) break;
                _docs[at] = _docs[parent];
                _scores[at] = _scores[parent];
                at = parent;
            }
            _docs[at] = doc;
            _scores[at] = score;
            return;
        }
        if (size == 0 || !Worse(_scores[0], _docs[0], score, doc)) return;
        // Replaces the worst: down while a child is worse.
        var i = 0;
        while (true)
        {
            var child = (i << 1) + 1;
            if (child >= _count) break;
            if (child + 1 < _count && Worse(_scores[child + 1], _docs[child + 1], _scores[child], _docs[child])) child++;
            if (!Worse(_scores[child], _docs[child], score, doc)) break;
            _docs[i] = _docs[child];
            _scores[i] = _scores[child];
            i = child;
        }
        _docs[i] = doc;
        _scores[i] = score;
    }

    private static bool Worse(float score, int doc, float otherScore, int otherDoc) =>
        score < otherScore || (score == otherScore && doc > otherDoc);

    /// <summary>The documents kept, best first.</summary>
    public ScoreDoc[] ToScoreDocs()
    {
        var result = new ScoreDoc[_count];
        for (var i = 0; i < _count; i++) result[i] = new ScoreDoc(_docs[i], _scores[i]);
        Array.Sort(result, (a, b) => Worse(a.Score, a.Doc, b.Score, b.Doc) ? 1 : Worse(b.Score, b.Doc, a.Score, a.Doc) ? -1 : 0);
        return result;
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
