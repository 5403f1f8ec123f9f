using System.Collections.Frozen;

namespace NoCodeCrm.Engine.Schema;

/// <summary>The columns every entity table (and every link table) has; their names are reserved for fields.</summary>
public static class SystemColumns
{
    public const string Id = "id";
    public const string Version = "version";
    public const string CreatedAt = "created_at";
    public const string CreatedBy = "created_by";
    public const string UpdatedAt = "updated_at";
    public const string UpdatedBy = "updated_by";
    public const string Owner = "owner";
    public const string OwningTeam = "owning_team";
    public const string OwningDepartment = "owning_department";
    public const string DeletedAt = "deleted_at";
    public const string SourceId = "source_id";
    public const string TargetId = "target_id";

    /// <summary>Entity system columns in table order, with their PostgreSQL definitions.</summary>
    public static readonly IReadOnlyList<(string Name, string Definition)> Entity =
    [
        (Id, "uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY"),
        (Version, "integer NOT NULL DEFAULT 1"),
        (CreatedAt, "timestamptz NOT NULL DEFAULT now()"),
        (CreatedBy, "uuid"),
        (UpdatedAt, "timestamptz NOT NULL DEFAULT now()"),
        (UpdatedBy, "uuid"),
        (Owner, "uuid"),
        (OwningTeam, "uuid"),
        (OwningDepartment, "uuid"),
        (DeletedAt, "timestamptz"),
    ];

    /// <summary>The read-only system columns a record shows in the API (writable: only owner).</summary>
    public static readonly IReadOnlyList<string> EntityNames = Entity.Select(c => c.Name).ToArray();

    public static readonly FrozenSet<string> Reserved =
        Entity.Select(c => c.Name).Concat([SourceId, TargetId]).ToFrozenSet(StringComparer.Ordinal);
}
