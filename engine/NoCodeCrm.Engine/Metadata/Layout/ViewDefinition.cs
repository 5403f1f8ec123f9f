using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Metadata.Layout;

/// <summary>A list of an entity's records: columns (field paths such as <c>company/name</c>), sort and filter in the query language.</summary>
public sealed record ViewDefinition
{
    public required string Name { get; init; }
    public required string Entity { get; init; }
    public LocalizedText? Label { get; init; }
    public ImmutableArray<string> Columns { get; init; } = [];
    /// <summary>An <c>$orderby</c> expression, e.g. <c>last_name asc</c>.</summary>
    public string? Sort { get; init; }
    /// <summary>A <c>$filter</c> expression applied before the user's own filters.</summary>
    public string? Filter { get; init; }
    /// <summary>The entity's default list; at most one per entity.</summary>
    public bool Default { get; init; }
}
