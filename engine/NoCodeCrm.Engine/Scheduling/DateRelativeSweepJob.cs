using Quartz;

namespace NoCodeCrm.Engine.Scheduling;

/// <summary>The one clustered Quartz job that runs the date-relative sweep on its interval.</summary>
public sealed class DateRelativeSweepJob(DateRelativeSweeper sweeper, TimeProvider time) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await sweeper.SweepAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
}
