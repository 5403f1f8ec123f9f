using System.Text;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Rollups;
using NoCodeCrm.Engine.Query;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Rollups;

/// <summary>
/// A prepared rollup UPDATE: the parents' columns set from one grouped aggregate over their live children, written only
/// where the value really changes. Filter values are parameters; the text is built once per model version.
/// </summary>
public sealed class RollupStatement
{
    private readonly NpgsqlParameter[] _parameters;

    private RollupStatement(string sql, NpgsqlParameter[] parameters, bool byIds)
    {
        Sql = sql;
        _parameters = parameters;
        ByIds = byIds;
    }

    public string Sql { get; }
    /// <summary>Whether the statement is limited to the parents in <c>@ids</c>; otherwise it recomputes every parent.</summary>
    public bool ByIds { get; }

    public NpgsqlCommand CreateCommand(NpgsqlConnection connection, NpgsqlTransaction? tx, Guid[]? ids)
    {
        var command = new NpgsqlCommand(Sql, connection, tx) { CommandTimeout = 0 };
        foreach (var parameter in _parameters) command.Parameters.Add(parameter.Clone());
        if (ByIds) command.Parameters.AddWithValue("ids", ids ?? throw new ArgumentNullException(nameof(ids)));
        return command;
    }

    /// <summary>
    /// <code>
    /// UPDATE parent p SET c = s.c FROM (SELECT q.id, CAST(coalesce(a.c, 0) AS type) AS c FROM parent q
    ///   LEFT JOIN (SELECT t0.via AS id, count(*) FILTER (WHERE …) AS c FROM child t0 WHERE live … GROUP BY t0.via) a ON a.id = q.id) s
    /// WHERE p.id = s.id AND p.c IS DISTINCT FROM s.c
    /// </code>
    /// Parents without children get 0 for count and sum and null for min, max and avg.
    /// </summary>
    internal static RollupStatement Build(CompiledModel model, RollupGroup group, IReadOnlyList<CompiledRollup> rollups, bool byIds)
    {
        // The child is aliased t0 as the filter binder expects; the parent is p (updated), q (listed) and the aggregate a.
        var builder = new SqlQueryBuilder(model, group.Child);
        var via = "t0." + group.Via.Column;
        var aggregates = new StringBuilder();
        var casts = new StringBuilder();
        foreach (var rollup in rollups)
        {
            var column = rollup.Field.Column;
            aggregates.Append(", ").Append(Aggregate(rollup, builder)).Append(" AS ").Append(column);
            var value = rollup.Aggregate is RollupAggregate.Count or RollupAggregate.Sum ? $"coalesce(a.{column}, 0)" : $"a.{column}";
            casts.Append(", CAST(").Append(value).Append(" AS ").Append(rollup.Field.Handler.ColumnType(rollup.Field.Definition)).Append(") AS ").Append(column);
        }
        if (builder.Joins.Length > 0) throw new InvalidOperationException("A rollup filter cannot go through lookups.");

        var set = string.Join(", ", rollups.Select(r => $"{r.Field.Column} = s.{r.Field.Column}"));
        var changed = string.Join(" OR ", rollups.Select(r => $"p.{r.Field.Column} IS DISTINCT FROM s.{r.Field.Column}"));
        var sql =
            $"UPDATE {group.Parent.Table} AS p SET {set} " +
            $"FROM (SELECT q.\"id\"{casts} FROM {group.Parent.Table} AS q LEFT JOIN (" +
            $"SELECT {via} AS \"id\"{aggregates} FROM {group.Child.Table} AS t0 " +
            $"WHERE t0.{Schema.Sql.Quote(SystemColumns.DeletedAt)} IS NULL AND {via} {(byIds ? "= ANY(@ids)" : "IS NOT NULL")} GROUP BY {via}" +
            $") AS a ON a.\"id\" = q.\"id\"{(byIds ? " WHERE q.\"id\" = ANY(@ids)" : "")}) AS s " +
            $"WHERE p.\"id\" = s.\"id\" AND ({changed})";
        return new RollupStatement(sql, [.. builder.Parameters], byIds);
    }

    private static string Aggregate(CompiledRollup rollup, SqlQueryBuilder builder)
    {
        var conditions = new List<string>();
        if (rollup.Filter is not null) conditions.Add(builder.Where(rollup.Filter));
        if (rollup.WindowField is not null) conditions.Add(Window(rollup.WindowField, rollup.Definition.Window!));
        var filter = conditions.Count == 0 ? "" : $" FILTER (WHERE {string.Join(" AND ", conditions)})";
        var source = rollup.Source is null ? "" : "t0." + rollup.Source.Column;
        return rollup.Aggregate switch
        {
            RollupAggregate.Count => "count(*)" + filter,
            RollupAggregate.Sum => $"sum({source}){filter}",
            RollupAggregate.Min => $"min({source}){filter}",
            RollupAggregate.Max => $"max({source}){filter}",
            _ => $"avg({source}){filter}",
        };
    }

    /// <summary>From the same day N days or months ago up to now; later-dated children enter the window when the nightly refresh reaches them.</summary>
    private static string Window(CompiledField field, RollupWindow window)
    {
        var interval = window.Months is { } months
            ? $"make_interval(months => {months.ToString(System.Globalization.CultureInfo.InvariantCulture)})"
            : $"make_interval(days => {window.Days!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
        var column = "t0." + field.Column;
        return field.Type == FieldType.Date
            ? $"({column} >= CAST(CURRENT_DATE - {interval} AS date) AND {column} <= CURRENT_DATE)"
            : $"({column} >= now() - {interval} AND {column} <= now())";
    }
}
