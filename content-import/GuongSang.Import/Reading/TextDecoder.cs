using System.Globalization;
using System.Text;

namespace GuongSang.Import.Reading;

/// <summary>
/// Turns the bytes of a text file into a string, finding the encoding itself: UTF-8 (BOM or
/// not), UTF-16, or one of the 8-bit encodings Vietnamese offices still use: Windows-1258,
/// TCVN3 (ABC) and VNI. Files are read as they stream: the encoding is found in one pass that
/// holds only a sample, then text is decoded while it is parsed. Text from <see cref="Decode"/> is NFC;
/// readers of streamed text make each value NFC.
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

    /// <summary>How much of the lines with non-ASCII bytes is kept to tell the 8-bit encodings apart.</summary>
    private const int SampleBytes = 256 << 10;
    private const int SampleBytesPerLine = 4 << 10;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A whole small text (an article, a test's sample), decoded and made NFC.</summary>
    public static (string Text, string Encoding) Decode(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var (encoding, name, preamble) = Detect(stream, CancellationToken.None);
        return (Nfc(encoding.GetString(bytes, preamble, bytes.Length - preamble)), name);
    }

    /// <summary>A text file to read as it streams, and its encoding's name for the report.</summary>
    public static (TextReader Reader, string Encoding) OpenText(string path, CancellationToken ct)
    {
        var (stream, encoding, name) = Open(path, ct);
        return (new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false), name);
    }

    /// <summary>A text file as a stream of UTF-8 (what the JSON reader takes), whatever its encoding.</summary>
    public static (Stream Utf8, string Encoding) OpenUtf8(string path, CancellationToken ct)
    {
        var (stream, encoding, name) = Open(path, ct);
        return (encoding is UTF8Encoding ? stream : Encoding.CreateTranscodingStream(stream, encoding, Encoding.UTF8), name);
    }

    private static (Stream Stream, Encoding Encoding, string Name) Open(string path, CancellationToken ct)
    {
        var file = File.OpenRead(path);
        try
        {
            var (encoding, name, preamble) = Detect(file, ct);
            file.Position = preamble;
            // Every read checks cancellation, so a parser pulling text stops when the import is cancelled.
            return (new BoundedStream(file, long.MaxValue, () => new InvalidOperationException(), ct), encoding, name);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The encoding of a seekable stream, and the length of its byte order mark. UTF-8 is checked over
    /// the whole stream (a bad byte may come late); the 8-bit encodings are told apart on a sample of
    /// the lines that have non-ASCII bytes, decoded with each and kept for the one that reads most like Vietnamese.
    /// </summary>
    private static (Encoding Encoding, string Name, int Preamble) Detect(Stream stream, CancellationToken ct)
    {
        var head = new byte[4096];
        var headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var bytes = head.AsSpan(0, headLength);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (Encoding.UTF8, Utf8Bom, 3);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (Encoding.Unicode, Utf16Le, 2);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (Encoding.BigEndianUnicode, Utf16Be, 2);

        // UTF-16 without a byte order mark: most text is ASCII, so every other byte is zero.
        if (bytes.Length >= 4)
        {
            int zeroEven = 0, zeroOdd = 0;
            var n = bytes.Length & ~1;
            for (var i = 0; i < n; i++)
            {
                if (bytes[i] != 0) continue;
                if (i % 2 == 0) zeroEven++; else zeroOdd++;
            }
            if (zeroOdd > n / 4 && zeroEven < n / 50) return (Encoding.Unicode, Utf16Le, 0);
            if (zeroEven > n / 4 && zeroOdd < n / 50) return (Encoding.BigEndianUnicode, Utf16Be, 0);
        }

        stream.Position = 0;
        var utf8 = StrictUtf8.GetDecoder();
        var isUtf8 = true;
        var sample = new MemoryStream();
        var line = new MemoryStream();
        var lineHasHighBytes = false;
        var buffer = new byte[64 << 10];
        var chars = new char[buffer.Length + 1];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            var chunk = buffer.AsSpan(0, read);
            if (isUtf8)
            {
                try
                {
                    // GetChars, not GetCharCount: only decoding carries a sequence cut at the chunk's end over to the next.
                    utf8.GetChars(chunk, chars, flush: false);
                }
                catch (DecoderFallbackException)
                {
                    isUtf8 = false;
                }
            }
            if (sample.Length >= SampleBytes)
            {
                if (!isUtf8) break;
                continue;
            }
            foreach (var b in chunk)
            {
                if (b == (byte)'\n')
                {
                    if (lineHasHighBytes) sample.Write(line.GetBuffer(), 0, (int)line.Length);
                    sample.WriteByte(b);
                    line.SetLength(0);
                    lineHasHighBytes = false;
                    continue;
                }
                lineHasHighBytes |= b >= 0x80;
                if (line.Length < SampleBytesPerLine) line.WriteByte(b);
            }
        }
        if (isUtf8)
        {
            try
            {
                utf8.GetChars([], chars, flush: true);
                return (Encoding.UTF8, Utf8, 0);
            }
            catch (DecoderFallbackException)
            {
                // A sequence cut at the end: not UTF-8.
            }
        }
        if (lineHasHighBytes) sample.Write(line.GetBuffer(), 0, (int)line.Length);

        var sampleBytes = sample.ToArray();
        (Encoding Encoding, string Name)[] candidates =
        [
            (Encoding.GetEncoding(1258), Windows1258),
            (LegacyVietnamese.Vni, Vni),
            (LegacyVietnamese.Tcvn3, Tcvn3),
        ];
        var best = candidates.MaxBy(c => VietnameseScore(Nfc(c.Encoding.GetString(sampleBytes))));
        return (best.Encoding, best.Name, 0);
    }

    private static string Nfc(string text) => Nfc(text, "nội dung tệp");

    /// <summary>
    /// Text made NFC. Text with a character NFC is undefined on (half of a UTF-16 surrogate pair, as a YAML
    /// "\ud800" escape gives; U+FFFE, as misaligned UTF-16 gives) is refused, naming <paramref name="where"/> and the character.
    /// </summary>
    public static string Nfc(string text, string where)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException e)
        {
            var bad = text.Select((c, i) => (c, i)).FirstOrDefault(x =>
                x.c == '\uFFFE' || (char.IsLowSurrogate(x.c) && (x.i == 0 || !char.IsHighSurrogate(text[x.i - 1]))) ||
                (char.IsHighSurrogate(x.c) && (x.i + 1 == text.Length || !char.IsLowSurrogate(text[x.i + 1])))).c;
            throw new ImportRejectedException($"{where} có ký tự không hợp lệ U+{(int)bad:X4}: tệp bị hỏng hoặc lưu sai bảng mã", e);
        }
    }

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
