using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Publishing;

/// <summary>Asks the data what a schema change would do to it: rows affected, rows that would fail, and a sample of them.</summary>
public static class DataCheckRunner
{
    public const int SampleSize = 10;

    public static async Task<IReadOnlyList<DataImpact>> RunAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, SchemaNames names,
        IEnumerable<DataCheck> checks, CancellationToken ct)
    {
        var results = new List<DataImpact>();
        foreach (var check in checks)
        {
            var table = names.Table(check.Table);
            var column = Sql.Quote(check.Column);
            var where = $"t.{column} IS NOT NULL AND ({check.FailurePredicate})";
            var counts = await connection.QuerySingleAsync<(long Affected, long Failing)>(new CommandDefinition(
                $"SELECT count(*) FILTER (WHERE t.{column} IS NOT NULL), count(*) FILTER (WHERE {where}) FROM {table} t",
                transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
            var samples = counts.Failing == 0
                ? []
                : (await connection.QueryAsync<(Guid Id, string? Value)>(new CommandDefinition(
                    $"SELECT t.\"id\", left(t.{column}::text, 200) FROM {table} t WHERE {where} ORDER BY t.\"id\" LIMIT {SampleSize}",
                    transaction: tx, cancellationToken: ct)).ConfigureAwait(false)).Select(r => new FailingRow(r.Id, r.Value)).ToList();
            results.Add(new DataImpact(check.Path, check.Table, check.Column,
                counts.Failing == 0 ? $"{counts.Affected:N0} rows convert." : $"{counts.Affected:N0} rows convert, {counts.Failing:N0} would fail. {check.Message}",
                counts.Affected, counts.Failing, samples, check.Blocking && counts.Failing > 0));
        }
        return results;
    }
}
