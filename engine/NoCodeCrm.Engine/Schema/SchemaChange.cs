using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Schema;

/// <summary>One structural difference between two models that the database must follow.</summary>
public abstract record SchemaChange
{
    /// <summary>The owning table: an entity or relation name.</summary>
    public required string Table { get; init; }
}

/// <summary>A new entity or relation table.</summary>
public sealed record CreateTableChange(bool IsRelation, string? From, string? To) : SchemaChange;

/// <summary>A new field (column) on an existing table.</summary>
public sealed record AddFieldChange(FieldDefinition Field) : SchemaChange;

/// <summary>A field whose type or physical settings (unique, searchable, options, lookup behaviour…) changed.</summary>
public sealed record AlterFieldChange(FieldDefinition Before, FieldDefinition After) : SchemaChange;

/// <summary>The model's language changed, so every text column takes a new collation.</summary>
public sealed record ChangeCollationChange(FieldDefinition Field) : SchemaChange;
