using GuongSang.Content.Storage;
using GuongSang.Search.Indexing;
using GuongSang.Search.Searching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace GuongSang.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// Search for a site process: the index in the data folder, its one writer (the hosted
    /// <see cref="SearchIndexer"/>), the <see cref="SearchService"/> pages and the API call, and a health check.
    /// Needs AddContent first.
    /// </summary>
    public static IServiceCollection AddSearch(this IServiceCollection services, Action<SearchOptions>? configure = null)
    {
        var options = new SearchOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new SearchIndex(sp.GetRequiredService<DataFolder>().IndexPath, sp.GetRequiredService<ILogger<SearchIndex>>()));
        services.AddSingleton<SearchDocumentSource>();
        services.AddSingleton<SearchService>();
        services.AddHostedService<SearchIndexer>();
        services.AddHealthChecks().AddCheck<SearchIndexHealthCheck>("search-index");
        return services;
    }
}

/// <summary>Healthy when the index is open and current; degraded (still 200) while it is rebuilt.</summary>
internal sealed class SearchIndexHealthCheck(SearchIndex index) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(index.State switch
        {
            IndexState.Ready when index.Search(s => s.IndexReader.NumDocs) >= 0 => HealthCheckResult.Healthy($"{index.Search(s => s.IndexReader.NumDocs)} tài liệu"),
            IndexState.Rebuilding or IndexState.Closed => HealthCheckResult.Degraded("Chỉ mục tìm kiếm đang được dựng."),
            _ => HealthCheckResult.Unhealthy("Chỉ mục tìm kiếm không dùng được."),
        });
}
