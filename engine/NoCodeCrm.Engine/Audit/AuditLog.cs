using System.Text.Json.Nodes;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Audit;

/// <summary>
/// Logs what the write hook cannot see: reads of sensitive fields and exports, one row per call naming the records and
/// fields shown (never their values), and changes to many-to-many links.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource dataSource, ModelRegistry registry)
{
    /// <summary>Logs that <paramref name="principal"/> was shown <paramref name="fields"/> of these records.</summary>
    public Task RecordReadAsync(CrmPrincipal principal, string entity, IReadOnlyList<Guid> ids, IReadOnlyList<string> fields, CancellationToken ct,
        RecordWriteOptions? options = null) =>
        AppendShownAsync(AuditOperation.Read, principal, entity, ids, fields, options, ct);

    /// <summary>Logs that <paramref name="principal"/> exported these records with these fields.</summary>
    public Task RecordExportAsync(CrmPrincipal principal, string entity, IReadOnlyList<Guid> ids, IReadOnlyList<string> fields, CancellationToken ct,
        RecordWriteOptions? options = null) =>
        AppendShownAsync(AuditOperation.Export, principal, entity, ids, fields, options, ct);

    /// <summary>Logs a link made or changed (<see cref="AuditOperation.Link"/>) or removed (<see cref="AuditOperation.Unlink"/>) in the caller's transaction.</summary>
    public Task RecordLinkAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string operation, CrmPrincipal principal, string entity, Guid id,
        string relation, Guid otherId, CancellationToken ct)
    {
        var changes = new JsonObject
        {
            [relation] = new JsonObject { [operation == AuditOperation.Link ? "linked" : "unlinked"] = otherId.ToString() },
        }.ToJsonString();
        // Both ends in record_ids: the link shows in the history of either record.
        var entry = new AuditEntry(operation, entity, id, principal, RecordWriteOptions.Api) { Changes = changes, RecordIds = [id, otherId] };
        return AuditWriter.AppendAsync(connection, tx, registry.Names, entry, ct);
    }

    private async Task AppendShownAsync(string operation, CrmPrincipal principal, string entity, IReadOnlyList<Guid> ids, IReadOnlyList<string> fields,
        RecordWriteOptions? options, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        var entry = new AuditEntry(operation, entity, ids.Count == 1 ? ids[0] : null, principal, options ?? RecordWriteOptions.Api)
        {
            RecordIds = ids,
            Fields = fields,
        };
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await AuditWriter.AppendAsync(connection, null, registry.Names, entry, ct).ConfigureAwait(false);
    }
}
