using System.Text.Json;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Json;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security.Directory;

namespace NoCodeCrm.Engine.Security.Sharing;

/// <summary>
/// Shares records with users and teams. Sharing needs the share right over the record; a share grants read (or read and
/// update) of that one record on top of the receiver's own scopes, never delete, assign or re-share.
/// </summary>
public sealed class RecordShareService(NpgsqlDataSource dataSource, ModelRegistry registry, IRecordAccessPolicy access, RecordService records)
{
    private string S => Sql.Quote(registry.Names.SystemSchema);

    private string SelectShares => $"""
        SELECT sh.id, sh.entity, sh.record_id AS RecordId, sh.user_id AS UserId, u.username AS User, sh.team_id AS TeamId, t.name AS Team,
               sh.access, sh.shared_by AS SharedBy, sh.created_at AS CreatedAt
        FROM {S}.record_share sh LEFT JOIN {S}.app_user u ON u.id = sh.user_id LEFT JOIN {S}.team t ON t.id = sh.team_id
        """;

    public async Task<IReadOnlyList<RecordShare>> ListAsync(CrmPrincipal principal, string entityName, Guid id, CancellationToken ct)
    {
        var entity = RecordService.Entity(registry.Current, entityName);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await RequireVisibleAsync(connection, principal, entity, id, RecordOperation.Read, ct).ConfigureAwait(false);
        return (await connection.QueryAsync<RecordShare>(new CommandDefinition($"{SelectShares} WHERE sh.entity = @entity AND sh.record_id = @id ORDER BY sh.created_at",
            new { entity = entity.Name, id }, cancellationToken: ct)).ConfigureAwait(false)).AsList();
    }

    /// <summary>Shares the record; sharing again with the same user or team changes the access.</summary>
    public async Task<RecordShare> ShareAsync(CrmPrincipal principal, string entityName, Guid id, JsonElement body, CancellationToken ct)
    {
        var entity = RecordService.Entity(registry.Current, entityName);
        var reader = new JsonBodyReader(body, ["user", "team", "access"]);
        var accessLevel = reader.Text("access") ?? "read";
        if (accessLevel is not ("read" or "update")) reader.Error("access", "invalidAccess", "Expected read or update.");
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await RequireVisibleAsync(connection, principal, entity, id, RecordOperation.Share, ct).ConfigureAwait(false);
        var references = new DirectoryReferences(connection, null, registry.Names, reader);
        var user = await references.UserAsync("user", reader.Text("user")).ConfigureAwait(false);
        var team = await references.TeamAsync("team", reader.Text("team")).ConfigureAwait(false);
        if (reader.Has("user") == reader.Has("team")) reader.Error("user", "userOrTeam", "Share with exactly one of user or team.");
        reader.ThrowIfInvalid("The share is not valid.");
        var shareId = await connection.ExecuteScalarAsync<Guid>(new CommandDefinition(
            $"""
             INSERT INTO {S}.record_share (id, entity, record_id, user_id, team_id, access, shared_by)
             VALUES (@newId, @entity, @id, @user, @team, @access, @by)
             ON CONFLICT (entity, record_id, coalesce(user_id, team_id)) DO UPDATE SET access = excluded.access, shared_by = excluded.shared_by
             RETURNING id
             """, new { newId = Guid.CreateVersion7(), entity = entity.Name, id, user, team, access = accessLevel, by = principal.UserId }, cancellationToken: ct)).ConfigureAwait(false);
        return await connection.QuerySingleAsync<RecordShare>(new CommandDefinition($"{SelectShares} WHERE sh.id = @shareId", new { shareId }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task UnshareAsync(CrmPrincipal principal, string entityName, Guid id, Guid shareId, CancellationToken ct)
    {
        var entity = RecordService.Entity(registry.Current, entityName);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await RequireVisibleAsync(connection, principal, entity, id, RecordOperation.Share, ct).ConfigureAwait(false);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM {S}.record_share WHERE id = @shareId AND entity = @entity AND record_id = @id",
            new { shareId, entity = entity.Name, id }, cancellationToken: ct)).ConfigureAwait(false);
        if (removed == 0) throw CrmException.NotFound($"The {entity.Name} has no share {shareId}.");
    }

    /// <summary>A record outside the reader's sight is a 404 like a missing one; one they see but may not share is a 403.</summary>
    private async Task RequireVisibleAsync(NpgsqlConnection connection, CrmPrincipal principal, CompiledEntity entity, Guid id, RecordOperation operation, CancellationToken ct)
    {
        await records.GetAsync(principal, entity.Name, id, ct).ConfigureAwait(false);
        if (operation == RecordOperation.Read) return;
        access.Authorize(principal, entity, operation);
        if (!await RecordVisibility.CoversAsync(access, registry.Current, connection, principal, entity, id, operation, ct).ConfigureAwait(false))
            throw new CrmException(CrmErrorKind.Forbidden, "forbidden", $"You may not {operation.ToString().ToLowerInvariant()} this {entity.Name}.");
    }
}
