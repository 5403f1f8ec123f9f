using System.Globalization;
using System.Text.Json;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Records;

/// <summary>Turns a record written by <see cref="RecordJsonWriter"/> back into a <see cref="StoredRecord"/> (e.g. the state before an update, kept in an outbox event).</summary>
public static class RecordSnapshot
{
    public static StoredRecord FromJson(CompiledEntity entity, JsonElement json)
    {
        var values = new object?[SystemColumns.EntityNames.Count + entity.Fields.Count];
        foreach (var property in json.EnumerateObject())
        {
            if (!entity.ValueIndex.TryGetValue(property.Name, out var index) || property.Value.ValueKind == JsonValueKind.Null) continue;
            values[index] = index < SystemColumns.EntityNames.Count
                ? SystemValue(property.Name, property.Value)
                : entity.Fields[index - SystemColumns.EntityNames.Count] is var field ? field.Handler.Read(property.Value, field.Definition).Value : null;
        }
        return new StoredRecord(entity, values);
    }

    private static object? SystemValue(string name, JsonElement value) => name switch
    {
        SystemColumns.Version => value.GetInt32(),
        SystemColumns.CreatedAt or SystemColumns.UpdatedAt or SystemColumns.DeletedAt =>
            DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        _ => Guid.Parse(value.GetString()!),
    };
}
