using System.Text;

namespace GuongSang.Import.Reading;

/// <summary>
/// The two 8-bit Vietnamese encodings .NET does not know. TCVN3 (ABC, TCVN 5712:1993) gives
/// each lower-case toned letter its own byte; VNI writes a base letter followed by mark bytes.
/// Bytes neither uses are read as Windows-1252.
/// </summary>
public static class LegacyVietnamese
{
    // Field initialisers run before a static constructor body: register the code pages here.
    private static readonly Encoding Latin = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>TCVN3 bytes 0xA1–0xFE.</summary>
    private static readonly Dictionary<byte, char> Tcvn3Table = new()
    {
        [0xA1] = 'Ă', [0xA2] = 'Â', [0xA3] = 'Ê', [0xA4] = 'Ô', [0xA5] = 'Ơ', [0xA6] = 'Ư', [0xA7] = 'Đ',
        [0xA8] = 'ă', [0xA9] = 'â', [0xAA] = 'ê', [0xAB] = 'ô', [0xAC] = 'ơ', [0xAD] = 'ư', [0xAE] = 'đ',
        [0xB5] = 'à', [0xB6] = 'ả', [0xB7] = 'ã', [0xB8] = 'á', [0xB9] = 'ạ',
        [0xBB] = 'ằ', [0xBC] = 'ẳ', [0xBD] = 'ẵ', [0xBE] = 'ắ', [0xC6] = 'ặ',
        [0xC7] = 'ầ', [0xC8] = 'ẩ', [0xC9] = 'ẫ', [0xCA] = 'ấ', [0xCB] = 'ậ',
        [0xCC] = 'è', [0xCE] = 'ẻ', [0xCF] = 'ẽ', [0xD0] = 'é', [0xD1] = 'ẹ',
        [0xD2] = 'ề', [0xD3] = 'ể', [0xD4] = 'ễ', [0xD5] = 'ế', [0xD6] = 'ệ',
        [0xD7] = 'ì', [0xD8] = 'ỉ', [0xDC] = 'ĩ', [0xDD] = 'í', [0xDE] = 'ị',
        [0xDF] = 'ò', [0xE1] = 'ỏ', [0xE2] = 'õ', [0xE3] = 'ó', [0xE4] = 'ọ',
        [0xE5] = 'ồ', [0xE6] = 'ổ', [0xE7] = 'ỗ', [0xE8] = 'ố', [0xE9] = 'ộ',
        [0xEA] = 'ờ', [0xEB] = 'ở', [0xEC] = 'ỡ', [0xED] = 'ớ', [0xEE] = 'ợ',
        [0xEF] = 'ù', [0xF1] = 'ủ', [0xF2] = 'ũ', [0xF3] = 'ú', [0xF4] = 'ụ',
        [0xF5] = 'ừ', [0xF6] = 'ử', [0xF7] = 'ữ', [0xF8] = 'ứ', [0xF9] = 'ự',
        [0xFA] = 'ỳ', [0xFB] = 'ỷ', [0xFC] = 'ỹ', [0xFD] = 'ý', [0xFE] = 'ỵ',
    };

