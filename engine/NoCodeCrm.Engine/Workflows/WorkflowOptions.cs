namespace NoCodeCrm.Engine.Workflows;

/// <summary>The <c>Crm:Workflows</c> configuration section.</summary>
public sealed class WorkflowOptions
{
    /// <summary>When the SLA sweep runs (Quartz cron, seconds first, UTC): every minute by default.</summary>
    public string SweepCron { get; set; } = "0 * * * * ?";
    /// <summary>Timers fired per sweep query; the sweep repeats until none is due.</summary>
    public int BatchSize { get; set; } = 200;
}
