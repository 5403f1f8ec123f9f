namespace NoCodeCrm.Engine.Metadata;

/// <summary>One value of a choice or multiChoice field's option set.</summary>
public sealed record OptionDefinition
{
    public required string Value { get; init; }
    public LocalizedText? Label { get; init; }
    public string? Color { get; init; }
}
