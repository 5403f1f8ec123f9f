namespace NoCodeCrm.Engine.Events;

/// <summary>The inbound events part's own table: what happened to a record outside the CRM (opens, clicks, forms…).</summary>
public static class EventTables
{
    /// <summary>Idempotent DDL, run by <see cref="Schema.SystemSchema"/> at start-up.</summary>
    public static string Ddl(string s) => $"""
        CREATE TABLE IF NOT EXISTS {s}.event (
            id uuid PRIMARY KEY,
            type text NOT NULL,
            entity text NOT NULL,
            record_id uuid NOT NULL,
            occurred_at timestamptz NOT NULL,
            received_at timestamptz NOT NULL DEFAULT now(),
            data jsonb NOT NULL DEFAULT jsonb_build_object(),
            source text NOT NULL,
            message_id uuid
        );
        CREATE INDEX IF NOT EXISTS event_record ON {s}.event (entity, record_id, occurred_at DESC);
        CREATE INDEX IF NOT EXISTS event_type ON {s}.event (type, occurred_at DESC);

        """;
}
