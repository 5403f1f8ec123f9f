using System.Globalization;
using System.Text.Json;
using NJsonSchema;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>A point in time, stored as <c>timestamptz</c> and always returned in UTC.</summary>
public sealed class DatetimeFieldType : FieldTypeHandler
{
    public override FieldType Type => FieldType.Datetime;
    public override string ColumnType(FieldDefinition field) => "timestamptz";

    protected override void DescribeValue(JsonSchemaProperty schema, FieldDefinition field)
    {
        schema.Type = JsonObjectType.String;
        schema.Format = "date-time";
    }

    public override FieldValue Read(JsonElement value, FieldDefinition field)
    {
        // An offset is required: a time without one would be read in whatever zone the server runs in.
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text &&
            (text.EndsWith('Z') || text.EndsWith('z') || HasOffset(text)) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
            return FieldValue.Ok(moment.UtcDateTime);
        return FieldValue.Invalid("Expected a date and time with a zone, e.g. 2025-03-01T09:30:00Z.");
    }

    private static bool HasOffset(string text) =>
        text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':';
}
