using Microsoft.Extensions.Options;
using NoCodeCrm.Engine.Scheduling;

namespace NoCodeCrm.Runtime.Hosting;

/// <summary>Starts this node's clustered scheduler after start-up has loaded the model, and stops it (waiting for running jobs) on shutdown.</summary>
public sealed class SchedulingHostedService(IServiceProvider services, IOptions<SchedulingOptions> options, ILogger<SchedulingHostedService> logger)
    : IHostedService
{
    private CrmScheduler? _scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("Scheduling is off on this node (Crm:Scheduling:Enabled = false)");
            return;
        }
        _scheduler = services.GetRequiredService<CrmScheduler>();
        await _scheduler.StartAsync(cancellationToken);
        logger.LogInformation("Scheduler started as {Instance}", _scheduler.Quartz.SchedulerInstanceId);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is not null) await _scheduler.StopAsync(cancellationToken);
    }
}
