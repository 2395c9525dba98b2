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

    /// <summary>TCVN3 as an <see cref="Encoding"/>, so a stream in it can be read as it arrives.</summary>
    public static Encoding Tcvn3 { get; } = new ByteWiseEncoding("TCVN3", new Tcvn3Decoder());

    /// <summary>VNI as an <see cref="Encoding"/>; a mark byte depends on the letter before it, which its decoder remembers.</summary>
    public static Encoding Vni { get; } = new ByteWiseEncoding("VNI", new VniDecoder());

    public static string DecodeTcvn3(byte[] bytes) => Tcvn3.GetString(bytes);

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

    public static string DecodeVni(byte[] bytes) => Vni.GetString(bytes).Normalize(NormalizationForm.FormC);

    private static bool IsVowel(char c) => "aeiouyAEIOUY".Contains(c.ToString().Normalize(NormalizationForm.FormD)[0], StringComparison.Ordinal);

    /// <summary>Decodes one byte into <c>output</c> (at most two chars); returns how many.</summary>
    private interface IByteDecoder
    {
        int MaxCharsPerByte { get; }

        int Decode(byte b, Span<char> output, ref bool state);
    }

    private sealed class Tcvn3Decoder : IByteDecoder
    {
        private readonly char[] _chars = [.. Enumerable.Range(0, 256)
            .Select(b => b < 0x80 ? (char)b : Tcvn3Table.TryGetValue((byte)b, out var c) ? c : Latin.GetString([(byte)b])[0])];

        public int MaxCharsPerByte => 1;

        public int Decode(byte b, Span<char> output, ref bool state)
        {
            output[0] = _chars[b];
            return 1;
        }
    }

    /// <summary>The state is whether the last letter written is a vowel (marks do not change it).</summary>
    private sealed class VniDecoder : IByteDecoder
    {
        // Each byte's letter and whether it is a vowel, worked out once so decoding allocates nothing per byte; on
        // first use, as the tables they come from are set up after this decoder. Two threads may both build them: same result.
        private (char[] Letters, bool[] Vowels)? _tables;

        public int MaxCharsPerByte => 2;

        public int Decode(byte b, Span<char> output, ref bool state)
        {
            // A mark only after a vowel (possibly already marked); anywhere else the byte is a letter of its own.
            if (b >= 0x80 && state && VniMarks.TryGetValue(b, out var mark))
            {
                mark.CopyTo(output);
                return mark.Length;
            }
            var (letters, vowels) = _tables ??= Tables();
            output[0] = letters[b];
            state = vowels[b];
            return 1;
        }

        private static (char[], bool[]) Tables()
        {
            char[] letters = [.. Enumerable.Range(0, 256)
                .Select(b => b < 0x80 ? (char)b : VniLetters.TryGetValue((byte)b, out var l) ? l[0] : Latin.GetString([(byte)b])[0])];
            return (letters, [.. letters.Select(IsVowel)]);
        }
    }

    /// <summary>An 8-bit encoding decoded byte by byte; reading only (tests encode with <see cref="EncodeTcvn3"/>, <see cref="EncodeVni"/>).</summary>
    private sealed class ByteWiseEncoding(string name, IByteDecoder bytes) : Encoding
    {
        public override string EncodingName => name;

        public override int GetCharCount(byte[] data, int index, int count)
        {
            var state = false;
            return Run(data.AsSpan(index, count), [], ref state);
        }

        public override int GetChars(byte[] data, int byteIndex, int byteCount, char[] chars, int charIndex)
        {
            var state = false;
            return Run(data.AsSpan(byteIndex, byteCount), chars.AsSpan(charIndex), ref state);
        }

        public override int GetMaxCharCount(int byteCount) => byteCount * bytes.MaxCharsPerByte;

        public override Decoder GetDecoder() => new StatefulDecoder(this);

        public override int GetByteCount(char[] chars, int index, int count) => throw new NotSupportedException();

        public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] data, int byteIndex) => throw new NotSupportedException();

        public override int GetMaxByteCount(int charCount) => charCount * 2;

        /// <summary>Decodes, or only counts when <paramref name="output"/> is empty.</summary>
        private int Run(ReadOnlySpan<byte> data, Span<char> output, ref bool state)
        {
            Span<char> scratch = stackalloc char[2];
            var written = 0;
            foreach (var b in data)
            {
                var n = bytes.Decode(b, scratch, ref state);
                if (!output.IsEmpty) scratch[..n].CopyTo(output[written..]);
                written += n;
            }
            return written;
        }

        private sealed class StatefulDecoder(ByteWiseEncoding encoding) : Decoder
        {
            private bool _state;

            public override int GetCharCount(byte[] data, int index, int count)
            {
                var state = _state;
                return encoding.Run(data.AsSpan(index, count), [], ref state);
            }

            public override int GetChars(byte[] data, int byteIndex, int byteCount, char[] chars, int charIndex) =>
                encoding.Run(data.AsSpan(byteIndex, byteCount), chars.AsSpan(charIndex), ref _state);

            public override void Reset() => _state = false;
        }
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
