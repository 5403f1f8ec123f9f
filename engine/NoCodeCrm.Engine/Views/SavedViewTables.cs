namespace NoCodeCrm.Engine.Views;

/// <summary>Users' own list views (filter, sort, search), private or shared with their team or everyone.</summary>
public static class SavedViewTables
{
    /// <summary>Idempotent DDL, run by <see cref="Schema.SystemSchema"/> at start-up.</summary>
    public static string Ddl(string s) => $"""
        CREATE TABLE IF NOT EXISTS {s}.saved_view (
            id uuid PRIMARY KEY,
            entity text NOT NULL,
            name text NOT NULL,
            owner uuid NOT NULL,
            sharing text NOT NULL DEFAULT 'private' CHECK (sharing IN ('private', 'team', 'everyone')),
            filter text,
            order_by text,
            search text,
            conditions jsonb,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE UNIQUE INDEX IF NOT EXISTS saved_view_name ON {s}.saved_view (owner, entity, lower(name));
        CREATE INDEX IF NOT EXISTS saved_view_entity ON {s}.saved_view (entity, sharing);

        """;
}
