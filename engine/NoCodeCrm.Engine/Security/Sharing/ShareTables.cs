namespace NoCodeCrm.Engine.Security.Sharing;

/// <summary>Record shares: a record opened to a user or a team beyond its owner's scope.</summary>
public static class ShareTables
{
    /// <summary>Idempotent DDL, run by <see cref="Schema.SystemSchema"/> at start-up.</summary>
    public static string Ddl(string s) => $"""
        CREATE TABLE IF NOT EXISTS {s}.record_share (
            id uuid PRIMARY KEY,
            entity text NOT NULL,
            record_id uuid NOT NULL,
            user_id uuid REFERENCES {s}.app_user (id),
            team_id uuid REFERENCES {s}.team (id),
            access text NOT NULL CHECK (access IN ('read', 'update')),
            shared_by uuid NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            CHECK ((user_id IS NULL) <> (team_id IS NULL))
        );
        CREATE UNIQUE INDEX IF NOT EXISTS record_share_target ON {s}.record_share (entity, record_id, coalesce(user_id, team_id));
        CREATE INDEX IF NOT EXISTS record_share_user ON {s}.record_share (user_id) WHERE user_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS record_share_team ON {s}.record_share (team_id) WHERE team_id IS NOT NULL;

        """;
}
