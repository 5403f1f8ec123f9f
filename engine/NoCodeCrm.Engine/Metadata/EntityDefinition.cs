using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Metadata;

/// <summary>An entity: one table of CRM records with its fields.</summary>
public sealed record EntityDefinition
{
    public required string Name { get; init; }
    public LocalizedText? Label { get; init; }
    public LocalizedText? PluralLabel { get; init; }
    public LocalizedText? Description { get; init; }
    /// <summary>The field that names a record in lists, lookups and titles.</summary>
    public string? PrimaryField { get; init; }
    /// <summary>Where the entity sits in the navigation: marketing, sales, service or settings.</summary>
    public string? Module { get; init; }
    /// <summary>The navigation icon, one of a small set the SPA draws (person, building, briefcase…).</summary>
    public string? Icon { get; init; }
    public ImmutableArray<FieldDefinition> Fields { get; init; } = [];
    /// <summary>Retired entities keep their table and data but are hidden until purged.</summary>
    public bool Retired { get; init; }
    /// <summary>Purpose, legal basis and data categories of the personal data this entity holds (record of processing).</summary>
    public ProcessingDefinition? Processing { get; init; }
    /// <summary>Validation rules checked on every write after defaults and calculated fields.</summary>
    public ImmutableArray<ValidationRuleDefinition> Rules { get; init; } = [];

    public FieldDefinition? FindField(string name)
    {
        foreach (var field in Fields)
            if (field.Name == name) return field;
        return null;
    }
}
