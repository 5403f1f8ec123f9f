using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Rollups;

/// <summary>
/// Keeps rollups current as records are written: in the writing transaction, recomputes the parents a change touches
/// (old and new parent when a record moves), only when a column the rollups read changed.
/// </summary>
/// <remarks>
/// Deletes cascade inside <see cref="RecordService"/> without running hooks; this hook follows the cascade itself. On
/// delete and restore it walks the <c>cascade</c> lookups from the written record and finds the records the cascade
/// touched by <c>updated_at = now()</c> (the transaction's time, which the cascade stamps on every row it changes), then
/// recomputes their parents. On restore it also recomputes the restored records' own rollups, because children detached
/// by <c>setNull</c> while they were deleted do not come back. Not followed: a <c>setNull</c> lookup that another rollup
/// reads in its filter (rare; <see cref="RollupRefresher.RefreshAllAsync"/> repairs it).
/// </remarks>
public sealed class RollupWriteHook(ModelRegistry registry) : IRecordWriteHook
{
    private const int MaxCascadeDepth = 32;

    public async Task AfterWriteAsync(RecordChange change, CancellationToken ct)
    {
        var model = registry.Current;
        var rollups = model.Rollups;
        if (rollups.IsEmpty) return;
        var entity = change.Entity;
        var restoring = change.Operation == RecordOperation.Update && change.Previous?.DeletedAt is not null && change.Current?.DeletedAt is null;
        var deleting = change.Operation == RecordOperation.Delete;
        var targets = new Dictionary<RollupGroup, HashSet<Guid>>();

        foreach (var group in rollups.GroupsOfChild(entity.Name))
        {
            var before = change.Previous?[group.Via.Name] as Guid?;
            var after = change.Current?[group.Via.Name] as Guid?;
            switch (change.Operation)
            {
                case RecordOperation.Create: Add(targets, group, after); break;
                case RecordOperation.Delete: Add(targets, group, before); break;
                default:
                    if (restoring || before != after || group.Reads.Any(f => !SameValue(change.Previous?[f], change.Current?[f])))
                    {
                        Add(targets, group, before);
                        Add(targets, group, after);
                    }
                    break;
            }
        }
        if (restoring)
            foreach (var group in rollups.GroupsOfParent(entity.Name))
                Add(targets, group, change.Current!.Id);
        if ((deleting || restoring) && rollups.ReachesRollups(entity.Name))
        {
            var id = (change.Current ?? change.Previous)!.Id;
            await FollowCascadeAsync(change.Connection, change.Transaction, model, entity, [id], restoring, targets, 0, ct).ConfigureAwait(false);
        }
        if (targets.Count == 0) return;

        var work = rollups.Groups.Where(targets.ContainsKey).Select(g => (g, g.UpdateByIds, targets[g].ToArray()));
        await RollupMaintainer.RecomputeAsync(change.Connection, change.Transaction, work, ct).ConfigureAwait(false);
    }

    private static async Task FollowCascadeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CompiledModel model, CompiledEntity entity,
        Guid[] ids, bool restoring, Dictionary<RollupGroup, HashSet<Guid>> targets, int depth, CancellationToken ct)
    {
        if (depth >= MaxCascadeDepth) return;
        var rollups = model.Rollups;
        foreach (var reference in entity.ReferencedBy)
        {
            if (reference.OnDelete != OnDeleteBehavior.Cascade || model.FindEntity(reference.Entity) is not { } child || !rollups.ReachesRollups(child.Name))
                continue;
            var childGroups = rollups.GroupsOfChild(child.Name);
            var vias = childGroups.Select(g => g.Via).DistinctBy(v => v.Name).ToArray();
            var select = string.Concat(vias.Select(v => ", " + v.Column));
            await using var command = new NpgsqlCommand(
                $"SELECT \"id\"{select} FROM {child.Table} WHERE {Schema.Sql.Quote(reference.Field)} = ANY(@ids) AND \"updated_at\" = now()", connection, tx);
            command.Parameters.AddWithValue("ids", ids);
            var touched = new List<Guid>();
            await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    touched.Add(reader.GetGuid(0));
                    for (var v = 0; v < vias.Length; v++)
                    {
                        if (reader.IsDBNull(v + 1)) continue;
                        var parent = reader.GetGuid(v + 1);
                        foreach (var group in childGroups.Where(g => g.Via.Name == vias[v].Name)) Add(targets, group, parent);
                    }
                }
            }
            if (touched.Count == 0) continue;
            if (restoring)
                foreach (var group in rollups.GroupsOfParent(child.Name))
                    foreach (var id in touched) Add(targets, group, id);
            await FollowCascadeAsync(connection, tx, model, child, [.. touched], restoring, targets, depth + 1, ct).ConfigureAwait(false);
        }
    }

    private static void Add(Dictionary<RollupGroup, HashSet<Guid>> targets, RollupGroup group, Guid? parent)
    {
        if (parent is not { } id) return;
        if (!targets.TryGetValue(group, out var ids)) targets[group] = ids = [];
        ids.Add(id);
    }

    private static bool SameValue(object? a, object? b) => a switch
    {
        string[] x when b is string[] y => x.SequenceEqual(y, StringComparer.Ordinal),
        _ => Equals(a, b),
    };
}
