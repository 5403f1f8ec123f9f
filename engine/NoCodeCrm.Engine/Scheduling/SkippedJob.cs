using Microsoft.Extensions.Logging;
using Quartz;

namespace NoCodeCrm.Engine.Scheduling;

/// <summary>Stands in for a stored job this node does not know (a maintenance job another version registered): logs and does nothing.</summary>
public sealed class SkippedJob(ILogger logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        logger.LogWarning("Job {Job} is not known to this node; skipped", context.JobDetail.Key);
        return ValueTask.CompletedTask;
    }
}
