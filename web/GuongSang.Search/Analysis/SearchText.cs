using System.Globalization;
using System.Text;
using GuongSang.Content.Text;

namespace GuongSang.Search.Analysis;

/// <summary>
/// What search does to one word before indexing or matching it: the stored-text rules of
/// <see cref="VietnameseText.Clean"/> (NFC, Ð→Đ, new tone placement) plus the i/y spelling pairs
/// (kĩ/kỹ, lí/lý, quí/quý) that stored text keeps as written but a reader may type either way.
/// </summary>
public static class SearchText
{
    /// <summary>Consonants after which a final i and y are the same syllable ("kĩ"/"kỹ", "lí"/"lý", "mĩ"/"mỹ").</summary>
    private const string IyConsonants = "bdđhklmnrstvx";

    private static readonly char[] FoldTable = BuildFoldTable();

    /// <summary>One word (letters, digits and marks only) in its search form, case kept.</summary>
    public static string NormalizeWord(string word)
    {
        var s = word.Normalize(NormalizationForm.FormC).Replace('\u00D0', 'Đ').Replace('\u00F0', 'đ');
        s = VietnameseText.NormalizeTonePlacement(s);
        return NormalizeIy(s);
    }

    /// <summary>"kỹ" → "kĩ", "Lý" → "Lí", "quí" → "quý": one spelling for the pairs people write both ways.</summary>
    internal static string NormalizeIy(string s)
    {
        if (s.Length == 2 && IyConsonants.Contains(char.ToLowerInvariant(s[0])))
        {
            var (vowel, tone) = Split(s[1]);
            if (vowel is 'y' or 'Y') return s[0] + Compose(vowel == 'y' ? 'i' : 'I', tone);
        }
        else if (s.Length == 3 && char.ToLowerInvariant(s[0]) == 'q' && char.ToLowerInvariant(s[1]) == 'u')
        {
            var (vowel, tone) = Split(s[2]);
            if (vowel is 'i' or 'I') return s[..2] + Compose(vowel == 'i' ? 'y' : 'Y', tone);
        }
        return s;
    }

    private static (char Vowel, string Tone) Split(char c)
    {
        var d = c.ToString().Normalize(NormalizationForm.FormD);
        return (d[0], d[1..]);
    }

    private static string Compose(char vowel, string tone) => (vowel + tone).Normalize(NormalizationForm.FormC);

    /// <summary>
    /// Same result as <see cref="VietnameseText.Fold"/> (lower case, no marks, đ→d) by table, because
    /// the indexer folds every token of every story. Combining marks left over from NFD are dropped.
    /// </summary>
    public static string Fold(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c < FoldTable.Length)
            {
                var f = FoldTable[c];
                if (f != '\0') sb.Append(f);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// One word (a run of word characters, as the tokenizer cuts it) as the folded index field holds it,
    /// written into <paramref name="destination"/>: folded by table, then the i/y pairs ("kỹ" → "ki",
    /// "quí" → "quy"). Folding first is the same as normalising first: tone placement disappears with the
    /// marks. Returns the length, or -1 when the destination is too short.
    /// </summary>
    public static int FoldWord(ReadOnlySpan<char> word, Span<char> destination)
    {
        var n = 0;
        foreach (var c in word)
        {
            char f;
            if (c < FoldTable.Length)
            {
                f = c is '\u00D0' or '\u00F0' ? 'd' : FoldTable[c];
                if (f == '\0') continue;
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            else
            {
                f = char.ToLowerInvariant(c);
            }
            if (n == destination.Length) return -1;
            destination[n++] = f;
        }
        if (n == 2 && destination[1] == 'y' && IyConsonants.Contains(destination[0])) destination[1] = 'i';
        else if (n == 3 && destination[0] == 'q' && destination[1] == 'u' && destination[2] == 'i') destination[2] = 'y';
        return n;
    }

    /// <summary>True when the word carries a Vietnamese mark or đ, i.e. the reader typed diacritics.</summary>
    public static bool HasDiacritics(string word) => !string.Equals(Fold(word), word.ToLowerInvariant(), StringComparison.Ordinal);

    private static char[] BuildFoldTable()
    {
        // Latin, Latin Extended and the Vietnamese block (U+1EA0–U+1EF9); '\0' means "drop".
        var table = new char[0x2000];
        for (var i = 0; i < table.Length; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c)) continue;
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var folded = VietnameseText.Fold(c.ToString());
            table[i] = folded.Length == 1 ? folded[0] : char.ToLowerInvariant(c);
        }
        return table;
    }
}
