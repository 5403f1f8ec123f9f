using System.Globalization;
using System.Text.Json;
using NJsonSchema;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>A calendar date without time or zone (<c>yyyy-MM-dd</c>), never shifted by time zones.</summary>
public sealed class DateFieldType : FieldTypeHandler
{
    public override FieldType Type => FieldType.Date;
    public override string ColumnType(FieldDefinition field) => "date";

    protected override void DescribeValue(JsonSchemaProperty schema, FieldDefinition field)
    {
        schema.Type = JsonObjectType.String;
        schema.Format = "date";
    }

    public override FieldValue Read(JsonElement value, FieldDefinition field) =>
        value.ValueKind == JsonValueKind.String &&
        DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? FieldValue.Ok(date)
            : FieldValue.Invalid("Expected a date as yyyy-MM-dd.");
}
