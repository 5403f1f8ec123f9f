using System.Text.Json;
using NoCodeCrm.Engine.Records;

namespace NoCodeCrm.Engine.Automation.Outbox;

/// <summary>The JSON an outbox event carries: who wrote, from where, the record as it was before, and the rules it triggered.</summary>
public static class OutboxPayload
{
    public static string ForWrite(RecordChange change, IEnumerable<string> rules)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, RecordJsonWriter.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("user", change.Principal.UserId);
            writer.WriteString("userName", change.Principal.UserName);
            writer.WriteString("source", change.Options.Source);
            if (change.Options.Rule is { } rule) writer.WriteString("causedBy", rule);
            writer.WriteStartArray("rules");
            foreach (var name in rules) writer.WriteStringValue(name);
            writer.WriteEndArray();
            if (change.Previous is { } previous)
            {
                writer.WritePropertyName("previous");
                RecordJsonWriter.Write(writer, previous);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
