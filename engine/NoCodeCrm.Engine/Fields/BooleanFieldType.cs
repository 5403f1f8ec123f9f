using System.Text.Json;
using NJsonSchema;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>A yes/no value.</summary>
public sealed class BooleanFieldType : FieldTypeHandler
{
    public override FieldType Type => FieldType.Boolean;
    public override string ColumnType(FieldDefinition field) => "boolean";
    public override bool IsOrdered => false;

    protected override void DescribeValue(JsonSchemaProperty schema, FieldDefinition field) => schema.Type = JsonObjectType.Boolean;

    public override FieldValue Read(JsonElement value, FieldDefinition field) => value.ValueKind switch
    {
        JsonValueKind.True => FieldValue.Ok(true),
        JsonValueKind.False => FieldValue.Ok(false),
        _ => FieldValue.Invalid("Expected true or false."),
    };
}
