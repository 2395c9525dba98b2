using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Codecs;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace GuongSang.Search.Searching;

/// <summary>
/// One search's reading of the index, term by term. Lucene's <see cref="TermQuery"/> looks its term up
/// in each segment with a new terms enum (~9 KB), then again for each scorer with another one and a new
/// docs enum (~4 KB), each cloning its file (a lock and a weak reference per clone in Lucene.Net's
/// memory-mapped files): a search of a dozen clauses allocated a few hundred KB that way, and the
/// collector paid for it. Here a term is looked up once per search, and its postings are read through
/// one terms enum and one docs enum per field and segment, reused from term to term and from search to
/// search (kept per reader: a search takes a set of enums no other search is using, and gives it back
/// when disposed). Scores come from the searcher's similarity with the statistics <see cref="TermQuery"/>
/// would use: the same scores, without the weights, scorers and enums. One per search (not thread-safe).
/// </summary>
public sealed class Postings : IDisposable
{
    /// <summary>How many terms' lookups and weights a reader keeps (about 1.2 KB each).</summary>
    public const int TermsKept = 4096;

    private static readonly ConditionalWeakTable<IndexReader, Kept> PerReader = new();

    /// <summary>
    /// What a reader keeps between searches: sets of enums, each used by one search at a time; and each
    /// term's lookup and weight (BM25's for a term builds a table of 256 floats and a description string),
    /// which stay right as long as the reader, whose statistics they come from.
    /// </summary>
    private sealed class Kept
    {
        public readonly ConcurrentBag<Enums> Enums = [];
        public readonly BoundedCache<Term, TermContext> Contexts = new(TermsKept);
        public readonly BoundedCache<(Term Term, float Boost), Similarity.SimWeight> Weights = new(TermsKept);
    }

    /// <summary>A set of enums for one reader, used by one search at a time.</summary>
    private sealed class Enums
    {
        public readonly Dictionary<(int Leaf, string Field), TermsEnum?> Terms = [];
        public readonly Dictionary<(int Leaf, string Field), DocsEnum> Docs = [];
    }

    private readonly IndexSearcher _searcher;
    private readonly Kept _kept;
    private readonly Enums _enums;

    public Postings(IndexSearcher searcher)
    {
        _searcher = searcher;
        _kept = PerReader.GetValue(searcher.IndexReader, _ => new Kept());
        _enums = _kept.Enums.TryTake(out var enums) ? enums : new Enums();
    }

    /// <summary>Gives the enums back for the next search on the same reader.</summary>
    public void Dispose() => _kept.Enums.Add(_enums);

    public IndexSearcher Searcher => _searcher;

    public int DocFreq(Term term) => Context(term).DocFreq;

    /// <summary>The term's frequency and its place in each segment.</summary>
    public TermContext Context(Term term)
    {
        if (_kept.Contexts.TryGet(term, out var context)) return context;
        context = new TermContext(_searcher.TopReaderContext);
        foreach (var leaf in _searcher.IndexReader.Leaves)
        {
            var terms = TermsOf(leaf, term.Field);
            if (terms is not null && terms.SeekExact(term.Bytes)) context.Register(terms.GetTermState(), leaf.Ord, terms.DocFreq, terms.TotalTermFreq);
        }
        _kept.Contexts.Add(term, context);
        return context;
    }

    /// <summary>The term's weight with this boost, as <see cref="TermQuery"/> would weigh it alone.</summary>
    private Similarity.SimWeight Weight(Term term, float boost, TermContext context)
    {
        if (_kept.Weights.TryGet((term, boost), out var weight)) return weight;
        var similarity = _searcher.Similarity;
        weight = similarity.ComputeWeight(boost, _searcher.CollectionStatistics(term.Field), _searcher.TermStatistics(term, context));
        // As IndexSearcher.CreateNormalizedWeight does for a query of this one term.
        var norm = similarity.QueryNorm(weight.GetValueForNormalization());
        weight.Normalize(float.IsInfinity(norm) || float.IsNaN(norm) ? 1f : norm, 1f);
        _kept.Weights.Add((term, boost), weight);
        return weight;
    }

    /// <summary>
    /// A clause whose matches can be read and scored: a term directly, anything else (a phrase) through
    /// Lucene's weight. With BM25 the query norm is 1, so a clause weighed alone scores as it does in a
    /// boolean query without coordination.
    /// </summary>
    public Clause Prepare(Query query) =>
        query is TermQuery term ? new TermClause(this, term.Term, term.Boost) : new WeightClause(_searcher.CreateNormalizedWeight(query));

