namespace NoCodeCrm.Engine.Consent;

/// <summary>
/// The consent part's tables. <c>consent</c> is append-only: every decision is a new row and the current state of a
/// person × channel × purpose is its row with the highest <c>seq</c> (not the newest time: the clock can jump).
/// </summary>
public static class ConsentTables
{
    /// <summary>Idempotent DDL, run by <see cref="Schema.SystemSchema"/> at start-up.</summary>
    public static string Ddl(string s) => $"""
        CREATE TABLE IF NOT EXISTS {s}.consent (
            id uuid PRIMARY KEY,
            seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
            subject_entity text NOT NULL,
            subject_id uuid NOT NULL,
            channel text NOT NULL,
            purpose text NOT NULL,
            status text NOT NULL,
            recipient text,
            source text NOT NULL,
            text_version text,
            valid_until date,
            decided_at timestamptz NOT NULL,
            proof_ip text,
            proof_user_agent text,
            proof_document text,
            recorded_by uuid,
            recorded_by_name text NOT NULL,
            recorded_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX IF NOT EXISTS consent_subject ON {s}.consent (subject_entity, subject_id, channel, purpose, seq DESC);
        CREATE TABLE IF NOT EXISTS {s}.consent_text (
            id uuid PRIMARY KEY,
            purpose text NOT NULL,
            channel text,
            version text NOT NULL,
            text text NOT NULL,
            changed_by uuid,
            changed_by_name text NOT NULL,
            changed_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE UNIQUE INDEX IF NOT EXISTS consent_text_version ON {s}.consent_text (purpose, coalesce(channel, ''), version);

        """;
}
