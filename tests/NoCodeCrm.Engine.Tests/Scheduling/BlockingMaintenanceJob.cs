using NoCodeCrm.Engine.Scheduling;

namespace NoCodeCrm.Engine.Tests.Scheduling;

/// <summary>A maintenance job that fires every second and, once running, holds on until the test lets it finish.</summary>
public sealed class BlockingMaintenanceJob(string name) : IMaintenanceJob
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => name;
    public string Cron => "* * * * * ?";
    public Task Started => _started.Task;

    public void Release() => _release.TrySetResult();

    public async Task RunAsync(CancellationToken ct)
    {
        _started.TrySetResult();
        await _release.Task.ConfigureAwait(false);
    }
}
