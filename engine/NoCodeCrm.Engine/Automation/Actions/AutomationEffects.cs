using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Automation.Actions;

/// <summary>The ledger of actions that took effect, keyed by action key: a retried or replayed action finds its effect here and skips.</summary>
public static class AutomationEffects
{
    public static async Task<JsonNode?> FindAsync(NpgsqlConnection connection, SchemaNames names, string actionKey, CancellationToken ct)
    {
        var json = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            $"SELECT coalesce(result::text, 'null') FROM {Sql.Quote(names.SystemSchema)}.automation_effect WHERE action_key = @actionKey",
            new { actionKey }, cancellationToken: ct)).ConfigureAwait(false);
        return json is null ? null : JsonNode.Parse(json) ?? new JsonObject();
    }

    public static async Task<bool> ExistsAsync(NpgsqlConnection connection, SchemaNames names, string actionKey, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM {Sql.Quote(names.SystemSchema)}.automation_effect WHERE action_key = @actionKey)",
            new { actionKey }, cancellationToken: ct)).ConfigureAwait(false);

    /// <summary>Records an effect; inside a write's transaction a second worker's duplicate fails the whole write.</summary>
    public static Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, SchemaNames names, string actionKey, string? entity, Guid? recordId,
        JsonNode? result, bool ignoreDuplicate, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {Sql.Quote(names.SystemSchema)}.automation_effect (action_key, entity, record_id, result) VALUES (@actionKey, @entity, @recordId, @result::jsonb)"
            + (ignoreDuplicate ? " ON CONFLICT (action_key) DO NOTHING" : ""),
            new { actionKey, entity, recordId, result = result?.ToJsonString() }, tx, cancellationToken: ct));

    public static bool IsDuplicate(Exception ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "automation_effect" };
}
