namespace NoCodeCrm.Engine.Workflows;

/// <summary>Where a record stands in its workflow: step, since when, who has it, and its SLA deadlines and state.</summary>
public sealed record WorkflowState
{
    public string Workflow { get; init; } = "";
    public string Step { get; init; } = "";
    public string? PreviousStep { get; init; }
    public DateTime StartedAt { get; init; }
    public DateTime StepEnteredAt { get; init; }
    public DateTime? StepDueAt { get; init; }
    /// <summary>The user the step assigned the record to; escalation goes up from them.</summary>
    public Guid? Assignee { get; init; }
    public int EscalationLevel { get; init; }
    public DateTime? FirstResponseDue { get; init; }
    public DateTime? FirstRespondedAt { get; init; }
    public DateTime? ResolutionDue { get; init; }
    public DateTime? ResolvedAt { get; init; }
    public string? SlaState { get; init; }
}
