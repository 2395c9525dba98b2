using System.Runtime.CompilerServices;
using GuongSang.Search.Analysis;
using GuongSang.Search.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace GuongSang.Search.Searching;

/// <summary>
/// "Có phải bạn muốn tìm …": for each syllable the index does not know, the known syllable nearest to it
/// (edit distance on folded letters, at most 1 for short syllables and 2 for longer), the most common
/// on a tie. Runs only when a search found nothing, so it may read the whole vocabulary.
/// </summary>
public static class Corrections
{
    public static List<Syllable>? Suggest(IndexReader reader, IReadOnlyList<Syllable> terms)
    {
        var changed = false;
        var result = new List<Syllable>(terms.Count);
        List<(string Exact, string Folded, int Freq)>? vocabulary = null;
        foreach (var term in terms)
        {
            if (Known(reader, term))
            {
                result.Add(term);
                continue;
            }
            vocabulary ??= Vocabularies.GetValue(reader, Vocabulary);
            var maxEdits = term.Folded.Length <= 4 ? 1 : 2;
            var best = vocabulary
                .Select(v => (v.Exact, v.Folded, v.Freq, Distance: Distance(term.Folded, v.Folded, maxEdits)))
                .Where(v => v.Distance <= maxEdits)
                .OrderBy(v => v.Distance).ThenByDescending(v => v.Freq).FirstOrDefault();
            if (best.Exact is null)
            {
                result.Add(term);
                continue;
            }
            result.Add(new Syllable(best.Exact, best.Folded));
            changed = true;
        }
        return changed ? result : null;
    }

    private static bool Known(IndexReader reader, Syllable s) =>
        reader.DocFreq(new Term(SearchFields.Suffix(SearchFields.All, TextForm.Folded), s.Folded)) > 0;

    /// <summary>Read once per index version: misspelt queries must not each scan the whole vocabulary.</summary>
    private static readonly ConditionalWeakTable<IndexReader, List<(string Exact, string Folded, int Freq)>> Vocabularies = new();

    /// <summary>The exact syllables the index knows, with their document frequency.</summary>
    private static List<(string Exact, string Folded, int Freq)> Vocabulary(IndexReader reader)
    {
        var byTerm = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in new[] { SearchFields.All })
        {
            var terms = MultiFields.GetTerms(reader, field);
            if (terms is null) continue;
            var e = terms.GetEnumerator();
            while (e.MoveNext())
            {
                var text = e.Term.Utf8ToString();
                if (text.Length > 20 || char.IsDigit(text[0])) continue;
                byTerm[text] = byTerm.GetValueOrDefault(text) + e.DocFreq;
            }
        }
        return [.. byTerm.Select(kv => (kv.Key, SearchText.Fold(kv.Key), kv.Value))];
    }

    /// <summary>Levenshtein distance, giving up above <paramref name="max"/>.</summary>
    internal static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > max) return max + 1;
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
