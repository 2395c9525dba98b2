using System.Globalization;
using System.Text;

namespace GuongSang.Import.Reading;

/// <summary>
/// Turns the bytes of a text file into a string, finding the encoding itself: UTF-8 (BOM or
/// not), UTF-16, or one of the 8-bit encodings Vietnamese offices still use: Windows-1258,
/// TCVN3 (ABC) and VNI. The result is NFC.
/// </summary>
public static class TextDecoder
{
    public const string Utf8 = "UTF-8";
    public const string Utf8Bom = "UTF-8 (BOM)";
    public const string Utf16Le = "UTF-16 LE";
    public const string Utf16Be = "UTF-16 BE";
    public const string Windows1258 = "Windows-1258";
    public const string Tcvn3 = "TCVN3 (ABC)";
    public const string Vni = "VNI";

    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (string Text, string Encoding) Decode(byte[] bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            return (Nfc(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3)), Utf8Bom);
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
            return (Nfc(Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2)), Utf16Le);
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
            return (Nfc(Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2)), Utf16Be);

        // UTF-16 without a byte order mark: most text is ASCII, so every other byte is zero.
        if (bytes.Length >= 4)
        {
            int zeroEven = 0, zeroOdd = 0;
            var n = Math.Min(bytes.Length, 4096) & ~1;
            for (var i = 0; i < n; i++)
            {
                if (bytes[i] != 0) continue;
                if (i % 2 == 0) zeroEven++; else zeroOdd++;
            }
            if (zeroOdd > n / 4 && zeroEven < n / 50) return (Nfc(Encoding.Unicode.GetString(bytes, 0, n == bytes.Length ? n : bytes.Length & ~1)), Utf16Le);
            if (zeroEven > n / 4 && zeroOdd < n / 50) return (Nfc(Encoding.BigEndianUnicode.GetString(bytes, 0, bytes.Length & ~1)), Utf16Be);
        }

        try
        {
            var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            return (Nfc(strict.GetString(bytes)), Utf8);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: one of the 8-bit encodings. Decode with each and keep the one that reads most like Vietnamese.
        }

        var candidates = new[]
        {
            (Text: Nfc(Encoding.GetEncoding(1258).GetString(bytes)), Name: Windows1258),
            (Text: Nfc(LegacyVietnamese.DecodeVni(bytes)), Name: Vni),
            (Text: Nfc(LegacyVietnamese.DecodeTcvn3(bytes)), Name: Tcvn3),
        };
        var best = candidates.MaxBy(c => VietnameseScore(c.Text));
        return best;
    }

    private static string Nfc(string text) => text.Normalize(NormalizationForm.FormC);

    private static readonly HashSet<char> VietnameseLetters = BuildVietnameseLetters();

    private static HashSet<char> BuildVietnameseLetters()
    {
        var set = new HashSet<char> { 'đ', 'Đ' };
        string[] tones = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"];
        foreach (var vowel in "aăâeêioôơuưy")
        {
            foreach (var tone in tones)
            {
                var lower = (vowel + tone).Normalize(NormalizationForm.FormC);
                if (lower.Length != 1) continue;
                set.Add(lower[0]);
                set.Add(char.ToUpper(lower[0], CultureInfo.InvariantCulture));
            }
        }
        return set;
    }

    private static bool IsToneMark(char c) => c is '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323';

    /// <summary>
    /// How Vietnamese a text looks: each word whose non-ASCII letters are all Vietnamese and
    /// that carries at most one tone mark scores; stray symbols and words with two tones cost.
    /// </summary>
    internal static int VietnameseScore(string text)
    {
        var score = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !char.IsWhiteSpace(text[i])) continue;
            if (i > start) score += WordScore(text.AsSpan(start, i - start));
            start = i + 1;
        }
        return score;

        static int WordScore(ReadOnlySpan<char> word)
        {
            var vietnamese = 0;
            var foreign = 0;
            var tones = 0;
            foreach (var c in word)
            {
                if (c < 0x80) continue;
                if (VietnameseLetters.Contains(c))
                {
                    vietnamese++;
                    var d = c.ToString().Normalize(NormalizationForm.FormD);
                    foreach (var m in d) if (IsToneMark(m)) tones++;
                }
                else
                {
                    foreign++;
                }
            }
            if (foreign > 0) return -3 * foreign;
            if (vietnamese == 0) return 0;
            if (tones > 1 || vietnamese > 2 || !HasValidVowels(word)) return -2;
            return 2;
        }
    }

    /// <summary>Vowel groups a Vietnamese syllable can have, tone marks removed ("ươi", "uyê", "oa" …).</summary>
    private static readonly HashSet<string> Nuclei =
    [
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi",
        "ua", "uâ", "uê", "ui", "uô", "uơ", "ưa", "ưi", "ươ", "ưu", "uy", "ya", "yê",
        "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "yêu",
    ];

    /// <summary>
    /// Every run of vowels in the word is a Vietnamese vowel group. Text decoded with the wrong
    /// table often reads as letters but not as syllables ("Hoọ", "Vaờn", "Traàn").
    /// </summary>
    private static bool HasValidVowels(ReadOnlySpan<char> word)
    {
        var letters = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            var d = char.ToLowerInvariant(c).ToString().Normalize(NormalizationForm.FormD);
            foreach (var m in d) if (!IsToneMark(m)) letters.Append(m);
        }
        var text = letters.ToString().Normalize(NormalizationForm.FormC);
        // In "gi" and "qu" before a vowel, the i and u belong to the consonant ("giữ", "quốc").
        if (text.Length > 2 && (text.StartsWith("gi", StringComparison.Ordinal) || text.StartsWith("qu", StringComparison.Ordinal)) && IsVowel(text[2]))
            text = text[0] + text[2..];
        var run = new StringBuilder();
        foreach (var c in text + " ")
        {
            if (IsVowel(c))
            {
                run.Append(c);
                continue;
            }
            if (run.Length > 0 && !Nuclei.Contains(run.ToString())) return false;
            run.Clear();
        }
        return true;

        static bool IsVowel(char c) => "aăâeêioôơuưy".Contains(c, StringComparison.Ordinal);
    }
}
