using System.Reflection;
using GuongSang.Search.Analysis;
using GuongSang.Search.Indexing;
using GuongSang.Search.Searching;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace GuongSang.Search.Tests;

/// <summary>
/// The search's own reading of postings must score exactly as Lucene's TermQuery does, its top-k must
/// keep what Lucene's collector keeps, and the untracked directory must read what it is asked.
/// </summary>
public sealed class PostingsTests
{
    private static readonly string[] Words = ["xã", "gia", "đình", "văn", "hóa", "hiến", "máu", "tình", "nguyện", "khuyến", "học"];

    /// <summary>
    /// Stories over three segments (commits without merging), some deleted; in the last, words are in
    /// more than one block of postings (128), so reading them can skip.
    /// </summary>
    private static TestIndex Corpus()
    {
        var random = new Random(41);
        var index = new TestIndex([]);
        for (var id = 1; id <= 600; id++)
        {
            var text = string.Join(' ', Enumerable.Range(0, random.Next(2, 30)).Select(_ => Words[random.Next(Words.Length)]));
            index.Index.Writer.AddDocument(TestIndex.Document(id, "Người " + id, text).ToLucene());
            if (id is 80 or 160) index.Index.Commit(id);
        }
        index.Index.Writer.DeleteDocuments(SearchDocument.KeyTerm(7));
        index.Index.Commit(600);
        return index;
    }

    [Fact]
    public void A_term_read_directly_scores_each_document_as_lucenes_term_query_does()
    {
        using var index = Corpus();
        index.Index.Search(searcher =>
        {
            Assert.Equal(3, searcher.IndexReader.Leaves.Count);
            using var postings = new Postings(searcher);
            var random = new Random(47);
            var fields = new[] { TextForm.Folded, TextForm.Exact }.Select(f => SearchFields.Suffix(SearchFields.All, f));
            foreach (var (field, word, boost) in fields.SelectMany(f => Words.Select((w, i) => (f, w, 1f + i % 4))))
            {
                var text = field.EndsWith("_f", StringComparison.Ordinal) ? SearchText.Fold(word) : word;
                var query = new TermQuery(new Term(field, text)) { Boost = boost };
                var expected = Scores(searcher, query);
                Assert.NotEmpty(expected);
                var clause = postings.Prepare(query);
                foreach (var leaf in searcher.IndexReader.Leaves)
                {
                    // Every document, deleted ones too (the first pass checks deletions itself).
                    var scores = new float[leaf.AtomicReader.MaxDoc];
                    var bits = new Lucene.Net.Util.FixedBitSet(leaf.AtomicReader.MaxDoc);
                    clause.ReadAll(leaf, scores, bits);
                    // Scored all at once (postings read in a row), and one at a time (postings skipped).
                    var every = Enumerable.Range(0, leaf.AtomicReader.MaxDoc).ToArray();
                    var each = new float[every.Length];
                    clause.ScoreEach(leaf, every, each);
                    var few = every.Where(_ => random.Next(40) == 0).ToArray();
                    var fewScores = new float[few.Length];
                    for (var i = 0; i < few.Length; i++) clause.ScoreEach(leaf, few.AsSpan(i, 1), fewScores.AsSpan(i, 1));
                    foreach (var doc in every)
                    {
                        var want = expected.GetValueOrDefault(leaf.DocBase + doc);
                        Assert.True(want == scores[doc] && want == each[doc] && (want > 0) == bits.Get(doc),
                            $"{query} doc {leaf.DocBase + doc}: Lucene {want}, read {scores[doc]}, each {each[doc]}");
                    }
                    for (var i = 0; i < few.Length; i++) Assert.Equal(expected.GetValueOrDefault(leaf.DocBase + few[i]), fewScores[i]);
                }
            }
            return true;
        });
    }

    [Fact]
    public void Weights_kept_between_searches_follow_the_index_when_it_changes()
    {
        using var index = Corpus();
        var query = new TermQuery(new Term(SearchFields.Suffix(SearchFields.All, TextForm.Folded), "hien")) { Boost = 2 };
        Dictionary<int, float> Read() => index.Index.Search(searcher =>
        {
            using var postings = new Postings(searcher);
            var clause = postings.Prepare(query);
            var scores = new Dictionary<int, float>();
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var leafScores = new float[leaf.AtomicReader.MaxDoc];
                clause.ReadAll(leaf, leafScores, bits: null);
                for (var doc = 0; doc < leafScores.Length; doc++)
                {
                    if (leafScores[doc] > 0) scores[leaf.DocBase + doc] = leafScores[doc];
                }
            }
            Assert.Equal(Scores(searcher, query), scores);
            return scores;
        })!;

