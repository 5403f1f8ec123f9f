namespace NoCodeCrm.Engine.Compliance;

/// <summary>
/// The compliance part's tables: the deletion log (what was erased or deleted, when, by whom, on what legal basis —
/// never the values), restrictions of processing, retention runs, and the one function allowed to rewrite audit changes.
/// </summary>
public static class ComplianceTables
{
    /// <summary>KVKK: deletion logs are kept at least this long; the table refuses to lose younger rows.</summary>
    public const string DeletionLogKeep = "3 years";

    /// <summary>Idempotent DDL, run by <see cref="Schema.SystemSchema"/> at start-up (after the audit table).</summary>
    public static string Ddl(string s) => $"""
        CREATE TABLE IF NOT EXISTS {s}.deletion_log (
            id uuid PRIMARY KEY,
            at timestamptz NOT NULL DEFAULT now(),
            kind text NOT NULL,
            user_id uuid,
            user_name text NOT NULL,
            legal_basis text NOT NULL,
            reason text,
            subject_entity text,
            subject_id uuid,
            policy text,
            retention_run uuid,
            items jsonb NOT NULL,
            kept jsonb NOT NULL DEFAULT '[]',
            system jsonb NOT NULL DEFAULT jsonb_build_object()
        );
        CREATE INDEX IF NOT EXISTS deletion_log_subject ON {s}.deletion_log (subject_id) WHERE subject_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS deletion_log_at ON {s}.deletion_log (at);
        CREATE OR REPLACE FUNCTION {s}.deletion_log_guard() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
          IF TG_OP = 'DELETE' AND OLD.at < now() - interval '{DeletionLogKeep}' THEN RETURN OLD; END IF;
          RAISE EXCEPTION 'deletion log rows are kept unchanged for at least {DeletionLogKeep} (% on %.%)', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
        END $f$;
        CREATE OR REPLACE TRIGGER deletion_log_keep BEFORE UPDATE OR DELETE ON {s}.deletion_log
            FOR EACH ROW EXECUTE FUNCTION {s}.deletion_log_guard();
        CREATE OR REPLACE TRIGGER deletion_log_no_truncate BEFORE TRUNCATE ON {s}.deletion_log
            FOR EACH STATEMENT EXECUTE FUNCTION {s}.deletion_log_guard();
        CREATE TABLE IF NOT EXISTS {s}.restriction (
            subject_entity text NOT NULL,
            subject_id uuid NOT NULL,
            reason text,
            restricted_by uuid,
            restricted_by_name text NOT NULL,
            restricted_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (subject_entity, subject_id)
        );
        CREATE TABLE IF NOT EXISTS {s}.retention_run (
            id uuid PRIMARY KEY,
            started_at timestamptz NOT NULL DEFAULT now(),
            finished_at timestamptz,
            trigger text NOT NULL,
            user_name text NOT NULL,
            summary jsonb,
            error text
        );
        ALTER TABLE {s}.retention_run ADD COLUMN IF NOT EXISTS policy text, ADD COLUMN IF NOT EXISTS records_affected integer NOT NULL DEFAULT 0;
        CREATE INDEX IF NOT EXISTS retention_run_started ON {s}.retention_run (started_at DESC, id DESC);
        CREATE OR REPLACE FUNCTION {s}.audit_erase_changes(ids bigint[], new_changes jsonb[]) RETURNS integer
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
        DECLARE n integer;
        BEGIN
          PERFORM set_config('nocodecrm.audit_erasure', 'on', true);
          UPDATE {s}.audit a SET changes = u.c FROM unnest(ids, new_changes) AS u(id, c) WHERE a.id = u.id;
          GET DIAGNOSTICS n = ROW_COUNT;
          PERFORM set_config('nocodecrm.audit_erasure', 'off', true);
          RETURN n;
        END $f$;

        """;
}
