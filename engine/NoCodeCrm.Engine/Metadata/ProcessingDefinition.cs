using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Metadata;

/// <summary>
/// Why and on what legal basis an entity's personal data is processed (KVKK art. 5/6, VERBİS; GDPR art. 30), read by
/// <c>GET /api/compliance/processing-record</c>.
/// </summary>
public sealed record ProcessingDefinition
{
    public required string Purpose { get; init; }
    /// <summary>One of <see cref="Compliance.ProcessingRecordBuilder.LegalBases"/>.</summary>
    public required string LegalBasis { get; init; }
    /// <summary>Data categories held (identity, contact, finance…).</summary>
    public ImmutableArray<string> Categories { get; init; } = [];
    /// <summary>How long the data is kept, in words (e.g. "10 years after the contract ends, TTK 82").</summary>
    public string? Retention { get; init; }
}
