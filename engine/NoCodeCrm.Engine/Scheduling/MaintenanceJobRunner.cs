using Quartz;

namespace NoCodeCrm.Engine.Scheduling;

/// <summary>Runs a registered <see cref="IMaintenanceJob"/> when its cron trigger fires on this node.</summary>
public sealed class MaintenanceJobRunner(IMaintenanceJob job) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await job.RunAsync(cancellationToken).ConfigureAwait(false);
}
