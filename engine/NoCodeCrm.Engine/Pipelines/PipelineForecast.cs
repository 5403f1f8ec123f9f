using System.Globalization;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata.Pipelines;
using NoCodeCrm.Engine.Query;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Pipelines;

/// <summary>
/// Weighted revenue by period of expected close, by owner, team or pipeline; and rep or team performance (won amount,
/// win rate, cycle time) from the stage history. Both see only the records the user may read, in the scope asked for.
/// </summary>
public sealed class PipelineForecast(NpgsqlDataSource dataSource, ModelRegistry registry, IRecordAccessPolicy access)
{
    /// <param name="pipelineName">One pipeline, or null for every pipeline with an amount and a close-date field.</param>
    public async Task<IReadOnlyList<ForecastRow>> ForecastAsync(CrmPrincipal principal, string? pipelineName, ForecastPeriod period, ForecastGrouping groupBy,
        DateOnly? from, DateOnly? to, BoardScope scope, CancellationToken ct)
    {
        var model = registry.Current;
        var rows = new List<ForecastRow>();
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        foreach (var pipeline in Pipelines(model, pipelineName, p => p.CloseDateField is not null, "a close-date field"))
        {
            var amount = Amount(principal, pipeline);
            var close = "t0." + pipeline.CloseDateField!.Column;
            var builder = new SqlQueryBuilder(model, pipeline.Entity);
            var conditions = PipelineSql.Conditions(builder, access, principal, pipeline, scope, model.Names);
            conditions.Add($"{close} IS NOT NULL");
            if (from is { } f) conditions.Add($"{close} >= {builder.AddParameter(f)}");
            if (to is { } t) conditions.Add($"{close} < {builder.AddParameter(t.AddDays(1))}");
            var (key, label, joins) = Grouping(groupBy, pipeline, model.Names, builder);
            var amt = $"coalesce(t0.{amount.Column}, 0)";
            var sql = $"""
                SELECT date_trunc('{period.ToString().ToLowerInvariant()}', {close})::date, {key}, {label},
                  count(*) FILTER (WHERE st.outcome = ''),
                  coalesce(sum({amt}) FILTER (WHERE st.outcome = ''), 0),
                  coalesce(sum({amt} * st.probability) FILTER (WHERE st.outcome = ''), 0),
                  count(*) FILTER (WHERE st.outcome = 'won'),
                  coalesce(sum({amt}) FILTER (WHERE st.outcome = 'won'), 0)
                FROM {pipeline.Entity.Table} t0
                JOIN unnest({builder.AddParameter(pipeline.Definition.Stages.Select(s => s.Name).ToArray())}::text[],
                            {builder.AddParameter(pipeline.Definition.Stages.Select(s => s.Probability).ToArray())}::numeric[],
                            {builder.AddParameter(pipeline.Definition.Stages.Select(s => s.Outcome?.ToString().ToLowerInvariant() ?? "").ToArray())}::text[])
                     st(stage, probability, outcome) ON st.stage = t0.{pipeline.StageField.Column}{joins}
                WHERE {string.Join(" AND ", conditions)}
                GROUP BY 1, 2, 3
                """;
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var p in builder.Parameters) command.Parameters.Add(p.Clone());
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                rows.Add(new ForecastRow(PeriodName(reader.GetFieldValue<DateOnly>(0), period),
                    reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetInt64(3), reader.GetDecimal(4), reader.GetDecimal(5), reader.GetInt64(6), reader.GetDecimal(7)));
        }
        // Several pipelines fall into the same period and owner or team: add them up.
        return rows.GroupBy(r => (r.Period, r.Key))
            .Select(g => new ForecastRow(g.Key.Period, g.Key.Key, g.First().Label, g.Sum(r => r.OpenCount), g.Sum(r => r.OpenAmount),
                g.Sum(r => r.WeightedAmount), g.Sum(r => r.WonCount), g.Sum(r => r.WonAmount)))
            .OrderBy(r => r.Period, StringComparer.Ordinal).ThenBy(r => r.Label ?? r.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>Records closed (moved into a won or lost stage) between the two moments, by the owner who closed them or their team.</summary>
    public async Task<IReadOnlyList<RepPerformance>> PerformanceAsync(CrmPrincipal principal, string? pipelineName, ForecastGrouping groupBy,
        DateTimeOffset? from, DateTimeOffset? to, BoardScope scope, CancellationToken ct)
    {
        if (groupBy is not (ForecastGrouping.Owner or ForecastGrouping.Team))
            throw new CrmException(CrmErrorKind.BadRequest, "invalidQuery", "Performance is grouped by owner or team.", [new CrmError("groupBy", "invalidQuery", "Use owner or team.")]);
        var model = registry.Current;
        var history = Sql.Qualified(model.Names.SystemSchema, "stage_history");
        var users = Sql.Qualified(model.Names.SystemSchema, "app_user");
        var teams = Sql.Qualified(model.Names.SystemSchema, "team");
        var parts = new List<(string? Key, string? Label, long Won, decimal WonAmount, long Lost, double CycleSeconds)>();
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        foreach (var pipeline in Pipelines(model, pipelineName, _ => true, ""))
        {
            Amount(principal, pipeline);
            var won = pipeline.Definition.Stages.Where(s => s.Outcome == StageOutcome.Won).Select(s => s.Name).ToArray();
            var lost = pipeline.Definition.Stages.Where(s => s.Outcome == StageOutcome.Lost).Select(s => s.Name).ToArray();
            if (won.Length + lost.Length == 0) continue;
            var builder = new SqlQueryBuilder(model, pipeline.Entity);
            var conditions = PipelineSql.Conditions(builder, access, principal, pipeline, scope, model.Names);
            var window = "";
            if (from is { } f) window += $" AND h.moved_at >= {builder.AddParameter(f)}";
            if (to is { } t) window += $" AND h.moved_at < {builder.AddParameter(t)}";
            var (key, label) = groupBy == ForecastGrouping.Owner
                ? ("c.owner::text", $"(SELECT coalesce(u.display_name, u.username) FROM {users} u WHERE u.id = c.owner)")
                : ("u.team_id::text", $"(SELECT tm.name FROM {teams} tm WHERE tm.id = u.team_id)");
            var name = builder.AddParameter(pipeline.Name);
            var sql = $"""
                WITH closing AS (
                  SELECT DISTINCT ON (h.record_id) h.record_id, h.to_stage, h.moved_at, h.owner, h.amount
                  FROM {history} h
                  WHERE h.pipeline = {name} AND h.to_stage = ANY({builder.AddParameter(won.Concat(lost).ToArray())}){window}
                  ORDER BY h.record_id, h.id DESC)
                SELECT {key}, {label},
                  count(*) FILTER (WHERE c.to_stage = ANY({builder.AddParameter(won)})),
                  coalesce(sum(c.amount) FILTER (WHERE c.to_stage = ANY({builder.AddParameter(won)})), 0),
                  count(*) FILTER (WHERE c.to_stage = ANY({builder.AddParameter(lost)})),
                  coalesce(sum(extract(epoch FROM c.moved_at - coalesce((SELECT min(e.moved_at) FROM {history} e WHERE e.record_id = c.record_id AND e.pipeline = {name}), t0.created_at))) FILTER (WHERE c.to_stage = ANY({builder.AddParameter(won)})), 0)::double precision
                FROM closing c JOIN {pipeline.Entity.Table} t0 ON t0.id = c.record_id
                LEFT JOIN {users} u ON u.id = c.owner
                WHERE {string.Join(" AND ", conditions)}
                GROUP BY 1, 2
                """;
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var p in builder.Parameters) command.Parameters.Add(p.Clone());
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                parts.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.GetInt64(2), reader.GetDecimal(3), reader.GetInt64(4), reader.GetDouble(5)));
        }
        return parts.GroupBy(p => p.Key).Select(g =>
        {
            long wonCount = g.Sum(p => p.Won), lostCount = g.Sum(p => p.Lost);
            var closed = wonCount + lostCount;
            return new RepPerformance(g.Key, g.First().Label, wonCount, g.Sum(p => p.WonAmount), lostCount,
                closed == 0 ? null : Math.Round((decimal)wonCount / closed, 4),
                wonCount == 0 ? null : Math.Round(g.Sum(p => p.CycleSeconds) / wonCount / 86_400, 2));
        }).OrderByDescending(r => r.WonAmount).ThenBy(r => r.Label ?? r.Key, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<CompiledPipeline> Pipelines(CompiledModel model, string? name, Func<CompiledPipeline, bool> usable, string needs)
    {
        var pipelines = CompiledPipelines.For(model);
        if (name is null) return pipelines.All.Where(p => p.AmountField is not null && usable(p));
        var pipeline = pipelines.Get(name);
        if (pipeline.AmountField is null || !usable(pipeline))
            throw new CrmException(CrmErrorKind.BadRequest, "noForecast", $"The pipeline '{name}' has no amount field{(needs.Length > 0 ? " or no " + needs : "")} to forecast with.");
        return [pipeline];
    }

    private CompiledField Amount(CrmPrincipal principal, CompiledPipeline pipeline)
    {
        access.Authorize(principal, pipeline.Entity, RecordOperation.Read);
        return PipelineSql.VisibleAmount(pipeline, access, principal)
            ?? throw new CrmException(CrmErrorKind.Forbidden, "fieldHidden", $"You may not read '{pipeline.AmountField!.Name}', so you cannot see its forecast.");
    }

    private static (string Key, string Label, string Joins) Grouping(ForecastGrouping groupBy, CompiledPipeline pipeline, SchemaNames names, SqlQueryBuilder builder)
    {
        var users = Sql.Qualified(names.SystemSchema, "app_user");
        var teams = Sql.Qualified(names.SystemSchema, "team");
        return groupBy switch
        {
            ForecastGrouping.Owner => ("t0.\"owner\"::text", "coalesce(fu.display_name, fu.username)", $" LEFT JOIN {users} fu ON fu.id = t0.\"owner\""),
            ForecastGrouping.Team => ("fu.team_id::text", "ft.name", $" LEFT JOIN {users} fu ON fu.id = t0.\"owner\" LEFT JOIN {teams} ft ON ft.id = fu.team_id"),
            ForecastGrouping.Pipeline => ($"{builder.AddParameter(pipeline.Name)}::text", $"{builder.AddParameter(pipeline.Definition.Label?.Get("en") ?? pipeline.Name)}::text", ""),
            _ => ("NULL::text", "NULL::text", ""),
        };
    }

    private static string PeriodName(DateOnly start, ForecastPeriod period) => period switch
    {
        ForecastPeriod.Month => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        ForecastPeriod.Quarter => $"{start.Year}-Q{(start.Month + 2) / 3}",
        _ => start.Year.ToString(CultureInfo.InvariantCulture),
    };
}
