using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Query;

namespace NoCodeCrm.Engine.Security;

/// <summary>Whether one record lies within a principal's row scope for an operation: the policy's predicate, asked about that id.</summary>
public static class RecordVisibility
{
    public static async Task<bool> CoversAsync(IRecordAccessPolicy access, CompiledModel model, NpgsqlConnection connection, CrmPrincipal principal,
        CompiledEntity entity, Guid id, RecordOperation operation, CancellationToken ct)
    {
        var builder = new SqlQueryBuilder(model, entity);
        if (access.RowFilter(principal, entity, operation, builder.AddParameter) is not { } filter) return true;
        await using var command = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {entity.Table} t0 WHERE t0.\"id\" = @id AND ({filter}))", connection);
        command.Parameters.AddRange(builder.Parameters.ToArray());
        command.Parameters.AddWithValue("id", id);
        return (bool)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }
}
