using System.Diagnostics;
using GuongSang.Content;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
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
    SearchIndex index, SearchDocumentSource source, DataFolder dataFolder, SearchOptions options, ILogger<SearchIndexer> logger)
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
            if (changes.Count == 0) return read;
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
            var docs = await source.LoadAsync(db, ids, ct);
            foreach (var doc in docs) index.Writer.UpdateDocument(SearchDocument.KeyTerm(doc.Id), doc.ToLucene());
            foreach (var gone in ids.Except(docs.Select(d => d.Id))) index.Writer.DeleteDocuments(SearchDocument.KeyTerm(gone));

            var articles = await source.LoadArticlesAsync(db, articleIds, ct);
            foreach (var article in articles) index.Writer.UpdateDocument(ArticleDocument.KeyTerm(article.Id), article.ToLucene());
            foreach (var gone in articleIds.Except(articles.Select(a => a.Id))) index.Writer.DeleteDocuments(ArticleDocument.KeyTerm(gone));
            index.Commit(changes[^1].Id);
            logger.LogDebug("Chỉ mục tìm kiếm: {Updated} cập nhật, {Removed} gỡ, đến thay đổi {Last}.", docs.Count, ids.Count - docs.Count, changes[^1].Id);
        }
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
        var count = 0;
        await foreach (var batch in source.LoadAllAsync(db, ct))
        {
            // The writer is thread-safe: analysing on every core is what makes a rebuild fast.
            Parallel.ForEach(batch, new ParallelOptions { CancellationToken = ct }, doc => writer.AddDocument(doc.ToLucene()));
            count += batch.Count;
        }
        foreach (var article in await source.LoadAllArticlesAsync(db, ct)) writer.AddDocument(article.ToLucene());
        writer.ForceMerge(1, doWait: true);
        index.Commit(upTo);
        index.MarkReady();
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
