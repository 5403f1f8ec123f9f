using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Metadata.Layout;

/// <summary>A titled group of fields in a tab, laid out in one to three columns.</summary>
public sealed record FormSection
{
    public required string Name { get; init; }
    public LocalizedText? Label { get; init; }
    public int Columns { get; init; } = 1;
    public ImmutableArray<string> Fields { get; init; } = [];
}
