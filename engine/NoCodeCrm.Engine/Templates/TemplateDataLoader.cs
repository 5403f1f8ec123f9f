using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Templates;

/// <summary>Loads what a template may show about a record: the record's looked-up records, one query per filled lookup.</summary>
public static class TemplateDataLoader
{
    /// <summary>
    /// Loads every filled lookup of the record (a handful per entity: cheaper than finding out which ones the templates use).
    /// Deleted looked-up records count as empty. Reads are not permission-filtered: callers are automation and administrators.
    /// </summary>
    public static async Task<TemplateData> LoadAsync(NpgsqlConnection connection, CompiledModel model, StoredRecord record, CrmPrincipal user,
        CancellationToken ct, NpgsqlTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(record);
        var lookups = new Dictionary<string, StoredRecord?>(StringComparer.Ordinal);
        foreach (var field in record.Entity.Fields)
        {
            if (field.Type != FieldType.Lookup) continue;
            var target = field.Definition.Target is { } name ? model.FindEntity(name) : null;
            if (record[field.Name] is not Guid id || target is null)
            {
                lookups[field.Name] = null;
                continue;
            }
            await using var command = new NpgsqlCommand(target.SelectByIdSql, connection, transaction);
            command.Parameters.AddWithValue("id", id);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var found = await reader.ReadAsync(ct).ConfigureAwait(false) ? RecordReader.Read(reader, target) : null;
            lookups[field.Name] = found is { DeletedAt: null } ? found : null;
        }
        return new TemplateData(record, lookups, user);
    }
}
