using NoCodeCrm.Engine.Scheduling;

namespace NoCodeCrm.Engine.Compliance.Retention;

/// <summary>The nightly retention run on one node of the cluster, at <see cref="RetentionOptions.Cron"/>.</summary>
public sealed class RetentionJob(RetentionRunner runner, RetentionOptions options, TimeProvider? time = null) : IMaintenanceJob
{
    public string Name => "compliance.retention";
    public string Cron => options.Cron;
    public Task RunAsync(CancellationToken ct) => runner.RunAsync(RetentionRunner.ScheduleTrigger, "scheduler", (time ?? TimeProvider.System).GetUtcNow(), null, ct);
}
