using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Audit;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Consent;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Compliance;

/// <summary>
/// Restriction of processing (KVKK art. 11, GDPR art. 18): while a data subject is restricted their record cannot be
/// written (<see cref="RestrictionWriteHook"/>), automation skips runs about it and no message reaches them, not even a
/// transactional one. Kept in <c>crm_system.restriction</c> (a row while restricted); every change is audited.
/// </summary>
public sealed class ProcessingRestrictions(NpgsqlDataSource dataSource, ModelRegistry registry)
{
    private string Table => Sql.Qualified(registry.Names.SystemSchema, "restriction");

    public async Task<JsonObject> SetAsync(CrmPrincipal principal, Guid id, bool restricted, string? reason, CancellationToken ct)
    {
        ComplianceAccess.Demand(principal);
        var model = registry.Current;
        var subject = ConsentService.Subject(model);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                $"SELECT EXISTS (SELECT 1 FROM {subject.Table} WHERE id = @id)", new { id }, tx, cancellationToken: ct)).ConfigureAwait(false))
            throw CrmException.NotFound($"There is no {subject.Name} with id {id}.");
        var args = new { entity = subject.Name, id, reason, by = principal.UserId, byName = principal.UserName };
        var was = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM {Table} WHERE subject_entity = @entity AND subject_id = @id FOR UPDATE)", args, tx, cancellationToken: ct))
            .ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(restricted
            ? $"""
               INSERT INTO {Table} (subject_entity, subject_id, reason, restricted_by, restricted_by_name) VALUES (@entity, @id, @reason, @by, @byName)
               ON CONFLICT (subject_entity, subject_id) DO UPDATE SET reason = excluded.reason, restricted_by = excluded.restricted_by,
                   restricted_by_name = excluded.restricted_by_name, restricted_at = now()
               """
            : $"DELETE FROM {Table} WHERE subject_entity = @entity AND subject_id = @id", args, tx, cancellationToken: ct)).ConfigureAwait(false);
        var changes = new JsonObject { ["restricted"] = new JsonObject { ["old"] = was, ["new"] = restricted }, ["reason"] = reason };
        await AuditWriter.AppendAsync(connection, tx, model.Names,
            new AuditEntry(AuditOperation.Restrict, subject.Name, id, principal, RecordWriteOptions.Api) { Changes = changes.ToJsonString() }, ct)
            .ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new JsonObject { ["entity"] = subject.Name, ["id"] = id, ["restricted"] = restricted, ["reason"] = reason };
    }

    /// <summary>Why processing this record is refused, or null when it is not a restricted data subject.</summary>
    public async Task<string?> ReasonAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string entity, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (registry.Current.Model.Settings.Consent?.Subject != entity) return null;
        var found = await connection.QuerySingleOrDefaultAsync<(Guid Id, string? Reason)>(new CommandDefinition(
            $"SELECT subject_id, reason FROM {Table} WHERE subject_entity = @entity AND subject_id = @id", new { entity, id }, tx, cancellationToken: ct))
            .ConfigureAwait(false);
        return found.Id == Guid.Empty ? null : $"Processing of {entity} {id} is restricted" + (found.Reason is { Length: > 0 } r ? $": {r}" : ".");
    }

    /// <summary>The first of these data subjects that is restricted, as a reason; null when none is.</summary>
    public async Task<string?> ReasonAsync(string entity, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        foreach (var id in ids)
            if (await ReasonAsync(connection, null, entity, id, ct).ConfigureAwait(false) is { } reason)
                return reason;
        return null;
    }
}
