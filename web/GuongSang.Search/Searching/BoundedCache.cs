using System.Collections.Concurrent;

namespace GuongSang.Search.Searching;

/// <summary>
/// A thread-safe map that holds at most <c>capacity</c> entries, dropping the oldest first. Search keeps
/// one per index reader (the index only changes by opening a new reader), so nothing in it is ever stale.
/// </summary>
public sealed class BoundedCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();
    private readonly ConcurrentQueue<TKey> _order = new();

    public int Count => _entries.Count;

    public bool TryGet(TKey key, out TValue value) => _entries.TryGetValue(key, out value!);

    /// <summary>Adds the entry, or replaces the value of one already there (it keeps its place in line).</summary>
    public void Add(TKey key, TValue value)
    {
        if (capacity <= 0) return;
        if (!_entries.TryAdd(key, value))
        {
            _entries[key] = value;
            return;
        }
        _order.Enqueue(key);
        while (_entries.Count > capacity && _order.TryDequeue(out var oldest)) _entries.TryRemove(oldest, out _);
    }
}
