using NoCodeCrm.Engine.Metadata.Conditions;

namespace NoCodeCrm.Engine.Metadata;

/// <summary>
/// An entity-level validation rule: when <see cref="Condition"/> holds, the record is invalid and the write is refused
/// with <see cref="Message"/> on <see cref="Field"/> (or on the whole record).
/// </summary>
public sealed record ValidationRuleDefinition
{
    public required string Name { get; init; }
    /// <summary>Describes the invalid case ("discount above 20 % without approval").</summary>
    public required ConditionDefinition Condition { get; init; }
    /// <summary>The field the message belongs to; the message path is <c>$.&lt;field&gt;</c>, or <c>$</c> when absent.</summary>
    public string? Field { get; init; }
    public LocalizedText? Message { get; init; }
}
