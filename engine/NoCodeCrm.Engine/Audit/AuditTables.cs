namespace NoCodeCrm.Engine.Audit;

/// <summary>The audit part's table: an append-only history of record writes, sensitive reads and exports.</summary>
public static class AuditTables
{
    /// <summary>Idempotent DDL, run by <see cref="Schema.SystemSchema"/> at start-up.</summary>
    /// <remarks>
    /// The triggers make the table append-only for every session, so neither an API nor a bug in the engine can rewrite
    /// history; only the table's owner can get past them (by disabling the trigger). Erasure of a data subject is the one
    /// deliberate path through: <c>audit_erase_changes</c> rewrites the <c>changes</c> of given rows, and is logged.
    /// </remarks>
    public static string Ddl(string s) => $"""
        CREATE TABLE IF NOT EXISTS {s}.audit (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at timestamptz NOT NULL DEFAULT now(),
            user_id uuid,
            user_name text,
            source text NOT NULL,
            rule text,
            action_key text,
            entity text NOT NULL,
            record_id uuid,
            operation text NOT NULL,
            changes jsonb,
            record_ids uuid[],
            fields text[],
            cascade_of text
        );
        CREATE INDEX IF NOT EXISTS audit_record ON {s}.audit (record_id) WHERE record_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS audit_record_ids ON {s}.audit USING gin (record_ids) WHERE record_ids IS NOT NULL;
        CREATE INDEX IF NOT EXISTS audit_user ON {s}.audit (user_id, at);
        CREATE INDEX IF NOT EXISTS audit_at ON {s}.audit (at, id);
        CREATE OR REPLACE FUNCTION {s}.audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
          -- The one way past (see Compliance.ComplianceTables): data-subject erasure, inside audit_erase_changes, may
          -- rewrite the changes of a row and nothing else.
          IF TG_OP = 'UPDATE' AND current_setting('nocodecrm.audit_erasure', true) = 'on'
             AND (to_jsonb(NEW) - 'changes') = (to_jsonb(OLD) - 'changes') THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'audit rows cannot be changed or deleted (% on %.%)', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
        END $f$;
        CREATE OR REPLACE TRIGGER audit_no_update_delete BEFORE UPDATE OR DELETE ON {s}.audit
            FOR EACH ROW EXECUTE FUNCTION {s}.audit_append_only();
        CREATE OR REPLACE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {s}.audit
            FOR EACH STATEMENT EXECUTE FUNCTION {s}.audit_append_only();

        """;
}
