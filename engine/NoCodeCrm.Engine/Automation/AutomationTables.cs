namespace NoCodeCrm.Engine.Automation;

/// <summary>The automation part's own tables: the outbox of trigger events, runs with their step log, and action effects.</summary>
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
        CREATE TABLE IF NOT EXISTS {s}.automation_run (
            id uuid PRIMARY KEY,
            rule text NOT NULL,
            trigger_type text NOT NULL,
            outbox_id bigint,
            entity text,
            record_id uuid,
            depth integer NOT NULL DEFAULT 0,
            input jsonb NOT NULL,
            status text NOT NULL,
            next_step integer NOT NULL DEFAULT 0,
            attempts integer NOT NULL DEFAULT 0,
            available_at timestamptz NOT NULL DEFAULT now(),
            locked_until timestamptz,
            steps jsonb NOT NULL DEFAULT '[]',
            last_error text,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now(),
            finished_at timestamptz,
            UNIQUE (outbox_id, rule)
        );
        CREATE INDEX IF NOT EXISTS automation_run_due ON {s}.automation_run (available_at) WHERE status IN ('pending', 'waiting', 'retrying', 'running');
        CREATE INDEX IF NOT EXISTS automation_run_rule ON {s}.automation_run (rule, created_at DESC);
        CREATE INDEX IF NOT EXISTS automation_run_record ON {s}.automation_run (record_id, created_at DESC);
        CREATE TABLE IF NOT EXISTS {s}.automation_effect (
            action_key text PRIMARY KEY,
            entity text,
            record_id uuid,
            result jsonb,
            created_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE IF NOT EXISTS {s}.automation_counter (
            name text PRIMARY KEY,
            value bigint NOT NULL DEFAULT 0
        );

        """;
}
