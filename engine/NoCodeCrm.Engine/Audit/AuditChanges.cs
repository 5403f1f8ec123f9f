using System.Buffers;
using System.Text;
using System.Text.Json;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Audit;

/// <summary>
/// Describes a write as each field's old → new value: <c>{"stage": {"old": "lead", "new": "won"}}</c>. A create keeps the
/// fields it set (<c>new</c> only), a delete the last values (<c>old</c> only), an update only the fields that changed.
/// </summary>
/// <remarks>The owner is the one system column kept: who a record belongs to decides who may see it.</remarks>
public static class AuditChanges
{
    private static readonly int OwnerIndex = SystemColumns.EntityNames.ToList().IndexOf(SystemColumns.Owner);

    /// <summary>The changes as a JSON object, or null when no field differs.</summary>
    public static string? Describe(StoredRecord? previous, StoredRecord? current)
    {
        var record = current ?? previous ?? throw new ArgumentException("A change needs a record before or after it.", nameof(current));
        var entity = record.Entity;
        var buffer = new ArrayBufferWriter<byte>();
        var any = false;
        using (var writer = new Utf8JsonWriter(buffer, RecordJsonWriter.WriterOptions))
        {
            writer.WriteStartObject();
            any |= Field(writer, SystemColumns.Owner, previous?.Values[OwnerIndex], current?.Values[OwnerIndex], previous is null, current is null, null);
            var system = SystemColumns.EntityNames.Count;
            for (var i = 0; i < entity.Fields.Count; i++)
            {
                var field = entity.Fields[i];
                any |= Field(writer, field.Name, previous?.Values[system + i], current?.Values[system + i], previous is null, current is null, field.Handler);
            }
            writer.WriteEndObject();
        }
        return any ? Encoding.UTF8.GetString(buffer.WrittenSpan) : null;
    }

    private static bool Field(Utf8JsonWriter writer, string name, object? old, object? @new, bool creating, bool deleting, Fields.FieldTypeHandler? handler)
    {
        if (creating ? @new is null : deleting ? old is null : Same(old, @new)) return false;
        writer.WritePropertyName(name);
        writer.WriteStartObject();
        if (!creating) Value(writer, "old", old, handler);
        if (!deleting) Value(writer, "new", @new, handler);
        writer.WriteEndObject();
        return true;
    }

    private static void Value(Utf8JsonWriter writer, string name, object? value, Fields.FieldTypeHandler? handler)
    {
        writer.WritePropertyName(name);
        if (value is null) writer.WriteNullValue();
        else if (handler is not null) handler.Write(writer, value);
        else if (value is Guid g) writer.WriteStringValue(g);
        else writer.WriteStringValue(value.ToString());
    }

    private static bool Same(object? a, object? b) => a switch
    {
        string[] x when b is string[] y => x.SequenceEqual(y, StringComparer.Ordinal),
        _ => Equals(a, b),
    };
}
