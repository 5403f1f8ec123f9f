using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Metadata.Workflows;

/// <summary>Opening hours (<c>HH:mm</c> to <c>HH:mm</c>) on some days of the week (monday … sunday).</summary>
public sealed record BusinessHoursDefinition
{
    public ImmutableArray<string> Days { get; init; } = [];
    public required string From { get; init; }
    public required string To { get; init; }
}
