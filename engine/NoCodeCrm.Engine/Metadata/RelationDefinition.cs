using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Metadata;

/// <summary>A many-to-many relation between two entities; its links may carry fields of their own.</summary>
public sealed record RelationDefinition
{
    public required string Name { get; init; }
    /// <summary>The entity on the first side (its ids are the link's <c>source_id</c>).</summary>
    public required string From { get; init; }
    /// <summary>The entity on the second side (its ids are the link's <c>target_id</c>).</summary>
    public required string To { get; init; }
    public LocalizedText? Label { get; init; }
    public ImmutableArray<FieldDefinition> Fields { get; init; } = [];
    public bool Retired { get; init; }
}
