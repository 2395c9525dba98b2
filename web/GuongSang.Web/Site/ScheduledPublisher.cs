using GuongSang.Content.Storage;
using GuongSang.Content.Workflow;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GuongSang.Web.Site;

/// <summary>Settings of the publishing workflow (section GuongSang:Workflow).</summary>
public sealed class WorkflowOptions
{
    public const string Section = "GuongSang:Workflow";

    /// <summary>How often the site looks for scheduled stories whose time has come.</summary>
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Every <see cref="WorkflowOptions.SchedulerInterval"/>, publishes the scheduled stories whose time has come
/// (<see cref="ScheduledPublishing"/>). Every site process runs one; the save against the version read keeps
/// two of them from publishing the same story twice.
/// </summary>
public sealed class ScheduledPublisher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<WorkflowOptions> options, ILogger<ScheduledPublisher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SchedulerInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<GuongSangDb>();
                db.Clock = clock;
                var published = await ScheduledPublishing.PublishDueAsync(db, stoppingToken);
                if (published > 0) logger.LogInformation("Đã đăng {Count} bài hẹn giờ.", published);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again: a busy database or one broken story must not stop the scheduler.
                logger.LogError(e, "Lỗi khi đăng các bài hẹn giờ; sẽ thử lại ở lần sau.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class WorkflowServiceExtensions
{
    /// <summary>The scheduler of timed publications, on the clock in DI (the system's unless a test replaces it).</summary>
    public static IServiceCollection AddWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<WorkflowOptions>()
            .Bind(configuration.GetSection(WorkflowOptions.Section))
            .Validate(o => o.SchedulerInterval > TimeSpan.Zero,
                $"{WorkflowOptions.Section}:{nameof(WorkflowOptions.SchedulerInterval)} phải lớn hơn 0 (mặc định 00:00:30): đó là khoảng thời gian giữa hai lần tìm bài hẹn giờ đã đến lúc đăng.")
            .ValidateOnStart();
        services.AddHostedService<ScheduledPublisher>();
        return services;
    }
}
