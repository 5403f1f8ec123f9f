using System.Collections.Immutable;
using NoCodeCrm.Engine.Metadata.Conditions;

namespace NoCodeCrm.Engine.Metadata.Automation;

/// <summary>An automation rule a key user designed: when the trigger fires and the condition holds, run the actions in order.</summary>
public sealed record AutomationDefinition
{
    public required string Name { get; init; }
    public LocalizedText? Label { get; init; }
    public LocalizedText? Description { get; init; }
    /// <summary>A disabled rule stays in the document but never fires.</summary>
    public bool Disabled { get; init; }
    public required TriggerDefinition Trigger { get; init; }
    public ConditionDefinition? Condition { get; init; }
    public ImmutableArray<ActionDefinition> Actions { get; init; } = [];
}
