using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Rollups;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Rollups;

/// <summary>Fills new and changed rollup fields for existing records, inside the publishing transaction, one grouped UPDATE per lookup.</summary>
public static class RollupBackfill
{
    /// <summary>
    /// Sets each new or changed rollup column's default (0 for count and sum, so new records start right; none otherwise),
    /// drops it from fields that stop being rollups, then recomputes those rollups for every record of the parent entity.
    /// Returns the number of parent rows written.
    /// </summary>
    /// <remarks>
    /// The <c>ALTER COLUMN … DEFAULT</c> takes the parent table's exclusive lock until the publish commits, so no record
    /// write can slip between the backfill's aggregate and the commit; it waits at most the publish's lock timeout.
    /// </remarks>
    public static async Task<int> RunAsync(NpgsqlConnection connection, NpgsqlTransaction tx, SchemaNames names, CrmModel before, CrmModel after, CancellationToken ct)
    {
        var statements = new List<string>();
        var changed = new HashSet<(string Entity, string Field)>();
        foreach (var entity in after.Entities.Where(e => !e.Retired))
        {
            var old = before.FindEntity(entity.Name) is { Retired: false } o ? o : null;
            foreach (var field in entity.Fields.Where(f => !f.Retired))
            {
                var previous = old?.FindField(field.Name) is { Retired: false } p ? p : null;
                var table = names.Table(entity.Name);
                var column = Sql.Quote(field.Name);
                if (field.Rollup is { } rollup)
                {
                    if (previous is not null && previous.Rollup == rollup && previous.Type == field.Type &&
                        previous.Precision == field.Precision && previous.Scale == field.Scale) continue;
                    changed.Add((entity.Name, field.Name));
                    statements.Add(rollup.Aggregate is RollupAggregate.Count or RollupAggregate.Sum
                        ? $"ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT 0"
                        : $"ALTER TABLE {table} ALTER COLUMN {column} DROP DEFAULT");
                }
                else if (previous?.Rollup is not null && field.Type != FieldType.Autonumber)
                    statements.Add($"ALTER TABLE {table} ALTER COLUMN {column} DROP DEFAULT");
            }
        }
        if (statements.Count == 0) return 0;

        try
        {
            foreach (var statement in statements)
            {
                await using var alter = new NpgsqlCommand(statement, connection, tx);
                await alter.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            if (changed.Count == 0) return 0;
            var compiled = new CompiledModel(after, names);
            var rows = 0;
            foreach (var group in compiled.Rollups.Groups)
            {
                var rollups = group.Rollups.Where(r => changed.Contains((group.Parent.Name, r.Field.Name))).ToArray();
                if (rollups.Length == 0) continue;
                await using var command = RollupStatement.Build(compiled, group, rollups, byIds: false).CreateCommand(connection, tx, null);
                rows += await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            return rows;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new CrmException(CrmErrorKind.Busy, "tableBusy", "A table with rollup fields is in use and could not be filled in time; nothing was published. Try again.");
        }
    }
}
