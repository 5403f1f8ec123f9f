using System.Collections.Immutable;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Query;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Pipelines;

/// <summary>
/// The kanban board of a pipeline: per stage the count, sum and weighted sum of the records the user may read in the
/// scope asked for, and the first cards of each column; and further pages of one column.
/// </summary>
/// <remarks>
/// Two queries per board whatever the number of stages: one aggregate grouped by stage, and one that takes the first
/// cards of every stage through a LATERAL join (an index on the stage field serves each column's top-N directly).
/// </remarks>
public sealed class PipelineBoard(NpgsqlDataSource dataSource, ModelRegistry registry, IRecordAccessPolicy access, RecordQueryService query)
{
    public const int DefaultCards = 20;
    public const int MaxCards = 200;
    private static readonly ImmutableArray<OrderByItem> DefaultOrder = OrderByParser.Parse("updated_at desc");

    public async Task<Board> GetAsync(CrmPrincipal principal, string pipelineName, BoardScope scope, RecordQueryOptions options, CancellationToken ct)
    {
        var model = registry.Current;
        var pipeline = CompiledPipelines.For(model).Get(pipelineName);
        var (builder, where, from, orderBy) = Prepare(model, principal, pipeline, scope, options);
        var stageColumn = "t0." + pipeline.StageField.Column;
        var stages = builder.AddParameter(pipeline.Definition.Stages.Select(s => s.Name).ToArray());
        var amount = PipelineSql.VisibleAmount(pipeline, access, principal);
        var sum = amount is null ? "NULL::numeric" : $"coalesce(sum(t0.{amount.Column}), 0)";
        var top = Math.Clamp(options.Top, 0, MaxCards);

        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var totals = new Dictionary<string, (long Count, decimal? Sum)>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            $"SELECT {stageColumn}, count(*), {sum} FROM {from} WHERE {where} AND {stageColumn} = ANY({stages}) GROUP BY 1", connection))
        {
            foreach (var p in builder.Parameters) command.Parameters.Add(p.Clone());
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                totals[reader.GetString(0)] = (reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetDecimal(2));
        }

        List<StoredRecord> cards = [];
        if (top > 0)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT c.* FROM unnest({stages}::text[]) s(stage) CROSS JOIN LATERAL " +
                $"(SELECT {pipeline.Entity.SelectList} FROM {from} WHERE {where} AND {stageColumn} = s.stage ORDER BY {orderBy} LIMIT {top}) c", connection);
            foreach (var p in builder.Parameters) command.Parameters.Add(p.Clone());
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            cards = await RecordReader.ReadAllAsync(reader, pipeline.Entity, ct).ConfigureAwait(false);
        }
        await FinishAsync(principal, pipeline, cards, options, ct).ConfigureAwait(false);

        var byStage = cards.ToLookup(c => c[pipeline.StageField.Name] as string ?? "", StringComparer.Ordinal);
        var columns = pipeline.Definition.Stages.Select(stage =>
        {
            var (count, total) = totals.GetValueOrDefault(stage.Name, (0, amount is null ? null : 0m));
            return new BoardColumn(stage.Name, pipeline.StageLabel(stage.Name, principal.Language), StageColor(pipeline, stage.Name), stage.Probability,
                stage.Outcome?.ToString().ToLowerInvariant(), count, total, total * stage.Probability, byStage[stage.Name].ToList());
        }).ToList();
        return new Board(pipeline.Name, pipeline.Entity.Name, pipeline.StageField.Name, scope, columns);
    }

    /// <summary>A further page of one column, with its total count.</summary>
    public async Task<RecordPage> ColumnAsync(CrmPrincipal principal, string pipelineName, string stage, BoardScope scope, RecordQueryOptions options, CancellationToken ct)
    {
        var model = registry.Current;
        var pipeline = CompiledPipelines.For(model).Get(pipelineName);
        if (pipeline.Stage(stage) is null) throw CrmException.NotFound($"The pipeline '{pipelineName}' has no stage '{stage}'.");
        var (builder, where, from, orderBy) = Prepare(model, principal, pipeline, scope, options);
        where += $" AND t0.{pipeline.StageField.Column} = {builder.AddParameter(stage)}";

        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        List<StoredRecord> records;
        await using (var command = new NpgsqlCommand(
            $"SELECT {pipeline.Entity.SelectList} FROM {from} WHERE {where} ORDER BY {orderBy} LIMIT {Math.Clamp(options.Top, 0, MaxCards)} OFFSET {options.Skip}", connection))
        {
            foreach (var p in builder.Parameters) command.Parameters.Add(p.Clone());
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            records = await RecordReader.ReadAllAsync(reader, pipeline.Entity, ct).ConfigureAwait(false);
        }
        long count;
        await using (var command = new NpgsqlCommand($"SELECT count(*) FROM {from} WHERE {where}", connection))
        {
            foreach (var p in builder.Parameters) command.Parameters.Add(p.Clone());
            count = (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }
        await FinishAsync(principal, pipeline, records, options, ct).ConfigureAwait(false);
        return new RecordPage(records, count, null);
    }

    private (SqlQueryBuilder Builder, string Where, string From, string OrderBy) Prepare(CompiledModel model, CrmPrincipal principal,
        CompiledPipeline pipeline, BoardScope scope, RecordQueryOptions options)
    {
        access.Authorize(principal, pipeline.Entity, RecordOperation.Read);
        if (access.HiddenFields(principal, pipeline.Entity).Contains(pipeline.StageField.Name))
            throw new CrmException(CrmErrorKind.Forbidden, "fieldHidden", $"You may not read '{pipeline.StageField.Name}', so you cannot see this board.");
        var builder = new SqlQueryBuilder(model, pipeline.Entity) { HiddenFields = e => access.HiddenFields(principal, e) };
        var conditions = PipelineSql.Conditions(builder, access, principal, pipeline, scope, model.Names, options.Filter, options.Search);
        var orderBy = builder.OrderBy(options.OrderBy.Count > 0 ? options.OrderBy : DefaultOrder);
        return (builder, string.Join(" AND ", conditions), $"{pipeline.Entity.Table} t0{builder.Joins}", orderBy);
    }

    private async Task FinishAsync(CrmPrincipal principal, CompiledPipeline pipeline, List<StoredRecord> records, RecordQueryOptions options, CancellationToken ct)
    {
        var hidden = access.HiddenFields(principal, pipeline.Entity);
        if (hidden.Count > 0) foreach (var record in records) record.Hidden = hidden;
        if (options.Expand.Count > 0 && records.Count > 0) await query.ExpandAsync(principal, pipeline.Entity, records, options.Expand, ct).ConfigureAwait(false);
    }

    private static string? StageColor(CompiledPipeline pipeline, string stage) =>
        pipeline.Stage(stage)?.Color ?? pipeline.StageField.Definition.Options.FirstOrDefault(o => o.Value == stage)?.Color;
}
