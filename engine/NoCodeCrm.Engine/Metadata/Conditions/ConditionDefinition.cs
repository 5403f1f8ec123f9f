using System.Collections.Immutable;
using System.Text.Json;

namespace NoCodeCrm.Engine.Metadata.Conditions;

/// <summary>
/// A no-code condition tree node: exactly one of <c>all</c>, <c>any</c>, <c>not</c>, a field comparison
/// (<c>field</c> + <c>operator</c> + <c>value</c>, with lookup paths like <c>company/sector</c>) or a <c>script</c> escape hatch.
/// </summary>
public sealed record ConditionDefinition
{
    public ImmutableArray<ConditionDefinition> All { get; init; } = [];
    public ImmutableArray<ConditionDefinition> Any { get; init; } = [];
    public ConditionDefinition? Not { get; init; }
    /// <summary>A field of the record, or a path through lookups (<c>company/sector</c>).</summary>
    public string? Field { get; init; }
    /// <summary>eq ne gt ge lt le in notIn contains startsWith endsWith isNull isNotNull has changed.</summary>
    public string? Operator { get; init; }
    public JsonElement? Value { get; init; }
    /// <summary>A Jint expression over <c>record</c>, <c>previous</c>, <c>user</c> and <c>now</c>; the escape hatch.</summary>
    public string? Script { get; init; }
}
