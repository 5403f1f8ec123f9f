using System.Text.Json;
using NJsonSchema;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>An N:1 reference to a record of the target entity: a uuid column with a foreign key and an index.</summary>
public sealed class LookupFieldType : FieldTypeHandler
{
    public override FieldType Type => FieldType.Lookup;
    public override string ColumnType(FieldDefinition field) => "uuid";
    public override bool IsOrdered => false;
    public override FieldSettings AllowedSettings => FieldSettings.Target;

    protected override void DescribeValue(JsonSchemaProperty schema, FieldDefinition field)
    {
        schema.Type = JsonObjectType.String;
        schema.Format = "uuid";
    }

    public override FieldValue Read(JsonElement value, FieldDefinition field) =>
        value.ValueKind == JsonValueKind.String && Guid.TryParseExact(value.GetString(), "D", out var id)
            ? FieldValue.Ok(id)
            : FieldValue.Invalid("Expected the id (uuid) of a record.");

    public override IEnumerable<(string Path, string Code, string Message)> ValidateDefinition(FieldDefinition field)
    {
        foreach (var error in base.ValidateDefinition(field)) yield return error;
        if (field.Target is null) yield return ("target", "targetRequired", "A lookup needs a target entity.");
    }
}