    public static string DecodeTcvn3(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b < 0x80) sb.Append((char)b);
            else if (Tcvn3Table.TryGetValue(b, out var c)) sb.Append(c);
            else sb.Append(Latin.GetString([b]));
        }
        return sb.ToString();
    }

    /// <summary>VNI letters that stand alone (they carry their own vowel or consonant).</summary>
    private static readonly Dictionary<byte, string> VniLetters = new()
    {
        [0xF4] = "ơ", [0xD4] = "Ơ", [0xF6] = "ư", [0xD6] = "Ư", [0xF1] = "đ", [0xD1] = "Đ",
        [0xED] = "í", [0xCD] = "Í", [0xEC] = "ì", [0xCC] = "Ì", [0xE6] = "ỉ", [0xC6] = "Ỉ",
        [0xF3] = "ĩ", [0xD3] = "Ĩ", [0xF2] = "ị", [0xD2] = "Ị", [0xEE] = "ỵ", [0xCE] = "Ỵ",
    };

    /// <summary>VNI mark bytes: they follow the vowel they change (lower- and upper-case forms).</summary>
    private static readonly Dictionary<byte, string> VniMarks = new()
    {
        [0xF9] = "\u0301", [0xD9] = "\u0301", // sắc
        [0xF8] = "\u0300", [0xD8] = "\u0300", // huyền
        [0xFB] = "\u0309", [0xDB] = "\u0309", // hỏi
        [0xF5] = "\u0303", [0xD5] = "\u0303", // ngã
        [0xEF] = "\u0323", [0xCF] = "\u0323", // nặng
        [0xE2] = "\u0302", [0xC2] = "\u0302", // mũ
        [0xE1] = "\u0302\u0301", [0xC1] = "\u0302\u0301",
        [0xE0] = "\u0302\u0300", [0xC0] = "\u0302\u0300",
        [0xE5] = "\u0302\u0309", [0xC5] = "\u0302\u0309",
        [0xE3] = "\u0302\u0303", [0xC3] = "\u0302\u0303",
        [0xE4] = "\u0302\u0323", [0xC4] = "\u0302\u0323",
        [0xEA] = "\u0306", [0xCA] = "\u0306", // trăng
        [0xE9] = "\u0306\u0301", [0xC9] = "\u0306\u0301",
        [0xE8] = "\u0306\u0300", [0xC8] = "\u0306\u0300",
        [0xFA] = "\u0306\u0309", [0xDA] = "\u0306\u0309",
        [0xFC] = "\u0306\u0303", [0xDC] = "\u0306\u0303",
        [0xEB] = "\u0306\u0323", [0xCB] = "\u0306\u0323",
    };

    public static string DecodeVni(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b < 0x80)
            {
                sb.Append((char)b);
                continue;
            }
            // A mark only after a vowel (possibly already marked); anywhere else the byte is a letter of its own.
            if (VniMarks.TryGetValue(b, out var mark) && sb.Length > 0 && EndsWithVowel(sb))
            {
                sb.Append(mark);
                continue;
            }
            if (VniLetters.TryGetValue(b, out var letter)) sb.Append(letter);
            else sb.Append(Latin.GetString([b]));
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool EndsWithVowel(StringBuilder sb)
    {
        var i = sb.Length - 1;
        while (i >= 0 && char.GetUnicodeCategory(sb[i]) == System.Globalization.UnicodeCategory.NonSpacingMark) i--;
        if (i < 0) return false;
        var baseChar = sb[i].ToString().Normalize(NormalizationForm.FormD)[0];
        return "aeiouyAEIOUY".Contains(baseChar, StringComparison.Ordinal);
    }

    /// <summary>Encodes NFC text as TCVN3 (for tests and sample files); letters TCVN3 lacks become '?'.</summary>
    public static byte[] EncodeTcvn3(string text)
    {
        var reverse = Tcvn3Table.ToDictionary(kv => kv.Value, kv => kv.Key);
        var bytes = new List<byte>(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (c < 0x80) bytes.Add((byte)c);
            else if (reverse.TryGetValue(c, out var b)) bytes.Add(b);
            else if (reverse.TryGetValue(char.ToLowerInvariant(c), out var lower)) bytes.Add(lower);
            else bytes.Add((byte)'?');
        }
        return [.. bytes];
    }

    /// <summary>Encodes NFC text as VNI (for tests and sample files).</summary>
    public static byte[] EncodeVni(string text)
    {
        var letters = VniLetters.ToDictionary(kv => kv.Value, kv => kv.Key);
        var bytes = new List<byte>(text.Length * 2);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (c < 0x80) { bytes.Add((byte)c); continue; }
            if (letters.TryGetValue(c.ToString(), out var l)) { bytes.Add(l); continue; }
            var d = c.ToString().Normalize(NormalizationForm.FormD);
            var upper = char.IsUpper(d[0]);
            var rest = d[1..];
            // ơ/ư are letters in VNI; their tone follows as a mark.
            if (rest.StartsWith('\u031B'))
            {
                var horn = (d[0] + "\u031B").Normalize(NormalizationForm.FormC);
                bytes.Add(letters[horn]);
                rest = rest[1..];
            }
            else
            {
                bytes.Add((byte)d[0]);
            }
            if (rest.Length == 0) continue;
            // Canonical order puts the dot below before the circumflex/breve; VNI wants the vowel mark first.
            var ordered = string.Concat(rest.Where(m => m is '\u0302' or '\u0306')) + string.Concat(rest.Where(m => m is not ('\u0302' or '\u0306')));
            var mark = VniMarks.Where(kv => kv.Value == ordered && (kv.Key >= 0xE0) != upper).Select(kv => (byte?)kv.Key).FirstOrDefault()
                       ?? VniMarks.First(kv => kv.Value == ordered).Key;
            bytes.Add(mark);
        }
        return [.. bytes];
    }
}
