using Npgsql;

namespace NoCodeCrm.Engine.Rollups;

/// <summary>Recomputes the rollups of sets of parents inside a caller's transaction, locking the parents first in one stable order.</summary>
public static class RollupMaintainer
{
    /// <summary>
    /// Locks the parents (by entity name, then id), then runs each group's UPDATE; returns the number of parent rows whose
    /// values changed.
    /// </summary>
    /// <remarks>
    /// Why lock first: under READ COMMITTED an UPDATE that waits for a concurrent writer's row lock re-checks the row but
    /// keeps its old snapshot for the aggregate, so it would miss that writer's child and store a stale count. Taking the
    /// lock in a statement of its own means the UPDATE after it starts a new snapshot that sees every child committed
    /// before. Locks are taken in (entity, id) order by every writer, so two writers never wait on each other in a cycle.
    /// Rollup columns are written without bumping <c>version</c> or <c>updated_at</c>: users editing the parent get no 412
    /// because a related record changed, and "last modified" keeps meaning a person's change.
    /// </remarks>
    public static async Task<int> RecomputeAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        IEnumerable<(RollupGroup Group, RollupStatement Statement, Guid[] Ids)> work, CancellationToken ct)
    {
        var items = work.Where(w => w.Ids.Length > 0).ToList();
        if (items.Count == 0) return 0;
        foreach (var parent in items.GroupBy(w => w.Group.Parent.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ids = parent.SelectMany(w => w.Ids).Distinct().ToArray();
            await using var lockCommand = new NpgsqlCommand(
                $"SELECT 1 FROM {parent.First().Group.Parent.Table} WHERE \"id\" = ANY(@ids) ORDER BY \"id\" FOR NO KEY UPDATE", connection, tx);
            lockCommand.Parameters.AddWithValue("ids", ids);
            await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        var changed = 0;
        foreach (var (_, statement, ids) in items)
        {
            await using var command = statement.CreateCommand(connection, tx, ids);
            changed += await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        return changed;
    }
}
