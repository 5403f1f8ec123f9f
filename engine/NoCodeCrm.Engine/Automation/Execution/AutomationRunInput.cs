using System.Text.Json;
using NoCodeCrm.Engine.Records;

namespace NoCodeCrm.Engine.Automation.Execution;

/// <summary>What a run log shows as a run's inputs: the trigger, its payload and the record as it was when the rule fired.</summary>
public static class AutomationRunInput
{
    public static string Build(string trigger, JsonElement payload, StoredRecord? record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, RecordJsonWriter.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("trigger", trigger);
            writer.WritePropertyName("event");
            payload.WriteTo(writer);
            if (record is not null)
            {
                writer.WritePropertyName("record");
                RecordJsonWriter.Write(writer, record);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
