using System.Text.Json;
using NJsonSchema;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>A reference to a user of the CRM (its uuid).</summary>
public sealed class UserFieldType : FieldTypeHandler
{
    public override FieldType Type => FieldType.User;
    public override string ColumnType(FieldDefinition field) => "uuid";
    public override bool IsOrdered => false;

    protected override void DescribeValue(JsonSchemaProperty schema, FieldDefinition field)
    {
        schema.Type = JsonObjectType.String;
        schema.Format = "uuid";
    }

    public override FieldValue Read(JsonElement value, FieldDefinition field) =>
        value.ValueKind == JsonValueKind.String && Guid.TryParseExact(value.GetString(), "D", out var id)
            ? FieldValue.Ok(id)
            : FieldValue.Invalid("Expected the id (uuid) of a user.");
}
