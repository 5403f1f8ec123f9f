using System.Text.Json;
using NJsonSchema;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>Shared behaviour of fields that hold the id of something else (a record, a user): a uuid column.</summary>
public abstract class ReferenceFieldTypeBase : FieldTypeHandler
{
    /// <summary>What the id names, for messages: "record", "user".</summary>
    protected abstract string Referenced { get; }

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
            : FieldValue.Invalid($"Expected the id (uuid) of a {Referenced}.");
}
