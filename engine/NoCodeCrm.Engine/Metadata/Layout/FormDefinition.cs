using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Metadata.Layout;

/// <summary>A record page's layout: tabs of sections of fields, and the related lists shown under it.</summary>
public sealed record FormDefinition
{
    public required string Name { get; init; }
    public required string Entity { get; init; }
    public LocalizedText? Label { get; init; }
    public ImmutableArray<FormTab> Tabs { get; init; } = [];
    public ImmutableArray<FormRelatedList> RelatedLists { get; init; } = [];
}
