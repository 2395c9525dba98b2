using GuongSang.Search.Indexing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuongSang.Search.Tests;

public sealed class HealthCheckTests
{
    private static async Task<HealthStatus> StatusAsync(SearchIndex index) =>
        (await new SearchIndexHealthCheck(index).CheckHealthAsync(new HealthCheckContext())).Status;

    [Fact]
    public async Task Health_follows_the_index_state()
    {
        using var test = new TestIndex([TestIndex.Document(1, "Anh Đức", "Hiến máu.")]);
        Assert.Equal(HealthStatus.Healthy, await StatusAsync(test.Index));
        test.Index.MarkRebuilding();
        Assert.Equal(HealthStatus.Degraded, await StatusAsync(test.Index));
        test.Index.MarkFailed();
        Assert.Equal(HealthStatus.Unhealthy, await StatusAsync(test.Index));

        using var closed = new SearchIndex(Path.Combine(Path.GetTempPath(), "guongsang-closed-" + Guid.NewGuid().ToString("N")), NullLogger<SearchIndex>.Instance);
        Assert.Equal(HealthStatus.Degraded, await StatusAsync(closed));
    }
}