        var before = Read();
        // Fewer stories without "hiến" make it weigh less: each score changes.
        for (var id = 1000; id < 1300; id++) index.Index.Writer.AddDocument(TestIndex.Document(id, "Người " + id, "hiến máu").ToLucene());
        index.Index.Commit(1300);
        var after = Read();
        Assert.NotEmpty(before);
        Assert.All(before, b => Assert.NotEqual(b.Value, after[b.Key]));
    }

    /// <summary>Lucene's own scores of a query, per document (deleted ones included), without a collector.</summary>
    private static Dictionary<int, float> Scores(IndexSearcher searcher, Query query)
    {
        var weight = searcher.CreateNormalizedWeight(query);
        var scores = new Dictionary<int, float>();
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var scorer = weight.GetScorer(leaf, acceptDocs: null);
            if (scorer is null) continue;
            int doc;
            while ((doc = scorer.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS) scores[leaf.DocBase + doc] = scorer.GetScore();
        }
        return scores;
    }

    [Fact]
    public void The_best_documents_are_those_lucenes_collector_keeps_ties_going_to_the_lower_document()
    {
        var random = new Random(43);
        for (var round = 0; round < 200; round++)
        {
            var size = random.Next(1, 40);
            var count = random.Next(0, 120);
            // Few distinct scores: many ties.
            var scores = Enumerable.Range(0, count).Select(_ => (float)random.Next(0, 6)).ToArray();
            var best = new BestDocs(size);
            var lucene = TopScoreDocCollector.Create(size, docsScoredInOrder: true);
            var scorer = new FixedScores(scores);
            lucene.SetScorer(scorer);
            for (var doc = 0; doc < count; doc++)
            {
                scorer.Doc = doc;
                lucene.Collect(doc);
                best.Offer(doc, scores[doc]);
            }
            var expected = lucene.GetTopDocs().ScoreDocs.Select(d => (d.Doc, d.Score));
            Assert.Equal(expected, best.ToScoreDocs().Select(d => (d.Doc, d.Score)));
        }
    }

    private sealed class FixedScores(float[] scores) : Scorer(null)
    {
        public int Doc { get; set; }

        public override int DocID => Doc;

        public override float GetScore() => scores[Doc];

        public override int Freq => 1;

        public override int NextDoc() => throw new NotSupportedException();

        public override int Advance(int target) => throw new NotSupportedException();

        public override long GetCost() => 0;
    }

    [Fact]
    public void Files_and_their_clones_are_read_whole_without_tracking_the_clones()
    {
        // The guard of a recorded decision: the directory empties a private Lucene.Net field by reflection, so
        // only reflection can see that it did. A Lucene.Net without that field fails here, loudly, and the
        // decision must be revisited; the reads below are the behaviour that must hold either way.
        Assert.True(UntrackedMMapDirectory.Untracks, "this Lucene.Net should have the clone table the directory leaves out");
        var clones = typeof(ByteBufferIndexInput).GetField("clones", BindingFlags.NonPublic | BindingFlags.Instance)!;
        var path = Path.Combine(Path.GetTempPath(), "guongsang-mmap-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var directory = new UntrackedMMapDirectory(path);
            var bytes = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();
            using (var output = directory.CreateOutput("plain", IOContext.DEFAULT)) output.WriteBytes(bytes, bytes.Length);
            // A compound file holds others, read as slices of it.
            using (var compound = new CompoundFileDirectory(directory, "c.cfs", IOContext.DEFAULT, openForWrite: true))
            {
                using var inner = compound.CreateOutput("inner", IOContext.DEFAULT);
                inner.WriteBytes(bytes, 100, 3000);
            }

            using var plain = directory.OpenInput("plain", IOContext.DEFAULT);
            using var compoundReader = new CompoundFileDirectory(directory, "c.cfs", IOContext.DEFAULT, openForWrite: false);
            using var slice = compoundReader.OpenInput("inner", IOContext.DEFAULT);
            foreach (var (input, expected) in new[] { (plain, bytes), (slice, bytes[100..3100]) })
            {
                input.Seek(10);
                var clone = (IndexInput)input.Clone();
                Assert.Null(clones.GetValue(input));
                Assert.Null(clones.GetValue(clone));
                Assert.Equal(10, clone.Position);
                clone.Seek(0);
                var read = new byte[expected.Length];
                clone.ReadBytes(read, 0, read.Length);
                Assert.Equal(expected, read);
            }
        }
        finally
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
    }
}
