using NoCodeCrm.Engine.Metadata.Conditions;

namespace NoCodeCrm.Engine.Metadata.Workflows;

/// <summary>An allowed move to another step, optionally only while a condition (tree or script) holds.</summary>
public sealed record TransitionDefinition
{
    public required string To { get; init; }
    public ConditionDefinition? When { get; init; }
    public LocalizedText? Label { get; init; }
}
