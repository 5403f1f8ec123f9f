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
    /// Deleted looked-up records count as empty. With <paramref name="access"/>, a looked-up record the user may not read
    /// counts as empty too and their hidden fields are left out; without it (automation) nothing is filtered.
    /// </summary>
    public static async Task<TemplateData> LoadAsync(NpgsqlConnection connection, CompiledModel model, StoredRecord record, CrmPrincipal user,
        CancellationToken ct, NpgsqlTransaction? transaction = null, IRecordAccessPolicy? access = null)
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
            var sql = target.SelectByIdSql;
            var builder = new Query.SqlQueryBuilder(model, target);
            if (access is not null)
            {
                try
                {
                    access.Authorize(user, target, RecordOperation.Read);
                }
                catch (Errors.CrmException ex) when (ex.Kind == Errors.CrmErrorKind.Forbidden)
                {
                    lookups[field.Name] = null;
                    continue;
                }
                if (access.RowFilter(user, target, RecordOperation.Read, builder.AddParameter) is { } filter)
                    sql = $"SELECT {target.SelectList} FROM {target.Table} t0 WHERE t0.\"id\" = @id AND ({filter})";
            }
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddRange(builder.Parameters.ToArray());
            command.Parameters.AddWithValue("id", id);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var found = await reader.ReadAsync(ct).ConfigureAwait(false) ? RecordReader.Read(reader, target) : null;
            if (found is not null && access?.HiddenFields(user, target) is { Count: > 0 } hidden) found.Hidden = hidden;
            lookups[field.Name] = found is { DeletedAt: null } ? found : null;
        }
        return new TemplateData(record, lookups, user);
    }
}
