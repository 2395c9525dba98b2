using System.Text;
using GuongSang.Search.Searching;

namespace GuongSang.Search.Tests;

public sealed class SearchQueryTests
{
    [Theory]
    [InlineData("1456/QĐ-UBND", "1456/QĐ-UBND")]
    [InlineData("quyết định 1456 / qđ – ubnd", "1456/QĐ-UBND")]
    [InlineData("12/2024/QĐ-UBND", "12/2024/QĐ-UBND")]
    [InlineData("245/QD-BCA ngày 3/5", "245/QD-BCA")]
    public void Decision_numbers_are_recognised_and_normalised(string typed, string number)
    {
        var query = new SearchQuery(typed);
        Assert.Equal([number], query.DecisionNumbers);
    }

    [Fact]
    public void Balanced_quotes_make_a_phrase_and_unbalanced_ones_are_ignored()
    {
        Assert.Equal(["gia đình văn hóa"], new SearchQuery("\"gia đình văn hoá\" tiêu biểu").Phrases.Select(p => string.Join(' ', p.Select(s => s.Exact))));
        Assert.Equal(["hiến máu"], new SearchQuery("“hiến máu”").Phrases.Select(p => string.Join(' ', p.Select(s => s.Exact))));
        var unbalanced = new SearchQuery("\"hiến máu");
        Assert.Empty(unbalanced.Phrases);
        Assert.Equal(["hiến", "máu"], unbalanced.Terms.Select(t => t.Exact));
    }

    [Fact]
    public void Syllables_are_normalised_like_the_index_and_capped()
    {
        var query = new SearchQuery("HOÀ Giải ĐẮK " + "Lắk".Normalize(NormalizationForm.FormD));
        Assert.Equal(["hòa", "giải", "đắk", "lắk"], query.Terms.Select(t => t.Exact));
        Assert.Equal(["hoa", "giai", "dak", "lak"], query.Terms.Select(t => t.Folded));
        Assert.True(query.Terms[0].HasDiacritics);
        Assert.False(new SearchQuery("hoa").Terms[0].HasDiacritics);
        Assert.Equal(SearchQuery.MaxSyllables, new SearchQuery(string.Concat(Enumerable.Repeat("a ", 500))).Terms.Count);
    }

    [Fact]
    public void Nothing_but_operators_and_symbols_is_an_empty_query()
    {
        Assert.True(new SearchQuery("* ~ ( ) [ ] \" ' 🙂 !!!").IsEmpty);
        Assert.True(new SearchQuery(null).IsEmpty);
        Assert.Null(new SearchQuery("🙂").ToLucene());
    }
}

public sealed class SnippetTests
{
    [Fact]
    public void The_passage_with_the_matches_is_chosen_and_cut_at_word_boundaries()
    {
        var text = string.Concat(Enumerable.Repeat("Mở đầu câu chuyện dài. ", 100)) + "Anh Đức hiến máu 42 lần." + string.Concat(Enumerable.Repeat(" Kết thúc.", 50));
        var at = text.IndexOf("hiến", StringComparison.Ordinal);
        var snippet = Snippets.Build(text, [(at, at + 4, "hien"), (at + 5, at + 8, "mau")]);
        Assert.StartsWith("…", snippet);
        Assert.EndsWith("…", snippet);
        Assert.Contains("Anh Đức <mark>hiến</mark> <mark>máu</mark> 42 lần.", snippet);
        Assert.True(snippet.Length <= Snippets.Length + 40);
    }

    [Fact]
    public void Text_is_escaped_before_marking_and_without_matches_the_start_is_shown()
    {
        Assert.Equal("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", Snippets.Build("a <b> & \"c\" 'd'", []));
        Assert.Equal("&lt;<mark>máu</mark>&gt;", Snippets.Build("<máu>", [(1, 4, "mau")]));
        Assert.Equal("", Snippets.Build("", []));
    }
}
