using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Metadata.Workflows;

/// <summary>Business hours SLA time runs in: weekly opening hours in a time zone, minus holidays.</summary>
public sealed record CalendarDefinition
{
    public required string Name { get; init; }
    public LocalizedText? Label { get; init; }
    /// <summary>IANA time zone, e.g. Europe/Istanbul (default UTC).</summary>
    public string? TimeZone { get; init; }
    public ImmutableArray<BusinessHoursDefinition> Hours { get; init; } = [];
    /// <summary>Days without business hours (yyyy-MM-dd).</summary>
    public ImmutableArray<string> Holidays { get; init; } = [];
}
