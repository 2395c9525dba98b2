using System.Diagnostics;
using GuongSang.Content;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GuongSang.Search.Indexing;

/// <summary>
/// The one writer of the site's search index: opens it (rebuilding a missing or damaged one from the
/// database, in the background), then follows the database's <see cref="ContentChange"/> log every
/// <see cref="SearchOptions.PollInterval"/>. Changes written by any process (the site, the importer)
/// reach search this way; a "SearchIndex" row in the log asks for a full rebuild.
/// </summary>
public sealed class SearchIndexer(
    SearchIndex index, SearchDocumentSource source, IndexerStatus status, DataFolder dataFolder, SearchOptions options, ILogger<SearchIndexer> logger)
    : BackgroundService
{
    /// <summary>
    /// The indexer's own database context, outside the request pipeline's (its background reads are
    /// nobody's page: they must not show in a page's SQL command count).
    /// </summary>
    private GuongSangDb OpenDb() => ContentServiceCollectionExtensions.CreateDb(dataFolder, "chi-muc-tim-kiem");

    /// <summary>The change-log entity type of an operator's rebuild request.</summary>
    public const string RebuildRequest = "SearchIndex";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            if (index.Open()) await RebuildAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            index.MarkFailed();
            logger.LogError(e, "Không mở được chỉ mục tìm kiếm ở {Path}.", index.Path);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ApplyPendingChangesAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be busy (an import in progress): try again on the next round.
                logger.LogWarning(e, "Chưa cập nhật được chỉ mục tìm kiếm; thử lại sau.");
            }
            try
            {
                await Task.Delay(options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Applies every change logged after the index's last one; returns how many log rows it read.</summary>
    public async Task<int> ApplyPendingChangesAsync(CancellationToken ct)
    {
        var read = 0;
        while (true)
        {
            await using var db = OpenDb();
            var last = index.LastAppliedChange;
            var changes = await db.ContentChanges.Where(c => c.Id > last).OrderBy(c => c.Id).Take(1000).ToListAsync(ct);
            if (changes.Count == 0)
            {
                status.Progressed();
                return read;
            }
            read += changes.Count;
            if (changes.Any(c => c.EntityType == RebuildRequest))
            {
                logger.LogInformation("Có yêu cầu dựng lại chỉ mục tìm kiếm.");
                await RebuildAsync(ct);
                continue;
            }

            var ids = changes.Where(c => c.EntityType == nameof(Exemplar)).Select(c => c.EntityId).ToHashSet();
            var articleIds = changes.Where(c => c.EntityType == nameof(Article)).Select(c => c.EntityId).ToHashSet();
            foreach (var (type, id) in changes.Where(c => c.EntityType is not (nameof(Exemplar) or nameof(Article))).Select(c => (c.EntityType, c.EntityId)).Distinct())
            {
                var dependents = await source.DependentsAsync(db, type, id, ct);
                ids.UnionWith(dependents.Exemplars);
                articleIds.UnionWith(dependents.Articles);
            }
            var failuresBefore = status.FailureCount;
            var docs = await source.LoadAsync(db, ids, ct);
            foreach (var doc in docs) Write(nameof(Exemplar), doc.Id, SearchDocument.KeyTerm(doc.Id), doc.ToLucene);
            foreach (var gone in ids.Except(docs.Select(d => d.Id))) Remove(nameof(Exemplar), gone, SearchDocument.KeyTerm(gone), failuresBefore);

            var articles = await source.LoadArticlesAsync(db, articleIds, ct);
            foreach (var article in articles) Write(nameof(Article), article.Id, ArticleDocument.KeyTerm(article.Id), article.ToLucene);
            foreach (var gone in articleIds.Except(articles.Select(a => a.Id))) Remove(nameof(Article), gone, ArticleDocument.KeyTerm(gone), failuresBefore);
            index.Commit(changes[^1].Id);
            status.Progressed();
            logger.LogDebug("Chỉ mục tìm kiếm: {Updated} cập nhật, {Removed} gỡ, đến thay đổi {Last}.", docs.Count, ids.Count - docs.Count, changes[^1].Id);
        }
    }

    /// <summary>
    /// Writes one item's document. A document Lucene refuses (an <see cref="ArgumentException"/>, e.g. an
    /// immense term) is the item's fault: recorded, its old version removed, the others go on. Any other
    /// failure (disk, a closed writer) is the index's: it propagates and the whole round is tried again.
    /// </summary>
    private void Write(string type, int id, Term key, Func<Document> document, bool replace = true)
    {
        try
        {
            if (replace) index.Writer.UpdateDocument(key, document());
            else index.Writer.AddDocument(document());
            status.Indexed(type, id);
        }
        catch (ArgumentException e)
        {
            index.Writer.DeleteDocuments(key);
            status.Fail(type, id, e);
        }
    }

    /// <summary>Takes out an item that is no longer published, or whose document could not be built this round.</summary>
    private void Remove(string type, int id, Term key, long failuresBefore)
    {
        index.Writer.DeleteDocuments(key);
        status.Removed(type, id, failuresBefore);
    }

    /// <summary>
    /// Re-reads every published exemplar. Readers keep the previous index until the new one is committed.
    /// The change-log position is read first, so a change made meanwhile is applied again afterwards, not lost.
    /// </summary>
    public async Task RebuildAsync(CancellationToken ct)
    {
        index.MarkRebuilding();
        var watch = Stopwatch.StartNew();
        await using var db = OpenDb();
        var upTo = await db.ContentChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;
        var writer = index.Writer;
        writer.DeleteAll();
        status.ForgetFailures();
        var count = 0;
        await foreach (var batch in source.LoadAllAsync(db, ct))
        {
            // The writer is thread-safe: analysing on every core is what makes a rebuild fast.
            Parallel.ForEach(batch, new ParallelOptions { CancellationToken = ct }, doc => Write(nameof(Exemplar), doc.Id, SearchDocument.KeyTerm(doc.Id), doc.ToLucene, replace: false));
            count += batch.Count;
        }
        foreach (var article in await source.LoadAllArticlesAsync(db, ct)) Write(nameof(Article), article.Id, ArticleDocument.KeyTerm(article.Id), article.ToLucene, replace: false);
        writer.ForceMerge(1, doWait: true);
        index.Commit(upTo);
        index.MarkReady();
        status.Progressed();
        logger.LogInformation("Đã dựng lại chỉ mục tìm kiếm: {Count} gương điển hình (và các bài viết) trong {Seconds:0.0} s.", count, watch.Elapsed.TotalSeconds);
    }
}

public sealed class SearchOptions
{
    /// <summary>The configuration section the site reads these from.</summary>
    public const string Section = "GuongSang:Search";

    /// <summary>How often the change log is read; new content is searchable within about this long.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Changes waiting while the indexer has not moved on for this long: it is stuck, and the health check
    /// says so (unhealthy). Well above <see cref="PollInterval"/> and the time one batch of changes takes.
    /// </summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>More changes than this waiting: the indexer is falling behind (degraded), e.g. during a large import.</summary>
    public int MaxLag { get; set; } = 5000;

    /// <summary>
    /// How many recent answers (query, filters and page) are kept until the index next changes; 0 turns the
    /// cache off. A public site's searches repeat (the same names and movements after a news story): a
    /// repeated search costs a lookup instead of a search. About 30 KB an entry.
    /// </summary>
    public int ResultCacheSize { get; set; } = 500;

    /// <summary>
    /// Runs a search's first pass as one Lucene boolean query, as before <see cref="Searching.FirstPass"/>:
    /// same answers, a first pass 1.7 times slower on the benchmark's mix. For comparing the two (tests,
    /// benchmark); off in a site.
    /// </summary>
    public bool LuceneFirstPass { get; set; }
}
