using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Metadata.Workflows;

/// <summary>One step of a workflow: who gets the record on entry, by when, whether it needs approval, and where it may go next.</summary>
public sealed record WorkflowStepDefinition
{
    public required string Name { get; init; }
    public LocalizedText? Label { get; init; }
    public AssigneeDefinition? Assignee { get; init; }
    /// <summary>An ISO-8601 duration (<c>PT4H</c>, <c>P2D</c>): how long the step may take, in the SLA calendar's working time when it has one.</summary>
    public string? Due { get; init; }
    public ApprovalDefinition? Approval { get; init; }
    public ImmutableArray<TransitionDefinition> Transitions { get; init; } = [];
    /// <summary>Messages sent from templates when a record enters the step.</summary>
    public ImmutableArray<NotifyDefinition> Notify { get; init; } = [];
    /// <summary>Reaching a final step resolves the record (the resolution SLA is met).</summary>
    public bool Final { get; init; }
}
