using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Metadata.Layout;

/// <summary>One tab of a form.</summary>
public sealed record FormTab
{
    public required string Name { get; init; }
    public LocalizedText? Label { get; init; }
    public ImmutableArray<FormSection> Sections { get; init; } = [];
}
