using System.Text.RegularExpressions;
using GuongSang.Content.Text;
using GuongSang.Search.Analysis;
using GuongSang.Search.Indexing;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace GuongSang.Search.Searching;

/// <summary>One syllable of a query: as typed (normalised, lower case) and folded.</summary>
public sealed record Syllable(string Exact, string Folded)
{
    /// <summary>The reader typed marks: then an exact match counts for more than a folded one.</summary>
    public bool HasDiacritics => !string.Equals(Exact, Folded, StringComparison.Ordinal);
}

/// <summary>
/// What a reader typed, read without a query parser: nothing in it is syntax except "quoted phrases",
/// and decision numbers are recognised. Any input is valid: unbalanced quotes, AND, *, ~ and emoji are
/// just characters that are not syllables.
/// </summary>
public sealed partial class SearchQuery
{
    public const int MaxInputLength = 300;
    public const int MaxSyllables = 24;

    [GeneratedRegex(@"[""“”]([^""“”]*)[""“”]")]
    private static partial Regex Quoted();

    // 1456/QĐ-UBND, 12/2024/QĐ-UBND, 3377 / QĐ – UBND
    [GeneratedRegex(@"\b\d{1,6}(?:\s*/\s*\d{2,4})?\s*/\s*\p{L}[\p{L}\p{M}]*(?:\s*[-–]\s*[\p{L}\p{M}\d]+)*")]
    private static partial Regex DecisionNumberPattern();

    private static readonly Analyzer Syllables = new VietnameseAnalyzer(TextForm.Exact);

    public SearchQuery(string? text)
    {
        var input = (text ?? "").Trim();
        if (input.Length > MaxInputLength) input = input[..MaxInputLength];
        Text = input;

        foreach (Match m in DecisionNumberPattern().Matches(input))
        {
            if (DecisionNumber.Normalize(m.Value) is { } n) DecisionNumbers.Add(n);
        }
        var rest = DecisionNumberPattern().Replace(input, " ");
        foreach (Match m in Quoted().Matches(rest))
        {
            var phrase = Tokenize(m.Groups[1].Value);
            if (phrase.Count > 1) Phrases.Add(phrase);
        }
        Terms.AddRange(Tokenize(rest).Take(MaxSyllables));
    }

    public string Text { get; }

    public List<Syllable> Terms { get; } = [];

    public List<List<Syllable>> Phrases { get; } = [];

    public List<string> DecisionNumbers { get; } = [];

    public bool IsEmpty => Terms.Count == 0 && DecisionNumbers.Count == 0;

    public static List<Syllable> Tokenize(string text)
    {
        var list = new List<Syllable>();
        using var stream = Syllables.GetTokenStream("q", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var exact = term.ToString();
            list.Add(new Syllable(exact, SearchText.Fold(exact)));
        }
        stream.End();
        return list;
    }

    // Weights: a name over the story's text over the other fields; a syllable as typed with its marks
    // over the same letters without; two syllables side by side (a word) over each on its own.
    private const float NameWeight = 3f, TextWeight = 1f, ExtraWeight = 0.6f;
    private const float ExactWeight = 2f, FoldedWeight = 1f, PairWeight = 2.5f, PhraseWeight = 4f, DecisionWeight = 20f;

    /// <summary>
    /// The Lucene query: most syllables must match somewhere (exact or folded), pairs add to the score,
    /// "quoted phrases" must match as phrases (only add to the score when <paramref name="requirePhrases"/>
    /// is false), a decision number matches on its own. Null when there is nothing to look for.
    /// </summary>
    public Query? ToLucene(IReadOnlyList<Syllable>? terms = null, bool requirePhrases = true)
    {
        terms ??= Terms;
        Query? text = null;
        if (terms.Count > 0)
        {
            // Up to three syllables all must match (a conjunction, the fastest to run); of more, three in four.
            var core = new BooleanQuery(disableCoord: true);
            var all = terms.Count <= 3;
            foreach (var syllable in terms) core.Add(SyllableQuery(syllable), all ? Occur.MUST : Occur.SHOULD);
            if (!all) core.MinimumNumberShouldMatch = (int)Math.Ceiling(terms.Count * 0.75);

            var scored = new BooleanQuery(disableCoord: true) { { core, Occur.MUST } };
            for (var i = 0; i + 1 < terms.Count; i++) scored.Add(PairQuery(terms[i], terms[i + 1]), Occur.SHOULD);
            foreach (var phrase in Phrases) scored.Add(PhraseQuery(phrase), requirePhrases ? Occur.MUST : Occur.SHOULD);
            text = scored;
        }
        if (DecisionNumbers.Count == 0) return text;

        var any = new BooleanQuery(disableCoord: true);
        foreach (var number in DecisionNumbers)
        {
            any.Add(new TermQuery(new Term(SearchFields.Decision, number)) { Boost = DecisionWeight }, Occur.SHOULD);
            any.Add(new TermQuery(new Term(SearchFields.Decision, DecisionNumber.Folded(number))) { Boost = DecisionWeight }, Occur.SHOULD);
        }
        if (text is not null) any.Add(text, Occur.SHOULD);
        return any;
    }

    private static BooleanQuery SyllableQuery(Syllable s)
    {
        var q = new BooleanQuery(disableCoord: true);
        foreach (var (field, weight) in FieldWeights())
        {
            if (s.HasDiacritics) q.Add(Boosted(new TermQuery(new Term(field, s.Exact)), weight * ExactWeight), Occur.SHOULD);
            q.Add(Boosted(new TermQuery(new Term(SearchFields.Suffix(field, TextForm.Folded), s.Folded)), weight * FoldedWeight), Occur.SHOULD);
        }
        return q;
    }

    private static BooleanQuery PairQuery(Syllable a, Syllable b)
    {
        var q = new BooleanQuery(disableCoord: true);
        foreach (var (field, weight) in FieldWeights().Where(f => f.Field != SearchFields.Extra))
        {
            if (a.HasDiacritics || b.HasDiacritics)
            {
                q.Add(Boosted(new TermQuery(new Term(SearchFields.Suffix(field, TextForm.ExactPairs), a.Exact + " " + b.Exact)), weight * PairWeight * ExactWeight), Occur.SHOULD);
            }
            q.Add(Boosted(new TermQuery(new Term(SearchFields.Suffix(field, TextForm.FoldedPairs), a.Folded + " " + b.Folded)), weight * PairWeight), Occur.SHOULD);
        }
        return q;
    }

    private static BooleanQuery PhraseQuery(List<Syllable> phrase)
    {
        var q = new BooleanQuery(disableCoord: true);
        foreach (var field in new[] { SearchFields.Name, SearchFields.Text })
        {
            var folded = new PhraseQuery();
            foreach (var s in phrase) folded.Add(new Term(SearchFields.Suffix(field, TextForm.Folded), s.Folded));
            q.Add(Boosted(folded, PhraseWeight), Occur.SHOULD);
        }
        return q;
    }

    private static IEnumerable<(string Field, float Weight)> FieldWeights() =>
        [(SearchFields.Name, NameWeight), (SearchFields.Text, TextWeight), (SearchFields.Extra, ExtraWeight)];

    private static Query Boosted(Query q, float boost)
    {
        q.Boost = boost;
        return q;
    }
}
