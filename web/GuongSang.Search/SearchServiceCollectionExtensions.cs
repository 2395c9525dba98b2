using GuongSang.Content.Storage;
using GuongSang.Search.Indexing;
using GuongSang.Search.Searching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
        // A poll interval of zero would spin the indexer and a negative one stop the host: refused at start.
        services.AddOptions<SearchOptions>()
            .Configure(o => configure?.Invoke(o))
            .Validate(o => o.PollInterval > TimeSpan.Zero,
                $"{SearchOptions.Section}:{nameof(SearchOptions.PollInterval)} phải lớn hơn 0 (mặc định 00:00:02): đó là khoảng thời gian giữa hai lần đọc nhật ký thay đổi để cập nhật chỉ mục tìm kiếm.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SearchOptions>>().Value);
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
