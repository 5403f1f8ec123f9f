using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Records;

namespace NoCodeCrm.Engine.Rules.Conditions;

/// <summary>Loads the looked-up records rules read (<c>company</c>, <c>company/parent</c>) into <see cref="StoredRecord.Expanded"/>, one query per lookup.</summary>
public static class RuleContextLoader
{
    /// <summary>
    /// Expands each lookup path of <paramref name="record"/>; paths already expanded are kept. Rules see looked-up
    /// records regardless of the acting user's read permissions (they are the model's logic, not a read by the user);
    /// deleted records count as absent.
    /// </summary>
    public static async Task ExpandAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CompiledModel model, StoredRecord record,
        IReadOnlyList<string> lookupPaths, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(lookupPaths);
        // Shorter paths first: company/parent needs company.
        foreach (var path in lookupPaths.OrderBy(p => p.Count(c => c == '/')))
        {
            var segments = path.Split('/');
            var owner = record;
            for (var i = 0; i < segments.Length - 1 && owner is not null; i++)
                owner = owner.Expanded?.GetValueOrDefault(segments[i]);
            if (owner is null) continue;
            var name = segments[^1];
            if (owner.Expanded?.ContainsKey(name) == true) continue;
            var field = owner.Entity.FindField(name);
            if (field is null || field.Type != FieldType.Lookup || model.FindEntity(field.Definition.Target!) is not { } target)
                throw new ArgumentException($"'{path}' is not a lookup path of '{record.Entity.Name}'.", nameof(lookupPaths));
            StoredRecord? found = null;
            if (owner[name] is Guid id)
            {
                await using var command = new NpgsqlCommand(target.SelectByIdSql, connection, transaction);
                command.Parameters.AddWithValue("id", id);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                if (await reader.ReadAsync(ct).ConfigureAwait(false)) found = RecordReader.Read(reader, target);
                if (found?.DeletedAt is not null) found = null;
            }
            (owner.Expanded ??= [])[name] = found;
        }
    }
}
