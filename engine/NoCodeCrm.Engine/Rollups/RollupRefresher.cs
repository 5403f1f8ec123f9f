using Npgsql;
using NoCodeCrm.Engine.Compiled;

namespace NoCodeCrm.Engine.Rollups;

/// <summary>
/// Set-based recomputation of rollups outside any record write: the nightly sweep of time-windowed rollups (a child
/// leaves "the last 3 months" without being written), and a full repair.
/// </summary>
/// <remarks>
/// Parents are processed in id order, in batches of <see cref="BatchSize"/>, each batch its own short transaction that
/// locks its parents like a record write does: the sweep never holds thousands of row locks, never deadlocks with users
/// writing children, and what it finished stays done if it is stopped.
/// </remarks>
public sealed class RollupRefresher(NpgsqlDataSource dataSource, ModelRegistry registry)
{
    public int BatchSize { get; init; } = 1_000;

    /// <summary>Recomputes every windowed rollup of every record; returns how many records got a new value.</summary>
    public Task<int> RefreshWindowedAsync(CancellationToken ct) =>
        RefreshAsync(registry.Current.Rollups.Groups.Select(g => (g, g.WindowedUpdateByIds)), ct);

    /// <summary>Recomputes every rollup of every record (repairs drift from writes the hook cannot see); returns how many records changed.</summary>
    public Task<int> RefreshAllAsync(CancellationToken ct) =>
        RefreshAsync(registry.Current.Rollups.Groups.Select(g => (g, (RollupStatement?)g.UpdateByIds)), ct);

    private async Task<int> RefreshAsync(IEnumerable<(RollupGroup Group, RollupStatement? Statement)> work, CancellationToken ct)
    {
        var changed = 0;
        foreach (var (group, statement) in work)
        {
            if (statement is null) continue;
            Guid? after = null;
            while (true)
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
                await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
                var ids = await NextBatchAsync(connection, tx, group, after, ct).ConfigureAwait(false);
                if (ids.Length == 0) break;
                changed += await RollupMaintainer.RecomputeAsync(connection, tx, [(group, statement, ids)], ct).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
                after = ids[^1];
                if (ids.Length < BatchSize) break;
            }
        }
        return changed;
    }

    private async Task<Guid[]> NextBatchAsync(NpgsqlConnection connection, NpgsqlTransaction tx, RollupGroup group, Guid? after, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT \"id\" FROM {group.Parent.Table} WHERE @after::uuid IS NULL OR \"id\" > @after::uuid ORDER BY \"id\" LIMIT @limit", connection, tx);
        command.Parameters.AddWithValue("after", (object?)after ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", BatchSize);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) ids.Add(reader.GetGuid(0));
        return [.. ids];
    }
}
