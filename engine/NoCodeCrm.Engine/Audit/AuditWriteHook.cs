using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Audit;

/// <summary>
/// Appends an audit row for every record write, in the writing transaction: who, through what (api, import, automation
/// rule, workflow), and each field's old → new value. Applies to every entity.
/// </summary>
/// <remarks>
/// Deletes and restores cascade inside <see cref="RecordService"/> without running hooks, so this hook follows the
/// <c>cascade</c> lookups itself, like <see cref="Rollups.RollupWriteHook"/>: the rows the cascade changed carry the
/// transaction's time (<c>now()</c>). Each gets its own row pointing at the record whose write reached it. Lookups cleared
/// by <c>setNull</c> get no row of their own: finding them would mean scanning for cleared lookups, and the parent's
/// delete row already says what happened.
/// </remarks>
public sealed class AuditWriteHook(ModelRegistry registry) : IRecordWriteHook
{
    private const int MaxCascadeDepth = 32;

    public async Task AfterWriteAsync(RecordChange change, CancellationToken ct)
    {
        var restoring = change.Operation == RecordOperation.Update && change.Previous?.DeletedAt is not null && change.Current?.DeletedAt is null;
        var (operation, changes) = change.Operation switch
        {
            RecordOperation.Create => (AuditOperation.Create, AuditChanges.Describe(null, change.Current)),
            RecordOperation.Delete => (AuditOperation.Delete, AuditChanges.Describe(change.Previous, null)),
            _ when restoring => (AuditOperation.Restore, null),
            _ => (AuditOperation.Update, AuditChanges.Describe(change.Previous, change.Current)),
        };
        var id = (change.Current ?? change.Previous)!.Id;
        var entry = new AuditEntry(operation, change.Entity.Name, id, change.Principal, change.Options) { Changes = changes };
        await AuditWriter.AppendAsync(change.Connection, change.Transaction, registry.Names, entry, ct).ConfigureAwait(false);

        if ((operation is AuditOperation.Delete || restoring) && change.Entity.ReferencedBy.Any(r => r.OnDelete == OnDeleteBehavior.Cascade))
        {
            var cascaded = new AuditEntry(operation, "", null, change.Principal, change.Options) { CascadeOf = $"{change.Entity.Name}/{id}" };
            await FollowCascadeAsync(change.Connection, change.Transaction, registry.Current, change.Entity, [id], cascaded, 0, ct).ConfigureAwait(false);
        }
    }

    private async Task FollowCascadeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CompiledModel model, CompiledEntity entity,
        Guid[] ids, AuditEntry cascaded, int depth, CancellationToken ct)
    {
        if (depth >= MaxCascadeDepth) return;
        // A delete stamps deleted_at with the transaction's time; a restore clears it and stamps updated_at.
        var touched = cascaded.Operation == AuditOperation.Delete ? "\"deleted_at\" = now()" : "\"deleted_at\" IS NULL AND \"updated_at\" = now()";
        foreach (var reference in entity.ReferencedBy)
        {
            if (reference.OnDelete != OnDeleteBehavior.Cascade || model.FindEntity(reference.Entity) is not { } child) continue;
            var children = (await connection.QueryAsync<Guid>(new CommandDefinition(
                $"SELECT \"id\" FROM {child.Table} WHERE {Schema.Sql.Quote(reference.Field)} = ANY(@ids) AND {touched}",
                new { ids }, tx, cancellationToken: ct)).ConfigureAwait(false)).ToArray();
            if (children.Length == 0) continue;
            await AuditWriter.AppendAsync(connection, tx, registry.Names, cascaded with { Entity = child.Name }, ct, children).ConfigureAwait(false);
            await FollowCascadeAsync(connection, tx, model, child, children, cascaded, depth + 1, ct).ConfigureAwait(false);
        }
    }
}
