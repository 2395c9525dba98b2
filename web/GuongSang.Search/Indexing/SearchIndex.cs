using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using Directory = Lucene.Net.Store.Directory;

namespace GuongSang.Search.Indexing;

public enum IndexState { Closed, Rebuilding, Ready, Failed }

/// <summary>
/// The index folder, its one <see cref="IndexWriter"/> and the <see cref="SearcherManager"/> readers
/// share. Only the site's <see cref="SearchIndexer"/> writes through it; nothing else in any process
/// opens a writer on this folder (the importer and the rebuild command leave requests in the database).
/// The last change-log id applied is kept in the commit's user data, so a restart carries on from there.
/// </summary>
public sealed class SearchIndex(string path, ILogger<SearchIndex> logger) : IDisposable
{
    public const string LastChangeKey = "lastChange";
    public const string SchemaKey = "schema";

    /// <summary>
    /// The layout of documents and fields. Change it whenever analysis or fields change: an index written
    /// by another version opens without error but would not match the new queries, so it is rebuilt.
    /// </summary>
    public const string Schema = "7";

    private static readonly Similarity Scoring = new BM25Similarity();

    private Directory? _directory;
    private IndexWriter? _writer;
    private SearcherManager? _searchers;

    public string Path { get; } = path;

    public IndexState State { get; private set; } = IndexState.Closed;

    /// <summary>The id of the last <c>ContentChange</c> whose effect is committed in the index.</summary>
    public long LastAppliedChange { get; private set; }

    /// <summary>Opens the index, or creates an empty one when it is missing or unreadable. True if it must be rebuilt.</summary>
    public bool Open()
    {
        try
        {
            var (lastChange, schema) = OpenWriter(OpenMode.APPEND);
            if (lastChange is not null && schema == Schema)
            {
                LastAppliedChange = lastChange.Value;
                State = IndexState.Ready;
                return false;
            }
            if (lastChange is null) logger.LogWarning("Chỉ mục tìm kiếm chưa có ở {Path}: sẽ dựng từ cơ sở dữ liệu.", Path);
            else logger.LogWarning("Chỉ mục tìm kiếm ở {Path} theo cấu trúc cũ ({Old}, nay {New}): sẽ dựng lại từ cơ sở dữ liệu.", Path, schema, Schema);
        }
        catch (Exception e) when (e is not LockObtainFailedException)
        {
            logger.LogWarning(e, "Chỉ mục tìm kiếm ở {Path} hỏng hoặc không đọc được: xóa và dựng lại từ cơ sở dữ liệu.", Path);
        }
        CloseAll();
        if (System.IO.Directory.Exists(Path)) System.IO.Directory.Delete(Path, recursive: true);
        OpenWriter(OpenMode.CREATE);
        LastAppliedChange = 0;
        State = IndexState.Rebuilding;
        return true;
    }

    /// <summary>Opens writer and searchers; the last applied change (null if none is recorded) and the schema.</summary>
    private (long? LastChange, string? Schema) OpenWriter(OpenMode mode)
    {
        System.IO.Directory.CreateDirectory(Path);
        SearchCodec.Register();
        _directory = new UntrackedMMapDirectory(Path);
        if (mode == OpenMode.APPEND && !DirectoryReader.IndexExists(_directory)) return (null, null);
        var config = new IndexWriterConfig(Analysis.VietnameseAnalyzer.Version, SearchFields.CreateAnalyzer())
        {
            OpenMode = mode,
            Similarity = Scoring,
            RAMBufferSizeMB = 48,
            Codec = new SearchCodec(),
        };
        // Takes the write lock first: an index another process is writing is never touched.
        _writer = new IndexWriter(_directory, config);
        if (mode == OpenMode.CREATE) _writer.Commit();
        var recorded = Recorded(_writer.CommitData);
        // An index of another schema may be in another format: only its commit is read, no segment opened.
        if (mode == OpenMode.APPEND && recorded.Schema != Schema) return recorded;
        // Opening a reader reads every segment's metadata: a damaged index fails here, not on a reader's request.
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new BM25SearcherFactory());
        return recorded;
    }

    /// <summary>What a commit recorded: the last applied change (null if none) and the schema.</summary>
    private static (long? LastChange, string? Schema) Recorded(IDictionary<string, string>? data)
    {
        var lastChange = data is not null && data.TryGetValue(LastChangeKey, out var text) &&
                         long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            ? last
            : (long?)null;
        return (lastChange, data is not null && data.TryGetValue(SchemaKey, out var schema) ? schema : null);
    }

    public IndexWriter Writer => _writer ?? throw new InvalidOperationException("The search index is not open.");

    /// <summary>Makes what was written durable and visible, recording the change-log position it reflects.</summary>
    public void Commit(long lastAppliedChange)
    {
        Writer.SetCommitData(new Dictionary<string, string>
        {
            [LastChangeKey] = lastAppliedChange.ToString(CultureInfo.InvariantCulture),
            [SchemaKey] = Schema,
        });
        Writer.Commit();
        LastAppliedChange = lastAppliedChange;
        _searchers!.MaybeRefreshBlocking();
    }

    public void MarkRebuilding() => State = IndexState.Rebuilding;

    public void MarkReady() => State = IndexState.Ready;

    public void MarkFailed() => State = IndexState.Failed;

    /// <summary>Runs a search on the current reader; null while the index is not open.</summary>
    public T? Search<T>(Func<IndexSearcher, T> search)
    {
        var searchers = _searchers;
        if (searchers is null) return default;
        IndexSearcher searcher;
        try
        {
            searcher = searchers.Acquire();
        }
        catch (ObjectDisposedException)
        {
            // Reopened at this very moment (start-up, damaged index): answer as "not ready".
            return default;
        }
        try
        {
            return search(searcher);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private void CloseAll()
    {
        _searchers?.Dispose();
        _searchers = null;
        _writer?.Dispose();
        _writer = null;
        _directory?.Dispose();
        _directory = null;
    }

    public void Dispose()
    {
        CloseAll();
        State = IndexState.Closed;
    }

    private sealed class BM25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Scoring };
    }
}
