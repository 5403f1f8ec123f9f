using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Security;

/// <summary>
/// Keeps every record's <c>owning_team</c> and <c>owning_department</c> equal to its owner's team and department (as
/// Dataverse does), so team and department scopes are plain indexed predicates on the record's own row. Record writes
/// stamp them from the owner; this moves a user's records along when the user changes team or department.
/// </summary>
public static class OwningUnits
{
    /// <summary>The SQL expression for the owner's team (or department) in a record write, the owner being <paramref name="owner"/>.</summary>
    public static string Of(SchemaNames names, string column, string owner) =>
        $"(SELECT u.{Sql.Quote(column)} FROM {Sql.Qualified(names.SystemSchema, "app_user")} u WHERE u.\"id\" = {owner})";

    /// <summary>After a user's team or department changed: their records follow, in the same transaction.</summary>
    public static async Task FollowOwnerAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CompiledModel model, Guid user, CancellationToken ct)
    {
        foreach (var entity in model.Entities.Values)
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                UPDATE {entity.Table} t SET "owning_team" = u."team_id", "owning_department" = u."department_id"
                FROM {Sql.Qualified(model.Names.SystemSchema, "app_user")} u
                WHERE u."id" = @user AND t."owner" = @user
                  AND (t."owning_team" IS DISTINCT FROM u."team_id" OR t."owning_department" IS DISTINCT FROM u."department_id")
                """, new { user }, tx, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>
    /// At start-up: rows whose stamp disagrees with their owner (written before owning units were kept, or loaded around the
    /// engine) are put right, one set-based update per entity.
    /// </summary>
    public static async Task<int> RepairAsync(NpgsqlDataSource dataSource, CompiledModel model, CancellationToken ct)
    {
        var repaired = 0;
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        foreach (var entity in model.Entities.Values)
            repaired += await connection.ExecuteAsync(new CommandDefinition(
                $"""
                UPDATE {entity.Table} t SET "owning_team" = u."team_id", "owning_department" = u."department_id"
                FROM {Sql.Qualified(model.Names.SystemSchema, "app_user")} u
                WHERE u."id" = t."owner"
                  AND (t."owning_team" IS DISTINCT FROM u."team_id" OR t."owning_department" IS DISTINCT FROM u."department_id")
                """, cancellationToken: ct, commandTimeout: 0)).ConfigureAwait(false);
        return repaired;
    }
}
