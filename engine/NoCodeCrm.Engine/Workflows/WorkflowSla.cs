namespace NoCodeCrm.Engine.Workflows;

/// <summary>The SLA states the engine writes into a workflow's SLA field, and its timer kinds.</summary>
public static class WorkflowSla
{
    public const string OnTrack = "on_track";
    public const string AtRisk = "at_risk";
    public const string Breached = "breached";

    public const string FirstResponse = "first_response";
    public const string Resolution = "resolution";
    public const string Warning = "warning";
    public const string Breach = "breach";

    /// <summary>The target of a step's own due time (its timer kind is <see cref="Overdue"/>), apart from the workflow's SLA.</summary>
    public const string Step = "step";
    public const string Overdue = "overdue";
}
