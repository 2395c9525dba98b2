using GuongSang.Search.Relevance;
using Xunit.Abstractions;

namespace GuongSang.Search.Tests;

public sealed class RelevanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Relevance_set_is_big_enough()
    {
        Assert.True(RelevanceSet.Stories.Count >= 40);
        Assert.True(RelevanceSet.Cases.Count >= 30);
        Assert.All(RelevanceSet.Cases, c => Assert.All(c.Expected, id => Assert.Contains(RelevanceSet.Stories, s => s.Id == id)));
    }

    [Fact]
    public void Relevance_meets_recall_and_mrr_targets()
    {
        using var index = TestIndex.OfRelevanceSet();
        var scores = RelevanceSet.Evaluate(index.Ids, output.WriteLine);
        foreach (var s in scores) output.WriteLine($"{s.Category,-10} n={s.Queries,2} Recall@10={s.RecallAt10:0.000} MRR={s.Mrr:0.000}");

        var all = scores.Single(s => s.Category == "all");
        Assert.True(all.RecallAt10 >= 0.95, $"Recall@10 {all.RecallAt10:0.000} < 0.95");
        Assert.True(all.Mrr >= 0.85, $"MRR {all.Mrr:0.000} < 0.85");
        foreach (var category in RelevanceSet.NormalisationCategories)
        {
            var s = scores.Single(x => x.Category == category);
            Assert.True(s.RecallAt10 == 1.0, $"{category}: Recall@10 {s.RecallAt10:0.000} < 1");
        }
    }
}
