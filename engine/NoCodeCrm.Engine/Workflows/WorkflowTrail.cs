namespace NoCodeCrm.Engine.Workflows;

/// <summary>A record's place in its workflow and every step of the way there.</summary>
public sealed record WorkflowTrail(WorkflowState State, IReadOnlyList<WorkflowTrailEntry> Entries);
