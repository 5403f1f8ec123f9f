using System.Collections.Immutable;
using NoCodeCrm.Engine.Metadata.Conditions;

namespace NoCodeCrm.Engine.Metadata.Workflows;

/// <summary>A state machine over one entity's records: the step lives in a choice field the engine guards; chosen per record by <see cref="When"/>.</summary>
public sealed record WorkflowDefinition
{
    public required string Name { get; init; }
    public LocalizedText? Label { get; init; }
    public required string Entity { get; init; }
    /// <summary>The choice field holding the current step; every step name is one of its options.</summary>
    public required string Field { get; init; }
    /// <summary>Which records the workflow runs on; the first workflow of the document whose condition holds is the record's.</summary>
    public ConditionDefinition? When { get; init; }
    public ImmutableArray<WorkflowStepDefinition> Steps { get; init; } = [];
    public SlaDefinition? Sla { get; init; }
    /// <summary>A choice field (on_track, at_risk, breached) the engine keeps up to date, for lists and filters.</summary>
    public string? SlaField { get; init; }
    /// <summary>A datetime field the engine fills with the next SLA deadline (first response, then resolution).</summary>
    public string? SlaDueField { get; init; }
    /// <summary>A datetime field the engine fills with the current step's due time (empty for a step without one), for lists and filters.</summary>
    public string? StepDueField { get; init; }
}
