namespace NoCodeCrm.Engine.Metadata.Rollups;

/// <summary>
/// Makes a field a rollup: an aggregate over the records of another entity that look this record up through <see cref="Via"/>,
/// stored in the field's column and kept current by the engine.
/// </summary>
public sealed record RollupDefinition
{
    /// <summary>The entity whose records are aggregated (the child).</summary>
    public required string Entity { get; init; }
    /// <summary>The lookup field on the child entity that points at the entity owning the rollup field.</summary>
    public required string Via { get; init; }
    // Written even when it is the enum default (count): a rollup without an aggregate is not a rollup.
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public required RollupAggregate Aggregate { get; init; }
    /// <summary>The child field aggregated; not used by <c>count</c>.</summary>
    public string? Field { get; init; }
    /// <summary>An OData-style <c>$filter</c> over the child's own fields; only matching children count.</summary>
    public string? Filter { get; init; }
    /// <summary>Keeps only children whose date falls within the last days or months.</summary>
    public RollupWindow? Window { get; init; }
}
