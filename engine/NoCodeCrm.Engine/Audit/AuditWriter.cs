using Npgsql;
using NpgsqlTypes;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Audit;

/// <summary>Appends audit rows on the caller's connection and transaction, so they commit or roll back with the write they describe.</summary>
public static class AuditWriter
{
    /// <summary>Appends the entry, once for its own record id, or once per id in <paramref name="eachId"/> (rows a cascade touched).</summary>
    public static async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, SchemaNames names, AuditEntry entry,
        CancellationToken ct, IReadOnlyList<Guid>? eachId = null)
    {
        var s = Sql.Quote(names.SystemSchema);
        var recordId = eachId is null ? "@record_id" : "unnest(@each_id)";
        await using var command = new NpgsqlCommand(
            $"""
             INSERT INTO {s}.audit (user_id, user_name, source, rule, action_key, entity, record_id, operation, changes, record_ids, fields, cascade_of)
             SELECT @user_id, @user_name, @source, @rule, @action_key, @entity, {recordId}, @operation, @changes, @record_ids, @fields, @cascade_of
             """, connection, tx);
        var options = entry.Options;
        command.Parameters.AddWithValue("user_id", entry.Principal.UserId);
        command.Parameters.AddWithValue("user_name", entry.Principal.UserName);
        command.Parameters.AddWithValue("source", options.Source);
        command.Parameters.Add(new NpgsqlParameter("rule", NpgsqlDbType.Text) { Value = (object?)options.Rule ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("action_key", NpgsqlDbType.Text) { Value = (object?)options.ActionKey ?? DBNull.Value });
        command.Parameters.AddWithValue("entity", entry.Entity);
        if (eachId is null) command.Parameters.Add(new NpgsqlParameter("record_id", NpgsqlDbType.Uuid) { Value = (object?)entry.RecordId ?? DBNull.Value });
        else command.Parameters.Add(new NpgsqlParameter("each_id", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = eachId.ToArray() });
        command.Parameters.AddWithValue("operation", entry.Operation);
        command.Parameters.Add(new NpgsqlParameter("changes", NpgsqlDbType.Jsonb) { Value = (object?)entry.Changes ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("record_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = (object?)entry.RecordIds?.ToArray() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("fields", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)entry.Fields?.ToArray() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("cascade_of", NpgsqlDbType.Text) { Value = (object?)entry.CascadeOf ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