    private TermsEnum? TermsOf(AtomicReaderContext leaf, string field)
    {
        if (!_enums.Terms.TryGetValue((leaf.Ord, field), out var terms))
        {
            terms = leaf.AtomicReader.GetTerms(field)?.GetEnumerator();
            _enums.Terms[(leaf.Ord, field)] = terms;
        }
        return terms;
    }

    /// <summary>The term's postings in a segment (every document, deleted ones too), or null when it has none.</summary>
    private DocsEnum? Docs(AtomicReaderContext leaf, Term term, TermContext context)
    {
        var state = context.Get(leaf.Ord);
        if (state is null) return null;
        var terms = TermsOf(leaf, term.Field)!;
        terms.SeekExact(term.Bytes, state);
        var reuse = _enums.Docs.GetValueOrDefault((leaf.Ord, term.Field));
        var docs = terms.Docs(liveDocs: null, reuse, DocsFlags.FREQS);
        _enums.Docs[(leaf.Ord, term.Field)] = docs;
        return docs;
    }

    /// <summary>What a search reads of a clause, segment by segment.</summary>
    public abstract class Clause
    {
        /// <summary>Adds each match's score to <paramref name="scores"/>[doc] (all documents, deleted ones too), and marks it in <paramref name="bits"/>.</summary>
        public abstract void ReadAll(AtomicReaderContext leaf, float[] scores, FixedBitSet? bits);

        /// <summary>Adds to <paramref name="scores"/>[i] the score of <paramref name="docs"/>[i] (in the segment, ascending) where it matches.</summary>
        public abstract void ScoreEach(AtomicReaderContext leaf, ReadOnlySpan<int> docs, Span<float> scores);
    }

    private sealed class TermClause : Clause
    {
        /// <summary>Documents per block of postings (Lucene 4.1's format): a skip lands at the start of one.</summary>
        private const int SkipBlock = 128;

        private readonly Postings _postings;
        private readonly Term _term;
        private readonly TermContext _context;
        private readonly Similarity _similarity;
        private readonly Similarity.SimWeight _weight;

        public TermClause(Postings postings, Term term, float boost)
        {
            _postings = postings;
            _term = term;
            _context = postings.Context(term);
            _similarity = postings.Searcher.Similarity;
            _weight = postings.Weight(term, boost, _context);
        }

        public override void ReadAll(AtomicReaderContext leaf, float[] scores, FixedBitSet? bits)
        {
            var docs = _postings.Docs(leaf, _term, _context);
            if (docs is null) return;
            var scorer = _similarity.GetSimScorer(_weight, leaf);
            int doc;
            if (bits is null)
            {
                while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS) scores[doc] += scorer.Score(doc, docs.Freq);
                return;
            }
            while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
            {
                scores[doc] += scorer.Score(doc, docs.Freq);
                bits.Set(doc);
            }
        }

        public override void ScoreEach(AtomicReaderContext leaf, ReadOnlySpan<int> docs, Span<float> scores)
        {
            var postings = _postings.Docs(leaf, _term, _context);
            if (postings is null) return;
            var scorer = _similarity.GetSimScorer(_weight, leaf);
            var at = -1;
            if (_context.Get(leaf.Ord) is BlockTermState { DocFreq: var docFreq } && docFreq <= SkipBlock * docs.Length)
            {
                // As many blocks of postings as documents to score, or fewer: reading them in a row is
                // cheaper than the skip list, which is read (and its file cloned) for every term anew.
                for (var i = 0; i < docs.Length; i++)
                {
                    while (at < docs[i]) at = postings.NextDoc();
                    if (at == docs[i]) scores[i] += scorer.Score(at, postings.Freq);
                }
                return;
            }
            for (var i = 0; i < docs.Length; i++)
            {
                if (at < docs[i]) at = postings.Advance(docs[i]);
                if (at == docs[i]) scores[i] += scorer.Score(at, postings.Freq);
            }
        }
    }

    private sealed class WeightClause(Weight weight) : Clause
    {
        public override void ReadAll(AtomicReaderContext leaf, float[] scores, FixedBitSet? bits)
        {
            var scorer = weight.GetScorer(leaf, acceptDocs: null);
            if (scorer is null) return;
            int doc;
            while ((doc = scorer.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
            {
                scores[doc] += scorer.GetScore();
                bits?.Set(doc);
            }
        }

        public override void ScoreEach(AtomicReaderContext leaf, ReadOnlySpan<int> docs, Span<float> scores)
        {
            var scorer = weight.GetScorer(leaf, acceptDocs: null);
            if (scorer is null) return;
            var at = -1;
            for (var i = 0; i < docs.Length; i++)
            {
                if (at < docs[i]) at = scorer.Advance(docs[i]);
                if (at == docs[i]) scores[i] += scorer.GetScore();
            }
        }
    }
}
