using System.Data.Common;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Records;

/// <summary>Reads rows selected with <see cref="CompiledEntity.SelectList"/> into records, with CLR types the JSON writer knows.</summary>
public static class RecordReader
{
    public static StoredRecord Read(DbDataReader reader, CompiledEntity entity, int offset = 0)
    {
        var system = SystemColumns.EntityNames.Count;
        var values = new object?[system + entity.Fields.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var ordinal = offset + i;
            if (reader.IsDBNull(ordinal)) continue;
            values[i] = i >= system && entity.Fields[i - system].Type == FieldType.Date
                ? reader.GetFieldValue<DateOnly>(ordinal)
                : reader.GetValue(ordinal);
        }
        return new StoredRecord(entity, values);
    }

    public static async Task<List<StoredRecord>> ReadAllAsync(DbDataReader reader, CompiledEntity entity, CancellationToken ct)
    {
        var records = new List<StoredRecord>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) records.Add(Read(reader, entity));
        return records;
    }
}
