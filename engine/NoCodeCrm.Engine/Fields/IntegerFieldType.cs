using System.Text.Json;
using NJsonSchema;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>A whole number stored as <c>bigint</c>.</summary>
public sealed class IntegerFieldType : FieldTypeHandler
{
    public override FieldType Type => FieldType.Integer;
    public override string ColumnType(FieldDefinition field) => "bigint";
    public override FieldSettings AllowedSettings => FieldSettings.Range | FieldSettings.Unique;

    protected override void DescribeValue(JsonSchemaProperty schema, FieldDefinition field)
    {
        schema.Type = JsonObjectType.Integer;
        schema.Minimum = field.Min;
        schema.Maximum = field.Max;
    }

    public override FieldValue Read(JsonElement value, FieldDefinition field)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
            return FieldValue.Invalid("Expected a whole number between -9223372036854775808 and 9223372036854775807.");
        if (field.Min is { } min && number < min) return FieldValue.Invalid($"The value must be at least {min}.");
        if (field.Max is { } max && number > max) return FieldValue.Invalid($"The value must be at most {max}.");
        return FieldValue.Ok(number);
    }
}
