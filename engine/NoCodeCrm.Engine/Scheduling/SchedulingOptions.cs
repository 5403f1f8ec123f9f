namespace NoCodeCrm.Engine.Scheduling;

/// <summary>The <c>Crm:Scheduling</c> configuration section.</summary>
public sealed class SchedulingOptions
{
    /// <summary>Off: this node runs no scheduler (the others of the cluster still do).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>How often the date-relative sweep runs; each run catches up from the last one.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>This node's name in the Quartz cluster; generated when empty.</summary>
    public string? InstanceId { get; set; }
    /// <summary>How often a node tells the cluster it is alive; a node silent for longer has its jobs recovered by another.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);
    /// <summary>Concurrent jobs per node.</summary>
    public int MaxConcurrency { get; set; } = 4;
}
