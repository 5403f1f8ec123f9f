using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Automation.Execution;

/// <summary>How automation reads the records it acts on, and who it acts as.</summary>
public static class AutomationRecords
{
    /// <summary>Automation acts with the administrator's rights until roles can name a run-as user; the audit source says "automation".</summary>
    public static readonly CrmPrincipal Principal = new(CrmPrincipal.AdministratorId, "automation", true);

    /// <summary>The record as it is now, deleted or not (a delete trigger still needs the record it is about).</summary>
    public static async Task<StoredRecord?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, CompiledEntity entity, Guid id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(entity.SelectByIdSql, connection, tx);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? RecordReader.Read(reader, entity) : null;
    }
}
