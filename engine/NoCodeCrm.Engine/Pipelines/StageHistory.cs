using Dapper;
using NoCodeCrm.Engine.Compiled;
using Npgsql;
using NoCodeCrm.Engine.Metadata.Pipelines;
using NoCodeCrm.Engine.Query;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Pipelines;

/// <summary>Reads the stage history: a record's moves, and per stage the entries, conversion onwards and time spent.</summary>
public sealed class StageHistory(NpgsqlDataSource dataSource, ModelRegistry registry, IRecordAccessPolicy access, RecordService records)
{
    /// <summary>The record's moves, oldest first, in one pipeline or all of its entity's; a record the user may not read is not found.</summary>
    public async Task<IReadOnlyList<StageMove>> ForRecordAsync(CrmPrincipal principal, string entity, Guid id, string? pipeline, CancellationToken ct)
    {
        await records.GetAsync(principal, entity, id, ct).ConfigureAwait(false);
        if (pipeline is not null && CompiledPipelines.For(registry.Current).Get(pipeline).Entity.Name != entity)
            throw Errors.CrmException.NotFound($"The pipeline '{pipeline}' is not on '{entity}'.");
        var history = Sql.Qualified(registry.Names.SystemSchema, "stage_history");
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var moves = await connection.QueryAsync<StageMove>(new CommandDefinition(
            $"""
            SELECT id, pipeline, record_id AS RecordId, from_stage AS FromStage, to_stage AS ToStage, moved_at AS MovedAt, moved_by AS MovedBy,
                   source, rule, seconds_in_from AS SecondsInFrom
            FROM {history} WHERE record_id = @id AND entity = @entity AND (@pipeline::text IS NULL OR pipeline = @pipeline) ORDER BY id
            """, new { id, entity, pipeline }, cancellationToken: ct)).ConfigureAwait(false);
        return moves.AsList();
    }

    /// <summary>Per stage, over the moves between the two moments, of the records the user may read in the scope.</summary>
    public async Task<IReadOnlyList<StageStatistics>> StatisticsAsync(CrmPrincipal principal, string pipelineName, DateTimeOffset? from, DateTimeOffset? to,
        BoardScope scope, CancellationToken ct)
    {
        var model = registry.Current;
        var pipeline = CompiledPipelines.For(model).Get(pipelineName);
        access.Authorize(principal, pipeline.Entity, RecordOperation.Read);
        var history = Sql.Qualified(model.Names.SystemSchema, "stage_history");
        var builder = new SqlQueryBuilder(model, pipeline.Entity);
        var conditions = PipelineSql.Conditions(builder, access, principal, pipeline, scope, model.Names);
        var window = "";
        if (from is { } f) window += $" AND h.moved_at >= {builder.AddParameter(f)}";
        if (to is { } t) window += $" AND h.moved_at < {builder.AddParameter(t)}";
        var stages = pipeline.Definition.Stages;
        // A stage "converts" when a record that entered it later entered a stage further down the pipeline that is not a
        // lost stage; moves are counted once per record and stage (its first entry in the window).
        var sql = $"""
            WITH st(stage, idx, lost) AS (
              SELECT * FROM unnest({builder.AddParameter(stages.Select(s => s.Name).ToArray())}::text[],
                                   {builder.AddParameter(stages.Select((_, i) => i).ToArray())}::int[],
                                   {builder.AddParameter(stages.Select(s => s.Outcome == StageOutcome.Lost).ToArray())}::boolean[])),
            moves AS (
              SELECT h.* FROM {history} h JOIN {pipeline.Entity.Table} t0 ON t0.id = h.record_id
              WHERE h.pipeline = {builder.AddParameter(pipeline.Name)}{window} AND {string.Join(" AND ", conditions)}),
            reached AS (
              SELECT m.record_id, st.stage, st.idx, st.lost, min(m.moved_at) AS first_at
              FROM moves m JOIN st ON st.stage = m.to_stage GROUP BY 1, 2, 3, 4),
            entered AS (
              SELECT a.stage, count(*) AS entered,
                     count(*) FILTER (WHERE EXISTS (SELECT 1 FROM reached b WHERE b.record_id = a.record_id AND b.idx > a.idx AND NOT b.lost AND b.first_at >= a.first_at)) AS advanced
              FROM reached a GROUP BY a.stage),
            stayed AS (
              SELECT m.from_stage AS stage, avg(m.seconds_in_from) AS seconds, count(*) AS left_count
              FROM moves m WHERE m.from_stage IS NOT NULL GROUP BY 1)
            SELECT st.stage, coalesce(e.entered, 0), coalesce(e.advanced, 0), s.seconds, coalesce(s.left_count, 0)
            FROM st LEFT JOIN entered e ON e.stage = st.stage LEFT JOIN stayed s ON s.stage = st.stage
            ORDER BY st.idx
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in builder.Parameters) command.Parameters.Add(p.Clone());
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var result = new List<StageStatistics>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var stage = reader.GetString(0);
            long entered = reader.GetInt64(1), advanced = reader.GetInt64(2);
            var terminal = pipeline.Stage(stage)!.Outcome is not null;
            result.Add(new StageStatistics(stage, pipeline.StageLabel(stage, principal.Language), entered, advanced,
                terminal || entered == 0 ? null : Math.Round((decimal)advanced / entered, 4),
                reader.IsDBNull(3) ? null : Math.Round(reader.GetDouble(3) / 86_400, 3), reader.GetInt64(4)));
        }
        return result;
    }
}
