namespace NoCodeCrm.Engine.Automation.Execution;

/// <summary>How automation runs: batch sizes, the lease a worker holds on a run, retries and loop protection (configuration <c>Crm:Automation</c>).</summary>
public sealed record AutomationOptions
{
    /// <summary>Whether this node runs automation workers (a node can serve only the API).</summary>
    public bool WorkerEnabled { get; init; } = true;
    public int BatchSize { get; init; } = 32;
    /// <summary>Runs one node executes at once.</summary>
    public int Parallelism { get; init; } = 16;
    /// <summary>A run whose worker died (crash, SIGKILL) is taken over by another once its lease has run out.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Attempts of a failing action before the run is dead-lettered.</summary>
    public int MaxAttempts { get; init; } = 5;
    /// <summary>The first retry's delay; each further one doubles it.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Automation-caused writes deeper than this stop the chain (a rule that triggers itself).</summary>
    public int MaxDepth { get; init; } = 8;
    /// <summary>How often workers look for due work when no notification arrives (waits and retries falling due).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
