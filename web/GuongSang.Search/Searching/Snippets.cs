using System.Text;
using GuongSang.Search.Analysis;

namespace GuongSang.Search.Searching;

/// <summary>
/// A short passage of a story's text around the words that matched, those words in &lt;mark&gt;.
/// Words are matched in their folded form, so a word matched with or without its diacritics is marked
/// alike. Text is HTML-escaped before marking.
/// </summary>
public static class Snippets
{
    public const int Length = 240;

    /// <summary>
    /// Start and end offsets in <paramref name="text"/> of the words whose folded form (as the index folds
    /// them: <see cref="SearchText.FoldWord"/>) is one of <paramref name="foldedTerms"/>. Scanning the
    /// stored text is cheaper than reading term vectors, and marks words matched with or without their
    /// diacritics alike.
    /// </summary>
    public static List<(int Start, int End, string Term)> Matches(string text, HashSet<string> foldedTerms) => Matches(text, foldedTerms, []);

    private static List<(int Start, int End, string Term)> Matches(string text, HashSet<string> foldedTerms, List<(int Start, int End, string Term)> found)
    {
        if (foldedTerms.Count == 0) return found;
        var lookup = foldedTerms.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> folded = stackalloc char[64];
        var i = 0;
        while (i < text.Length)
        {
            if (!VietnameseCharFilter.IsWordChar(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && VietnameseCharFilter.IsWordChar(text[i])) i++;
            var length = SearchText.FoldWord(text.AsSpan(start, i - start), folded);
            if (length > 0 && lookup.TryGetValue(folded[..length], out var term)) found.Add((start, i, term));
        }
        return found;
    }

    /// <summary>A thread's list of matches, used again for each snippet it builds (common words match hundreds of times in a story).</summary>
    [ThreadStatic]
    private static List<(int Start, int End, string Term)>? t_matches;

    [ThreadStatic]
    private static StringBuilder? t_builder;

    [ThreadStatic]
    private static Dictionary<string, int>? t_inWindow;

    /// <summary>The best passage of <paramref name="text"/> for the words whose folded forms are <paramref name="foldedTerms"/>.</summary>
    public static string For(string text, HashSet<string> foldedTerms)
    {
        var matches = t_matches ??= [];
        matches.Clear();
        var snippet = Build(text, Matches(text, foldedTerms, matches));
        if (matches.Capacity > 4096) t_matches = null;
        return snippet;
    }

    /// <summary>The best passage: the one with the most different matched words, then the most matches.</summary>
    public static string Build(string text, List<(int Start, int End, string Term)> matches, int length = Length)
    {
        if (text.Length == 0) return "";
        matches.Sort((a, b) => a.Start.CompareTo(b.Start));
        var bestStart = BestWindowStart(matches, length - 40);

        // Start a little before the first match, at a word boundary.
        var start = matches.Count == 0 ? 0 : Math.Max(0, bestStart - 40);
        if (start > 0)
        {
            var space = text.IndexOf(' ', start);
            start = space >= 0 && space < bestStart ? space + 1 : start;
        }
        var end = Math.Min(text.Length, start + length);
        if (end < text.Length)
        {
            var space = text.LastIndexOf(' ', end);
            if (space > start + length / 2) end = space;
        }

        // A thread's builder, used again (a snippet grows past its first chunk with its marks and escapes).
        var sb = t_builder ??= new StringBuilder(Length * 2);
        sb.Clear();
        if (start > 0) sb.Append('…');
        var at = start;
        foreach (var (mStart, mEnd, _) in matches)
        {
            if (mStart < at || mEnd > end) continue;
            AppendEscaped(sb, text.AsSpan(at, mStart - at));
            sb.Append("<mark>");
            AppendEscaped(sb, text.AsSpan(mStart, mEnd - mStart));
            sb.Append("</mark>");
            at = mEnd;
        }
        AppendEscaped(sb, text.AsSpan(at, end - at));
        if (end < text.Length) sb.Append('…');
        return sb.Replace('\n', ' ').ToString();
    }

    /// <summary>
    /// Where the window of <paramref name="span"/> characters that holds the most different matched words
    /// (then the most matches) begins: at a match, the first such one. Matches are words, sorted and not
    /// overlapping, so one pass with a window that only moves forward finds it.
    /// </summary>
    private static int BestWindowStart(List<(int Start, int End, string Term)> matches, int span)
    {
        var bestStart = 0;
        var bestScore = (-1, -1);
        var inWindow = t_inWindow ??= new Dictionary<string, int>(StringComparer.Ordinal);
        inWindow.Clear();
        var next = 0;
        for (var i = 0; i < matches.Count; i++)
        {
            var windowEnd = matches[i].Start + span;
            for (; next < matches.Count && matches[next].End <= windowEnd; next++)
            {
                inWindow[matches[next].Term] = inWindow.GetValueOrDefault(matches[next].Term) + 1;
            }
            var score = (inWindow.Count, next - i);
            if (score.CompareTo(bestScore) > 0)
            {
                bestScore = score;
                bestStart = matches[i].Start;
            }
            // Match i leaves the window before the next one starts (it was in it, if anything was).
            if (next > i && --inWindow[matches[i].Term] == 0) inWindow.Remove(matches[i].Term);
        }
        return bestStart;
    }

    /// <summary>HTML-escapes the five markup characters only; Vietnamese letters stay readable (the page is UTF-8).</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        AppendEscaped(sb, text);
        return sb.ToString();
    }

    private static void AppendEscaped(StringBuilder sb, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
    }
}
