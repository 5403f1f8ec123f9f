using NoCodeCrm.Engine.Scheduling;

namespace NoCodeCrm.Engine.Tests.Scheduling;

/// <summary>A maintenance job that records each run and whether two runs ever overlapped.</summary>
public sealed class CountingMaintenanceJob(string name, string cron) : IMaintenanceJob
{
    private int _running;
    private int _runs;

    public string Name => name;
    public string Cron => cron;
    public int Runs => Volatile.Read(ref _runs);
    public bool Overlapped { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        if (Interlocked.Increment(ref _running) > 1) Overlapped = true;
        Interlocked.Increment(ref _runs);
        await Task.Delay(50, ct);
        Interlocked.Decrement(ref _running);
    }
}
