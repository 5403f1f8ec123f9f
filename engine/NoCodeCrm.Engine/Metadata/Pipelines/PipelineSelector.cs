namespace NoCodeCrm.Engine.Metadata.Pipelines;

/// <summary>A pipeline covers the records whose <see cref="Field"/> (a choice or text field) holds <see cref="Value"/>.</summary>
public sealed record PipelineSelector
{
    public required string Field { get; init; }
    public required string Value { get; init; }
}
