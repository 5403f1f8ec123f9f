namespace NoCodeCrm.Engine.Scheduling;

/// <summary>The scheduling part's own tables: tick and occurrence ledgers, sweep watermarks and the trigger sync marker.</summary>
public static class SchedulingTables
{
    /// <summary>Prefix of Quartz's own tables, inside the system schema (Quartz creates them itself).</summary>
    public const string QuartzTablePrefix = "qrtz_";

    /// <summary>Idempotent DDL, run by <see cref="Schema.SystemSchema"/> at start-up.</summary>
    public static string Ddl(string s) => $"""
        CREATE TABLE IF NOT EXISTS {s}.schedule_ledger (
            rule text NOT NULL,
            scheduled_at timestamptz NOT NULL,
            fired_at timestamptz NOT NULL,
            PRIMARY KEY (rule, scheduled_at)
        );
        CREATE TABLE IF NOT EXISTS {s}.date_relative_ledger (
            rule text NOT NULL,
            record_id uuid NOT NULL,
            occurrence date NOT NULL,
            due_at timestamptz NOT NULL,
            enqueued_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (rule, record_id, occurrence)
        );
        CREATE INDEX IF NOT EXISTS date_relative_ledger_due ON {s}.date_relative_ledger (due_at);
        CREATE TABLE IF NOT EXISTS {s}.date_relative_watermark (
            rule text PRIMARY KEY,
            watermark timestamptz NOT NULL,
            first_seen timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE IF NOT EXISTS {s}.schedule_sync (
            id integer PRIMARY KEY CHECK (id = 1),
            model_version integer NOT NULL,
            synced_at timestamptz NOT NULL DEFAULT now()
        );

        """;
}
