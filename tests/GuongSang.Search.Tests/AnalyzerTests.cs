using System.Text;
using GuongSang.Content.Text;
using GuongSang.Search.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace GuongSang.Search.Tests;

public sealed class AnalyzerTests
{
    private const string Vowels = "aăâeêioôơuưy";
    private static readonly string[] Tones = ["\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];

    /// <summary>The 134 Vietnamese letters with a mark: 12 vowels × 5 tones, ă â ê ô ơ ư and đ, in both cases.</summary>
    public static IEnumerable<string> TonedLetters()
    {
        var lower = new List<string>();
        foreach (var v in Vowels)
        {
            foreach (var t in Tones) lower.Add((v + t).Normalize(NormalizationForm.FormC));
        }
        lower.AddRange(["ă", "â", "ê", "ô", "ơ", "ư", "đ"]);
        return lower.Concat(lower.Select(l => l.ToUpperInvariant()));
    }

    private static List<(string Term, int Start, int End)> Tokens(TextForm form, string text)
    {
        using var analyzer = new VietnameseAnalyzer(form);
        using var stream = analyzer.GetTokenStream("f", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var list = new List<(string, int, int)>();
        while (stream.IncrementToken()) list.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        stream.End();
        return list;
    }

    private static string Terms(TextForm form, string text) => string.Join(" | ", Tokens(form, text).Select(t => t.Term));

    [Fact]
    public void There_are_134_toned_letters_and_each_is_precomposed()
    {
        var letters = TonedLetters().ToList();
        Assert.Equal(134, letters.Count);
        Assert.Equal(134, letters.Distinct().Count());
        Assert.All(letters, l => Assert.Single(l));
    }

    [Fact]
    public void Folding_turns_every_toned_letter_into_a_plain_ascii_letter_in_nfc_and_nfd()
    {
        foreach (var letter in TonedLetters())
        {
            var folded = SearchText.Fold(letter);
            Assert.True(folded.Length == 1 && folded[0] is >= 'a' and <= 'z', $"{letter} → {folded}");
            Assert.Equal(VietnameseText.Fold(letter), folded);
            Assert.Equal(folded, SearchText.Fold(letter.Normalize(NormalizationForm.FormD)));
            // Through the whole analyzer too, in a word, NFC and NFD alike.
            Assert.Equal("x" + folded + "x", Terms(TextForm.Folded, "X" + letter + "X"));
            Assert.Equal("x" + folded + "x", Terms(TextForm.Folded, ("X" + letter + "X").Normalize(NormalizationForm.FormD)));
        }
    }

    [Fact]
    public void Exact_form_keeps_diacritics_in_lower_case_for_every_toned_letter()
    {
        foreach (var letter in TonedLetters())
        {
            var expected = "b" + letter.ToLowerInvariant();
            // i/y pairs are spelled one way in the index ("bý" → "bí"): compare against that.
            expected = SearchText.NormalizeIy(expected);
            Assert.Equal(expected, Terms(TextForm.Exact, "B" + letter));
            Assert.Equal(expected, Terms(TextForm.Exact, ("B" + letter).Normalize(NormalizationForm.FormD)));
        }
    }

    [Fact]
    public void D_with_stroke_folds_to_d_and_icelandic_eth_is_read_as_d_with_stroke()
    {
        Assert.Equal("đắk | lắk", Terms(TextForm.Exact, "ĐẮK LẮK"));
        Assert.Equal("dak | lak", Terms(TextForm.Folded, "Đắk Lắk"));
        Assert.Equal("đồn", Terms(TextForm.Exact, "\u00D0ồn"));
        Assert.Equal("don", Terms(TextForm.Folded, "\u00D0ồn"));
    }

    [Theory]
    [InlineData("hoà", "hòa")]
    [InlineData("Thuỷ", "thủy")]
    [InlineData("khoẻ", "khỏe")]
    [InlineData("Hoè", "hòe")]
    [InlineData("quý", "quý")]
    [InlineData("hoàng", "hoàng")]
    public void Old_tone_placement_is_read_as_the_new(string written, string indexed) =>
        Assert.Equal(indexed, Terms(TextForm.Exact, written));

    [Theory]
    [InlineData("kỹ", "kĩ")]
    [InlineData("Lý", "lí")]
    [InlineData("mỹ", "mĩ")]
    [InlineData("sỹ", "sĩ")]
    [InlineData("Kỳ", "kì")]
    [InlineData("quí", "quý")]
    [InlineData("y", "y")]
    [InlineData("thủy", "thủy")]
    [InlineData("Vy", "vi")]
    public void I_and_y_spellings_of_one_syllable_are_indexed_alike(string written, string indexed) =>
        Assert.Equal(indexed, Terms(TextForm.Exact, written));

    [Fact]
    public void Pairs_are_two_adjacent_syllables_in_exact_and_folded_form()
    {
        Assert.Equal("hiến máu | máu tình | tình nguyện", Terms(TextForm.ExactPairs, "Hiến máu tình nguyện"));
        Assert.Equal("hoa giai | giai thanh", Terms(TextForm.FoldedPairs, "hoà giải thành"));
    }

    [Fact]
    public void Offsets_of_nfd_text_point_into_the_original_text()
    {
        var nfd = "Anh Đức hiến máu".Normalize(NormalizationForm.FormD);
        var tokens = Tokens(TextForm.Folded, "Mở đầu. " + nfd);
        var text = "Mở đầu. " + nfd;
        var mau = tokens.Single(t => t.Term == "mau");
        Assert.Equal("máu".Normalize(NormalizationForm.FormD), text[mau.Start..mau.End]);
        var duc = tokens.Single(t => t.Term == "duc");
        Assert.Equal("Đức".Normalize(NormalizationForm.FormD), text[duc.Start..duc.End]);
    }

    [Fact]
    public void Punctuation_emoji_and_operators_are_not_tokens()
    {
        Assert.Equal("hiến | máu | and | 2025", Terms(TextForm.Exact, "\"hiến máu* AND ~ 🙂 !!! (2025)"));
        Assert.Equal("", Terms(TextForm.Exact, "!!! ??? 🙂🙂 *** ~~~"));
    }
}
