using System.Globalization;
using System.Text;

namespace GuongSang.Content.Text;

/// <summary>
/// The one place for Vietnamese text rules: NFC, tone placement, folding and slugs.
/// The importer, the content layer and search all call these.
/// </summary>
public static class VietnameseText
{
    private const char CombiningGrave = '\u0300';
    private const char CombiningAcute = '\u0301';
    private const char CombiningTilde = '\u0303';
    private const char CombiningHook = '\u0309';
    private const char CombiningDotBelow = '\u0323';

    /// <summary>
    /// Text as we store it: NFC, new-style tone placement, the Icelandic Ð mistaken for Đ fixed,
    /// and nothing but ordinary spaces. Null stays null.
    /// </summary>
    public static string? Clean(string? text)
    {
        if (text is null) return null;
        var nfc = text.Normalize(NormalizationForm.FormC)
            .Replace('\u00D0', 'Đ')
            .Replace('\u00A0', ' ');
        return NormalizeTonePlacement(nfc).Trim();
    }

    /// <summary>
    /// Moves an old-style tone mark to where the common style puts it:
    /// "hoà" → "hòa", "khoẻ" → "khỏe", "thuỷ" → "thủy". Only open syllables ending in
    /// oa/oe/uy change ("hoàng", "quý" and "thuyền" already agree in both styles).
    /// </summary>
    public static string NormalizeTonePlacement(string text)
    {
        var s = text.Normalize(NormalizationForm.FormC);
        StringBuilder? sb = null;
        for (var i = 0; i + 1 < s.Length; i++)
        {
            var first = s[i];
            var lowerFirst = char.ToLowerInvariant(first);
            if (lowerFirst is not ('o' or 'u')) continue;
            var (vowel, tone) = SplitTone(s[i + 1]);
            if (tone == '\0') continue;
            var lowerVowel = char.ToLowerInvariant(vowel);
            var pairs = lowerFirst == 'o' ? lowerVowel is 'a' or 'e' : lowerVowel == 'y';
            if (!pairs) continue;
            // The syllable must end right after the pair.
            if (i + 2 < s.Length && char.IsLetter(s[i + 2])) continue;
            // In "qu" the u belongs to the consonant: "quý" keeps its mark on y.
            if (lowerFirst == 'u' && i > 0 && char.ToLowerInvariant(s[i - 1]) == 'q') continue;
            sb ??= new StringBuilder(s);
            sb[i] = $"{first}{tone}".Normalize(NormalizationForm.FormC)[0];
            sb[i + 1] = vowel;
        }
        return sb?.ToString() ?? s;
    }

    private static (char Base, char Tone) SplitTone(char c)
    {
        var d = c.ToString().Normalize(NormalizationForm.FormD);
        if (d.Length != 2) return (c, '\0');
        return d[1] is CombiningGrave or CombiningAcute or CombiningTilde or CombiningHook or CombiningDotBelow
            ? (d[0], d[1])
            : (c, '\0');
    }

    /// <summary>Lower case, no diacritics, đ → d: "Đội Văn nghệ Hoà Bình" → "doi van nghe hoa binh".</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var d = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(d.Length);
        foreach (var c in d)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c switch
            {
                'đ' or 'Đ' or 'Ð' or 'ð' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// A matching key: folded, with every run of non-letters and non-digits made one space.
    /// "Phong trào \"Dạy tốt, học tốt\"" → "phong trao day tot hoc tot".
    /// </summary>
    public static string Key(string? text)
    {
        var folded = Fold(text);
        var sb = new StringBuilder(folded.Length);
        var space = false;
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && sb.Length > 0) sb.Append(' ');
                sb.Append(c);
                space = false;
            }
            else
            {
                space = true;
            }
        }
        return sb.ToString();
    }

    /// <summary>URL slug: "Đội văn nghệ" → "doi-van-nghe". Never empty.</summary>
    public static string Slug(string? text, int maxLength = 80)
    {
        var key = Key(text).Replace(' ', '-');
        if (key.Length > maxLength)
        {
            key = key[..maxLength];
            var cut = key.LastIndexOf('-');
            if (cut > maxLength / 2) key = key[..cut];
        }
        return key.Length == 0 ? "-" : key;
    }

    /// <summary>
    /// Fails loudly when the runtime cannot normalise Unicode (invariant globalization mode),
    /// which would silently store NFD text and break search.
    /// </summary>
    public static void SelfTest()
    {
        if ("e\u0301".Normalize(NormalizationForm.FormC) != "é" || Fold("Đắk Lắk") != "dak lak")
        {
            throw new InvalidOperationException(
                "Unicode normalisation does not work in this process (invariant globalization mode?). " +
                "Gương Sáng needs ICU: install libicu and unset DOTNET_SYSTEM_GLOBALIZATION_INVARIANT.");
        }
    }
}
