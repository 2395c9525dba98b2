using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace GuongSang.Search.Searching;

/// <summary>
/// Counts, for every hit, the values of some doc-values fields, sorted (one value per document) or
/// sorted-set (several), as Lucene.Net.Facet is not available here. Each segment's ordinals are read
/// once into plain arrays (<see cref="SegmentOrdinals"/>), so counting a hit is an array increment;
/// per segment it counts ordinals, then turns them into values once.
/// </summary>
public sealed class FacetCounter(IReadOnlyList<string> fields) : ICollector
{
    private readonly Dictionary<string, int>[] _counts = [.. fields.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
    private readonly SegmentOrdinals?[] _segment = new SegmentOrdinals?[fields.Count];
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
            var segment = SegmentOrdinals.Of(context.AtomicReader, fields[i]);
            _segment[i] = segment;
            _ordCounts[i] = segment is null ? [] : new int[segment.Values.Length];
        }
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < _segment.Length; i++)
        {
            var segment = _segment[i];
            if (segment is null) continue;
            var counts = _ordCounts[i];
            if (segment.Starts is null)
            {
                var ord = segment.Ords[doc];
                if (ord >= 0) counts[ord]++;
                continue;
            }
            for (var k = segment.Starts[doc]; k < segment.Starts[doc + 1]; k++) counts[segment.Ords[k]]++;
        }
    }

    public bool AcceptsDocsOutOfOrder => true;

    private void Flush()
    {
        for (var i = 0; i < _segment.Length; i++)
        {
            var segment = _segment[i];
            if (segment is null) continue;
            var counts = _ordCounts[i];
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] == 0) continue;
                var key = segment.Values[ord];
                _counts[i][key] = _counts[i].GetValueOrDefault(key) + counts[ord];
                counts[ord] = 0;
            }
            _segment[i] = null;
        }
    }
}

/// <summary>
/// One segment's values of one facet field as arrays: for a sorted field, the ordinal of each document
/// (-1 for none); for a sorted-set field, each document's ordinals from <see cref="Starts"/>[doc] to
/// <see cref="Starts"/>[doc + 1]. Read once per segment core (segments never change; deletions do not
/// matter, deleted documents are never collected) and kept as long as the segment is open.
/// </summary>
public sealed class SegmentOrdinals
{
    private static readonly ConditionalWeakTable<object, Dictionary<string, SegmentOrdinals?>> Cache = new();

    private SegmentOrdinals(int[] ords, int[]? starts, string[] values)
    {
        Ords = ords;
        Starts = starts;
        Values = values;
    }

    public int[] Ords { get; }

    public int[]? Starts { get; }

    /// <summary>Each ordinal's value, as stored ("value\u001Flabel").</summary>
    public string[] Values { get; }

    /// <summary>The field's ordinals in this segment, or null when no document of it has the field.</summary>
    public static SegmentOrdinals? Of(AtomicReader reader, string field)
    {
        var perField = Cache.GetValue(reader.CoreCacheKey, _ => []);
        lock (perField)
        {
            if (!perField.TryGetValue(field, out var ordinals))
            {
                ordinals = Read(reader, field);
                perField[field] = ordinals;
            }
            return ordinals;
        }
    }

    private static SegmentOrdinals? Read(AtomicReader reader, string field)
    {
        var bytes = new BytesRef();
        var single = reader.GetSortedDocValues(field);
        if (single is not null)
        {
            var ords = new int[reader.MaxDoc];
            for (var doc = 0; doc < ords.Length; doc++) ords[doc] = single.GetOrd(doc);
            var values = new string[single.ValueCount];
            for (var ord = 0; ord < values.Length; ord++)
            {
                single.LookupOrd(ord, bytes);
                values[ord] = bytes.Utf8ToString();
            }
            return new SegmentOrdinals(ords, null, values);
        }
        var set = reader.GetSortedSetDocValues(field);
        if (set is null) return null;
        var starts = new int[reader.MaxDoc + 1];
        var all = new List<int>(reader.MaxDoc);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            starts[doc] = all.Count;
            set.SetDocument(doc);
            long ord;
            while ((ord = set.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) all.Add((int)ord);
        }
        starts[reader.MaxDoc] = all.Count;
        var setValues = new string[set.ValueCount];
        for (var ord = 0; ord < setValues.Length; ord++)
        {
            set.LookupOrd(ord, bytes);
            setValues[ord] = bytes.Utf8ToString();
        }
        return new SegmentOrdinals([.. all], starts, setValues);
    }
}
