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

    // Weights: a match in the name over one elsewhere; a syllable as typed with its marks over the same
    // letters without; two syllables side by side (a word) over each on its own.
    private const float NameWeight = 3f, ExactWeight = 1.5f, PairWeight = 2f, PhraseWeight = 4f, DecisionWeight = 20f;

    /// <summary>What a query looks in: exemplars (name and all fields) or articles (title and all fields).</summary>
    public sealed record Scope(string All, string Name)
    {
        public static readonly Scope Exemplars = new(SearchFields.All, SearchFields.Name);
        public static readonly Scope Articles = new(SearchFields.ArticleAll, SearchFields.ArticleTitle);

        public string Field(TextForm form) => SearchFields.Suffix(All, form);
    }

    /// <summary>
    /// The Lucene query: every syllable (of more than three, three in four) must match the folded
    /// all-fields field; matches in the name, exact matches and pairs add to the score; "quoted phrases"
    /// must match as phrases (only add to the score when <paramref name="requirePhrases"/> is false);
    /// a decision number matches on its own. Null when there is nothing to look for.
    /// </summary>
    public Query? ToLucene(IReadOnlyList<Syllable>? terms = null, bool requirePhrases = true, Scope? scope = null) =>
        Build(terms ?? Terms, requirePhrases, scope ?? Scope.Exemplars, ranked: true);

    /// <summary>
    /// The same documents as <see cref="ToLucene"/> finds, scored only on the folded syllables (and
    /// decision numbers): the cheap first pass. The full query then ranks the best of them
    /// (<see cref="SearchService.RescoreWindow"/>), which is where names, marks and pairs matter.
    /// </summary>
    public Query? ToMatchQuery(IReadOnlyList<Syllable>? terms = null, bool requirePhrases = true, Scope? scope = null) =>
        Build(terms ?? Terms, requirePhrases, scope ?? Scope.Exemplars, ranked: false);

    /// <summary>
    /// What <see cref="FirstPass"/> does not score, for the re-ranking to add: the syllables as typed with
    /// their marks (alone and in pairs), the clauses it <paramref name="deferred"/> (common terms), and the
    /// phrases when they were not required (the first pass scores those it requires).
    /// With BM25 and no coordination factor scores add up, so the first pass's score plus these clauses'
    /// is the full query's (<see cref="ToLucene"/>).
    /// </summary>
    public List<Query> RescoreClauses(IReadOnlyList<Syllable> terms, IReadOnlyList<Query> deferred, bool requirePhrases, Scope? scope = null)
    {
        scope ??= Scope.Exemplars;
        var clauses = new List<Query>(ExactClauses(terms, scope));
        clauses.AddRange(deferred);
        if (!requirePhrases) clauses.AddRange(Phrases.Select(phrase => Phrase(phrase, scope)));
        return clauses;
    }

    /// <summary>How many of a query's syllables a story must have: all of up to three, three in four of more.</summary>
    public static int MinimumMatch(int syllables) => syllables <= 3 ? syllables : (int)Math.Ceiling(syllables * 0.75);

    private Query? Build(IReadOnlyList<Syllable> terms, bool requirePhrases, Scope scope, bool ranked)
    {
        Query? text = null;
        if (terms.Count > 0)
        {
            // One posting list per syllable: a conjunction (or a minimum-should-match) of plain terms is the cheapest to run.
            var core = new BooleanQuery(disableCoord: true);
            var minimum = MinimumMatch(terms.Count);
            var all = minimum == terms.Count;
            foreach (var s in terms) core.Add(new TermQuery(new Term(scope.Field(TextForm.Folded), s.Folded)), all ? Occur.MUST : Occur.SHOULD);
            if (!all) core.MinimumNumberShouldMatch = minimum;

            // Scored only on the documents the core found.
            var scored = new BooleanQuery(disableCoord: true) { { core, Occur.MUST } };
            if (ranked)
            {
                foreach (var clause in RankClauses(terms, scope)) scored.Add(clause, Occur.SHOULD);
            }
            foreach (var phrase in Phrases)
            {
                if (!ranked && !requirePhrases) continue;
                scored.Add(Phrase(phrase, scope), requirePhrases ? Occur.MUST : Occur.SHOULD);
            }
            text = scored.Clauses.Count == 1 ? core : scored;
        }
        if (DecisionNumbers.Count == 0 || scope != Scope.Exemplars) return text;

        var any = new BooleanQuery(disableCoord: true);
        foreach (var number in DecisionNumbers)
        {
            any.Add(new TermQuery(new Term(SearchFields.Decision, number)) { Boost = DecisionWeight }, Occur.SHOULD);
            any.Add(new TermQuery(new Term(SearchFields.Decision, DecisionNumber.Folded(number))) { Boost = DecisionWeight }, Occur.SHOULD);
        }
        if (text is not null) any.Add(text, Occur.SHOULD);
        return any;
    }

    /// <summary>The clauses that rank without matching: the words in the name, as typed with their marks, and side by side.</summary>
    private static IEnumerable<Query> RankClauses(IReadOnlyList<Syllable> terms, Scope scope) =>
        FirstPassClauses(terms, scope).Concat(ExactClauses(terms, scope));

    /// <summary>The ranking clauses <see cref="FirstPass"/> scores: the folded words in the name, and folded pairs.</summary>
    public static IEnumerable<TermQuery> FirstPassClauses(IReadOnlyList<Syllable> terms, Scope scope)
    {
        foreach (var s in terms) yield return Boosted(new TermQuery(new Term(SearchFields.Suffix(scope.Name, TextForm.Folded), s.Folded)), NameWeight);
        for (var i = 0; i + 1 < terms.Count; i++)
        {
            yield return Boosted(new TermQuery(new Term(scope.Field(TextForm.FoldedPairs), terms[i].Folded + " " + terms[i + 1].Folded)), PairWeight);
        }
    }

    /// <summary>The ranking clauses for words typed with their marks: each, and each pair that has one.</summary>
    private static IEnumerable<Query> ExactClauses(IReadOnlyList<Syllable> terms, Scope scope)
    {
        foreach (var s in terms)
        {
            if (s.HasDiacritics) yield return Boosted(new TermQuery(new Term(scope.Field(TextForm.Exact), s.Exact)), ExactWeight);
        }
        for (var i = 0; i + 1 < terms.Count; i++)
        {
            var (a, b) = (terms[i], terms[i + 1]);
            if (a.HasDiacritics || b.HasDiacritics)
            {
                yield return Boosted(new TermQuery(new Term(scope.Field(TextForm.ExactPairs), a.Exact + " " + b.Exact)), PairWeight * ExactWeight);
            }
        }
    }

    /// <summary>
    /// A quoted phrase, matched on the folded pairs: "gia đình văn hóa" is "gia dinh" followed two places
    /// on by "van hoa", the same documents as the four syllables in a row. Pairs are far rarer than
    /// syllables ("gia" is in nine stories in ten, "gia dinh" in half, "van hoa" in one in fourteen), so
    /// this reads much less than a phrase of syllables; a phrase of two is one pair, a plain term.
    /// </summary>
    public static Query Phrase(List<Syllable> phrase, Scope scope)
    {
        var field = scope.Field(TextForm.FoldedPairs);
        Term Pair(int i) => new(field, phrase[i].Folded + " " + phrase[i + 1].Folded);
        if (phrase.Count == 2) return Boosted(new TermQuery(Pair(0)), PhraseWeight);
        var q = new PhraseQuery { Boost = PhraseWeight };
        for (var i = 0; i + 1 < phrase.Count; i += 2) q.Add(Pair(i), i);
        if (phrase.Count % 2 == 1) q.Add(Pair(phrase.Count - 2), phrase.Count - 2);
        return q;
    }

    private static T Boosted<T>(T q, float boost) where T : Query
    {
        q.Boost = boost;
        return q;
    }
}
