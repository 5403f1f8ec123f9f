using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Metadata.Pipelines;

/// <summary>
/// A sales (or any) process over one entity: ordered stages held in a choice field the engine guards. Several pipelines
/// may share an entity and field; a <see cref="Selector"/> then says which records each one covers.
/// </summary>
public sealed record PipelineDefinition
{
    public required string Name { get; init; }
    public LocalizedText? Label { get; init; }
    public required string Entity { get; init; }
    /// <summary>The choice field holding the record's stage; every stage is one of its options.</summary>
    public required string Field { get; init; }
    /// <summary>Which records belong to this pipeline (e.g. <c>sales_type = corporate</c>); none means every record.</summary>
    public PipelineSelector? Selector { get; init; }
    /// <summary>The number field summed on the board and in the forecast; default <c>amount</c> when the entity has it.</summary>
    public string? AmountField { get; init; }
    /// <summary>The date the forecast puts a record in a period by; default <c>expected_close_date</c> when the entity has it.</summary>
    public string? CloseDateField { get; init; }
    public ImmutableArray<StageDefinition> Stages { get; init; } = [];
}
