using Microsoft.Extensions.Logging;
using Quartz;
using Quartz.Extensibility;

namespace NoCodeCrm.Engine.Scheduling;

/// <summary>Builds this node's job instances with their dependencies; Quartz stores only the job type and key.</summary>
internal sealed class SchedulerJobFactory(Func<IJob> scheduleRule, Func<IJob> sweep, IReadOnlyDictionary<string, IMaintenanceJob> maintenance, ILogger logger)
    : IJobFactory
{
    public ValueTask<JobScope> CreateJob(TriggerFiredBundle bundle, IScheduler scheduler, CancellationToken cancellationToken)
    {
        var detail = bundle.JobDetail;
        var type = detail.JobType.Type;
        IJob job = type == typeof(ScheduleRuleJob) ? scheduleRule()
            : type == typeof(DateRelativeSweepJob) ? sweep()
            : type == typeof(MaintenanceJobRunner) && maintenance.TryGetValue(detail.Key.Name, out var m) ? new MaintenanceJobRunner(m)
            : new SkippedJob(logger);
        return ValueTask.FromResult(new JobScope(job, null));
    }

    public ValueTask ReturnJob(JobScope scope, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
