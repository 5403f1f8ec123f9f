namespace NoCodeCrm.Engine.Pipelines;

/// <summary>The pipelines part's table: every stage move of every record, with the time spent in the stage it left.</summary>
public static class PipelineTables
{
    /// <summary>Idempotent DDL, run by <see cref="Schema.SystemSchema"/> at start-up.</summary>
    /// <remarks>
    /// Owner and amount are copied at the moment of the move so that performance per rep and conversion stay what they
    /// were when the deal moved, even after it is reassigned or repriced.
    /// </remarks>
    public static string Ddl(string s) => $"""
        CREATE TABLE IF NOT EXISTS {s}.stage_history (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            pipeline text NOT NULL,
            entity text NOT NULL,
            record_id uuid NOT NULL,
            from_stage text,
            to_stage text NOT NULL,
            moved_at timestamptz NOT NULL,
            moved_by uuid,
            source text NOT NULL,
            rule text,
            seconds_in_from double precision,
            owner uuid,
            amount numeric
        );
        CREATE INDEX IF NOT EXISTS stage_history_record ON {s}.stage_history (record_id, pipeline, id);
        CREATE INDEX IF NOT EXISTS stage_history_pipeline ON {s}.stage_history (pipeline, moved_at);

        """;
}
