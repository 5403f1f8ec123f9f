using NoCodeCrm.Engine.Scheduling;

namespace NoCodeCrm.Engine.Rollups;

/// <summary>Nightly refresh of time-windowed rollups ("orders in the last 3 months"), whose values drift as days pass.</summary>
public sealed class RollupRefreshJob(RollupRefresher refresher) : IMaintenanceJob
{
    public string Name => "rollups.refresh-windowed";
    public string Cron => "0 30 2 * * ?";
    public Task RunAsync(CancellationToken ct) => refresher.RefreshWindowedAsync(ct);
}
