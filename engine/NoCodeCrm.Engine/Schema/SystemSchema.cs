using Dapper;
using Npgsql;

namespace NoCodeCrm.Engine.Schema;

/// <summary>Creates the engine's own tables and helper functions once per database, safely from several nodes at once.</summary>
public static class SystemSchema
{
    public static async Task EnsureAsync(NpgsqlConnection connection, SchemaNames names, CancellationToken ct)
    {
        var s = Sql.Quote(names.SystemSchema);
        var ddl = $$"""
            SELECT pg_advisory_xact_lock(hashtext('nocodecrm.bootstrap'));
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE SCHEMA IF NOT EXISTS {{s}};
            CREATE SCHEMA IF NOT EXISTS {{Sql.Quote(names.DataSchema)}};
            CREATE TABLE IF NOT EXISTS {{s}}.metadata_version (
                version integer PRIMARY KEY,
                document jsonb NOT NULL,
                author text NOT NULL,
                published_at timestamptz NOT NULL DEFAULT now(),
                comment text,
                restored_from integer
            );
            CREATE TABLE IF NOT EXISTS {{s}}.secret (
                name text PRIMARY KEY,
                value bytea NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE OR REPLACE FUNCTION {{s}}.try_numeric(v text) RETURNS numeric LANGUAGE plpgsql IMMUTABLE AS $f$
            BEGIN RETURN trim(v)::numeric; EXCEPTION WHEN others THEN RETURN NULL; END $f$;
            CREATE OR REPLACE FUNCTION {{s}}.try_date(v text) RETURNS date LANGUAGE plpgsql IMMUTABLE AS $f$
            BEGIN
              IF trim(v) !~ '^\d{4}-\d{2}-\d{2}$' THEN RETURN NULL; END IF;
              RETURN trim(v)::date;
            EXCEPTION WHEN others THEN RETURN NULL; END $f$;
            CREATE OR REPLACE FUNCTION {{s}}.try_timestamptz(v text) RETURNS timestamptz LANGUAGE plpgsql STABLE AS $f$
            BEGIN
              IF trim(v) !~ '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|z|[+-]\d{2}(:?\d{2})?)$' THEN RETURN NULL; END IF;
              RETURN trim(v)::timestamptz;
            EXCEPTION WHEN others THEN RETURN NULL; END $f$;
            CREATE OR REPLACE FUNCTION {{s}}.autonumber(seq regclass, prefix text, digits integer, suffix text) RETURNS text
            LANGUAGE plpgsql VOLATILE AS $f$
            DECLARE n text := nextval(seq)::text;
            BEGIN RETURN prefix || lpad(n, greatest(digits, length(n)), '0') || suffix; END $f$;
            """
            // Each part of the engine appends its own tables here, one line each.
            + Automation.AutomationTables.Ddl(s)
            + Messaging.MessagingTables.Ddl(s)
            + Consent.ConsentTables.Ddl(s)
            + Events.EventTables.Ddl(s)
            + Scheduling.SchedulingTables.Ddl(s)
            + Security.Directory.DirectoryTables.Ddl(s)
            + Security.Sharing.ShareTables.Ddl(s)
            + Audit.AuditTables.Ddl(s)
            + Compliance.ComplianceTables.Ddl(s)
            + Pipelines.PipelineTables.Ddl(s)
            + Workflows.WorkflowTables.Ddl(s)
            + Views.SavedViewTables.Ddl(s);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(ddl, transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }
}
