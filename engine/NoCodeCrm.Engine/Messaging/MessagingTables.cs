namespace NoCodeCrm.Engine.Messaging;

/// <summary>The messaging part's own table: every message sent (or refused) through a channel.</summary>
public static class MessagingTables
{
    /// <summary>Idempotent DDL, run by <see cref="Schema.SystemSchema"/> at start-up.</summary>
    public static string Ddl(string s) => $"""
        CREATE TABLE IF NOT EXISTS {s}.message (
            id uuid PRIMARY KEY,
            channel text NOT NULL,
            recipient text NOT NULL,
            subject text,
            text text,
            html text,
            status text NOT NULL,
            provider_response text,
            provider_message_id text,
            error text,
            entity text,
            record_id uuid,
            rule text,
            action_key text UNIQUE,
            language text,
            attempts integer NOT NULL DEFAULT 0,
            created_at timestamptz NOT NULL DEFAULT now(),
            sent_at timestamptz,
            opened_at timestamptz,
            open_count integer NOT NULL DEFAULT 0,
            click_count integer NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS message_record ON {s}.message (entity, record_id, created_at DESC);
        CREATE INDEX IF NOT EXISTS message_created ON {s}.message (created_at DESC);

        """;
}
