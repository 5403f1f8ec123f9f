namespace NoCodeCrm.Engine.Scheduling;

/// <summary>Periodic housekeeping (rollup refresh, retention…) run by exactly one node of the cluster on its cron schedule.</summary>
public interface IMaintenanceJob
{
    /// <summary>Unique and stable: it names the Quartz job across restarts and nodes.</summary>
    string Name { get; }
    /// <summary>A Quartz cron expression (seconds first), read in UTC.</summary>
    string Cron { get; }
    Task RunAsync(CancellationToken ct);
}
