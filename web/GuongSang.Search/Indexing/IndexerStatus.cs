using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuongSang.Search.Indexing;

/// <summary>An item the indexer could not put in the index (it is left out of search until it can).</summary>
public sealed record IndexFailure(string Type, int Id, string Reason, DateTime At, long Sequence);

/// <summary>
/// What the <see cref="SearchIndexer"/> reports about itself for the health check: the items it had to
/// leave out, and when it last kept up with the change log. One bad item is recorded and skipped; it
/// never holds back the changes after it.
/// </summary>
public sealed class IndexerStatus(ILogger<IndexerStatus>? logger = null)
{
    private readonly ConcurrentDictionary<(string Type, int Id), IndexFailure> _failures = new();
    private readonly ILogger _logger = logger ?? NullLogger<IndexerStatus>.Instance;
    private long _failureCount;
    private long _lastProgressTicks = DateTime.UtcNow.Ticks;

    /// <summary>Items left out of the index now, oldest first.</summary>
    public IReadOnlyList<IndexFailure> Failures => [.. _failures.Values.OrderBy(f => f.Sequence)];

    /// <summary>How many times an item failed since the site started (a counter: it only grows).</summary>
    public long FailureCount => Interlocked.Read(ref _failureCount);

    /// <summary>When the indexer last committed or found nothing waiting (UTC).</summary>
    public DateTime LastProgress => new(Interlocked.Read(ref _lastProgressTicks), DateTimeKind.Utc);

    /// <summary>Builds one item's document; a failure is recorded and gives null, so the other items go on.</summary>
    public T? Isolate<T>(string type, int id, Func<T> build) where T : class
    {
        try
        {
            return build();
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            Fail(type, id, e);
            return null;
        }
    }

    public void Fail(string type, int id, Exception e)
    {
        var sequence = Interlocked.Increment(ref _failureCount);
        _failures[(type, id)] = new IndexFailure(type, id, e.Message, DateTime.UtcNow, sequence);
        _logger.LogError(e, "Không đưa được {Type} {Id} vào chỉ mục tìm kiếm; bỏ qua mục này, các thay đổi khác vẫn được cập nhật.", type, id);
    }

    /// <summary>The item is in the index as it is now, or out of it because it is no longer published.</summary>
    public void Indexed(string type, int id) => _failures.TryRemove((type, id), out _);

    /// <summary>Like <see cref="Indexed"/>, unless the item failed after <paramref name="failureCountBefore"/> (in this round).</summary>
    public void Removed(string type, int id, long failureCountBefore)
    {
        if (_failures.TryGetValue((type, id), out var failure) && failure.Sequence <= failureCountBefore) _failures.TryRemove((type, id), out _);
    }

    /// <summary>A rebuild re-reads everything: earlier failures are tried again.</summary>
    public void ForgetFailures() => _failures.Clear();

    public void Progressed() => Interlocked.Exchange(ref _lastProgressTicks, DateTime.UtcNow.Ticks);
}
