using GuongSang.Content.Storage;
using Microsoft.EntityFrameworkCore;
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
        services.AddSingleton<IndexerStatus>();
        services.AddSingleton<SearchDocumentSource>();
        services.AddSingleton<SearchService>();
        services.AddHostedService<SearchIndexer>();
        services.AddHealthChecks()
            .AddCheck<SearchIndexHealthCheck>("search-index")
            .AddCheck<SearchIndexerHealthCheck>("search-indexer");
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

/// <summary>
/// Whether new content reaches search: unhealthy when changes wait and the indexer has not moved on for
/// <see cref="SearchOptions.StuckAfter"/>; degraded when more than <see cref="SearchOptions.MaxLag"/> changes
/// wait or some items could not be indexed. The index's own state is <see cref="SearchIndexHealthCheck"/>'s.
/// </summary>
internal sealed class SearchIndexerHealthCheck(SearchIndex index, IndexerStatus status, SearchOptions options, GuongSangDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (index.State != IndexState.Ready) return HealthCheckResult.Healthy("Chỉ mục chưa sẵn sàng (xem search-index).");
        var last = index.LastAppliedChange;
        // Counted up to the bound only: a backlog of millions costs no more than one of MaxLag.
        var waiting = await db.ContentChanges.Where(c => c.Id > last).Take(options.MaxLag + 1).CountAsync(cancellationToken);
        var idle = DateTime.UtcNow - status.LastProgress;
        if (waiting > 0 && idle > options.StuckAfter)
        {
            return HealthCheckResult.Unhealthy($"Bộ cập nhật chỉ mục tìm kiếm đứng yên {idle.TotalSeconds:0} giây trong khi {waiting} thay đổi đang chờ.");
        }
        if (waiting > options.MaxLag)
        {
            return HealthCheckResult.Degraded($"Bộ cập nhật chỉ mục tìm kiếm chậm: hơn {options.MaxLag} thay đổi đang chờ.");
        }
        var failures = status.Failures;
        if (failures.Count > 0)
        {
            return HealthCheckResult.Degraded(
                $"{failures.Count} mục không đưa được vào chỉ mục tìm kiếm: " + string.Join(", ", failures.Take(10).Select(f => $"{f.Type} {f.Id}")));
        }
        return HealthCheckResult.Healthy($"{waiting} thay đổi đang chờ.");
    }
}
