namespace NoCodeCrm.Engine.Automation;

/// <summary>The automation part's own tables: the outbox of trigger events.</summary>
public static class AutomationTables
{
    /// <summary>Idempotent DDL, run by <see cref="Schema.SystemSchema"/> at start-up.</summary>
    public static string Ddl(string s) => $"""
        CREATE TABLE IF NOT EXISTS {s}.outbox (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            type text NOT NULL,
            entity text,
            record_id uuid,
            payload jsonb NOT NULL,
            depth integer NOT NULL DEFAULT 0,
            rule text,
            created_at timestamptz NOT NULL DEFAULT now(),
            available_at timestamptz NOT NULL DEFAULT now(),
            attempts integer NOT NULL DEFAULT 0,
            locked_until timestamptz,
            status text NOT NULL DEFAULT 'pending',
            last_error text
        );
        CREATE INDEX IF NOT EXISTS outbox_pending ON {s}.outbox (available_at) WHERE status = 'pending';

        """;
}
