namespace NoCodeCrm.Engine.Workflows;

/// <summary>Workflow state per record, the trail of every step, SLA timers (one row per record, target and kind) and round-robin turns.</summary>
public static class WorkflowTables
{
    /// <summary>Idempotent DDL, run by <see cref="Schema.SystemSchema"/> at start-up.</summary>
    public static string Ddl(string s) => $"""
        CREATE TABLE IF NOT EXISTS {s}.workflow_state (
            entity text NOT NULL,
            record_id uuid NOT NULL,
            workflow text NOT NULL,
            step text NOT NULL,
            previous_step text,
            started_at timestamptz NOT NULL,
            step_entered_at timestamptz NOT NULL,
            step_due_at timestamptz,
            assignee uuid,
            escalation_level integer NOT NULL DEFAULT 0,
            first_response_due timestamptz,
            first_responded_at timestamptz,
            resolution_due timestamptz,
            resolved_at timestamptz,
            sla_state text,
            PRIMARY KEY (entity, record_id)
        );
        CREATE TABLE IF NOT EXISTS {s}.workflow_trail (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            entity text NOT NULL,
            record_id uuid NOT NULL,
            workflow text NOT NULL,
            action text NOT NULL,
            from_step text,
            to_step text,
            actor uuid,
            actor_name text,
            at timestamptz NOT NULL,
            spent_seconds bigint,
            assignee uuid,
            comment text
        );
        CREATE INDEX IF NOT EXISTS workflow_trail_record ON {s}.workflow_trail (entity, record_id, id);
        CREATE TABLE IF NOT EXISTS {s}.workflow_timer (
            id uuid PRIMARY KEY,
            entity text NOT NULL,
            record_id uuid NOT NULL,
            workflow text NOT NULL,
            target text NOT NULL,
            kind text NOT NULL,
            due_at timestamptz NOT NULL,
            fired_at timestamptz,
            UNIQUE (entity, record_id, target, kind)
        );
        CREATE INDEX IF NOT EXISTS workflow_timer_due ON {s}.workflow_timer (due_at) WHERE fired_at IS NULL;
        CREATE TABLE IF NOT EXISTS {s}.workflow_turn (
            key text PRIMARY KEY,
            counter bigint NOT NULL DEFAULT 0
        );

        """;
}
