using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Shingle;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace GuongSang.Search.Analysis;

/// <summary>The four ways a Vietnamese text is indexed.</summary>
public enum TextForm
{
    /// <summary>Lower-cased syllables with their diacritics: "hòa", "giải".</summary>
    Exact,

    /// <summary>No diacritics, đ→d: "hoa", "giai".</summary>
    Folded,

    /// <summary>Two adjacent exact syllables: "hòa giải" (most Vietnamese words have two).</summary>
    ExactPairs,

    /// <summary>Two adjacent folded syllables: "hoa giai".</summary>
    FoldedPairs,
}

/// <summary>Normaliser → syllable tokenizer (lower case) → optional folding → optional pairs.</summary>
public sealed class VietnameseAnalyzer(TextForm form) : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TextReader InitReader(string fieldName, TextReader reader) => new VietnameseCharFilter(reader);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new SyllableTokenizer(reader);
        TokenStream stream = tokenizer;
        if (form is TextForm.Folded or TextForm.FoldedPairs) stream = new FoldFilter(stream);
        if (form is TextForm.ExactPairs or TextForm.FoldedPairs)
        {
            var pairs = new ShingleFilter(stream, 2, 2);
            pairs.SetOutputUnigrams(false);
            stream = pairs;
        }
        return new TokenStreamComponents(tokenizer, stream);
    }
}

/// <summary>A token is a run of letters, digits and combining marks; lower-cased.</summary>
public sealed class SyllableTokenizer(TextReader input) : CharTokenizer(VietnameseAnalyzer.Version, input)
{
    protected override bool IsTokenChar(int c) =>
        c <= char.MaxValue ? VietnameseCharFilter.IsWordChar((char)c) : char.IsLetterOrDigit(char.ConvertFromUtf32(c), 0);

    protected override int Normalize(int c) => c <= char.MaxValue ? char.ToLowerInvariant((char)c) : c;
}

/// <summary>Folds each token: no diacritics, đ→d.</summary>
public sealed class FoldFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;

    public FoldFilter(TokenStream input) : base(input) => _term = AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken()) return false;
        var folded = SearchText.Fold(_term.Buffer.AsSpan(0, _term.Length));
        _term.SetEmpty().Append(folded);
        return true;
    }
}
