using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace GuongSang.Search.Searching;

/// <summary>
/// Counts, for every hit, the values of some doc-values fields, sorted (one value per document) or
/// sorted-set (several), as Lucene.Net.Facet is not available here. Per segment it counts ordinals,
/// then turns them into values once.
/// </summary>
public sealed class FacetCounter(IReadOnlyList<string> fields) : ICollector
{
    private readonly Dictionary<string, int>[] _counts = [.. fields.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
    private readonly SortedDocValues?[] _single = new SortedDocValues?[fields.Count];
    private readonly SortedSetDocValues?[] _values = new SortedSetDocValues?[fields.Count];
    private readonly int[][] _ordCounts = new int[fields.Count][];

    public IReadOnlyDictionary<string, int> CountsOf(string field)
    {
        Flush();
        return _counts[IndexOf(field)];
    }

    private int IndexOf(string field)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i] == field) return i;
        }
        throw new ArgumentException($"Field {field} is not counted.", nameof(field));
    }

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        for (var i = 0; i < fields.Count; i++)
        {
            var single = context.AtomicReader.GetSortedDocValues(fields[i]);
            if (single is not null)
            {
                _single[i] = single;
                _ordCounts[i] = new int[single.ValueCount];
                continue;
            }
            var values = context.AtomicReader.GetSortedSetDocValues(fields[i]);
            _values[i] = values;
            _ordCounts[i] = values is null ? [] : new int[values.ValueCount];
        }
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            var single = _single[i];
            if (single is not null)
            {
                var o = single.GetOrd(doc);
                if (o >= 0) _ordCounts[i][o]++;
                continue;
            }
            var values = _values[i];
            if (values is null) continue;
            values.SetDocument(doc);
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) _ordCounts[i][ord]++;
        }
    }

    public bool AcceptsDocsOutOfOrder => true;

    private void Flush()
    {
        var bytes = new BytesRef();
        for (var i = 0; i < _values.Length; i++)
        {
            var single = _single[i];
            var values = _values[i];
            if (single is null && values is null) continue;
            var counts = _ordCounts[i];
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] == 0) continue;
                if (single is not null) single.LookupOrd(ord, bytes);
                else values!.LookupOrd(ord, bytes);
                var key = bytes.Utf8ToString();
                _counts[i][key] = _counts[i].GetValueOrDefault(key) + counts[ord];
                counts[ord] = 0;
            }
            _single[i] = null;
            _values[i] = null;
        }
    }
}
