using System.Text.Json;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Records;

/// <summary>Writes records in the API's flat shape: <c>{"id", "version", "created_at", …, "first_name": "Ayşe", "company": "&lt;uuid&gt;"}</c>.</summary>
public static class RecordJsonWriter
{
    public static void Write(Utf8JsonWriter writer, StoredRecord record, IReadOnlySet<string>? select = null)
    {
        writer.WriteStartObject();
        var system = SystemColumns.EntityNames.Count;
        for (var i = 0; i < record.Values.Length; i++)
        {
            var isSystem = i < system;
            var name = isSystem ? SystemColumns.EntityNames[i] : record.Entity.Fields[i - system].Name;
            if (select is not null && !isSystem && !select.Contains(name)) continue;
            if (!isSystem && record.Hidden?.Contains(name) == true) continue;
            if (name == SystemColumns.DeletedAt && record.Values[i] is null) continue;
            if (!isSystem && record.Expanded?.ContainsKey(name) == true) continue;
            writer.WritePropertyName(name);
            var value = record.Values[i];
            if (value is null) writer.WriteNullValue();
            else if (isSystem) WriteSystem(writer, value);
            else record.Entity.Fields[i - system].Handler.Write(writer, value);
        }
        if (record.Expanded is not null)
        {
            foreach (var (field, expanded) in record.Expanded)
            {
                // "$expand=company" inlines the looked-up record under the lookup's name; the id stays readable from it.
                writer.WritePropertyName(field);
                if (expanded is null) writer.WriteNullValue();
                else Write(writer, expanded);
            }
        }
        writer.WriteEndObject();
    }

    /// <summary>Writer settings of every record response (see <see cref="Json.JsonEncoding"/>).</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = Json.JsonEncoding.Encoder };

    public static byte[] ToUtf8(StoredRecord record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) Write(writer, record);
        return buffer.ToArray();
    }

    private static void WriteSystem(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case Guid g: writer.WriteStringValue(g); break;
            case int i: writer.WriteNumberValue(i); break;
            case DateTime d: writer.WriteStringValue(DateTime.SpecifyKind(d, DateTimeKind.Utc)); break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }
}
