using System.Collections.Immutable;
using System.Text.Json;

namespace NoCodeCrm.Engine.Metadata;

/// <summary>A field of an entity (or of a many-to-many link): one typed column.</summary>
public sealed record FieldDefinition
{
    public required string Name { get; init; }
    // Written even when it is the enum default (text): a field without a type is not a field.
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public required FieldType Type { get; init; }
    public LocalizedText? Label { get; init; }
    public LocalizedText? HelpText { get; init; }
    public bool Required { get; init; }
    public bool Unique { get; init; }
    public bool Searchable { get; init; }
    /// <summary>A literal default in the field's JSON form, applied when a new record leaves the field out.</summary>
    public JsonElement? Default { get; init; }
    public decimal? Min { get; init; }
    public decimal? Max { get; init; }
    public int? MaxLength { get; init; }
    public string? Pattern { get; init; }
    public int? Precision { get; init; }
    public int? Scale { get; init; }
    public ImmutableArray<OptionDefinition> Options { get; init; } = [];
    /// <summary>The entity a lookup points at.</summary>
    public string? Target { get; init; }
    public OnDeleteBehavior? OnDelete { get; init; }
    /// <summary>An autonumber's format, e.g. <c>SR-{00000}</c>.</summary>
    public string? Format { get; init; }
    /// <summary>Retired fields keep their column and data but are hidden everywhere until purged.</summary>
    public bool Retired { get; init; }
    /// <summary>Marks personal data, read by export, erasure, masking and retention.</summary>
    public bool PersonalData { get; init; }
    /// <summary>Why the law requires keeping the value (e.g. "VUK 253: 5 years"); erasure leaves such a field and says so in the deletion log.</summary>
    public string? LegalRetention { get; init; }
    /// <summary>The category of personal data for the record of processing (identity, contact, finance…).</summary>
    public string? DataCategory { get; init; }
    /// <summary>Field-level security applies: only roles that name the field may read or update it.</summary>
    public bool Sensitive { get; init; }
    /// <summary>A calculated field: a rule script whose result is stored on every write; the API cannot write the field.</summary>
    public string? Formula { get; init; }
    /// <summary>A rule script giving the value of a new record that leaves the field out.</summary>
    public string? DefaultExpression { get; init; }
    /// <summary>Makes the field a read-only aggregate over related records, maintained by the engine.</summary>
    public Rollups.RollupDefinition? Rollup { get; init; }
}
