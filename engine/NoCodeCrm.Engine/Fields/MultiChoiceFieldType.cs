using System.Text.Json;
using NJsonSchema;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>Any number of distinct values out of the option set, stored as <c>text[]</c> with a GIN index.</summary>
public sealed class MultiChoiceFieldType : FieldTypeHandler
{
    public override FieldType Type => FieldType.MultiChoice;
    public override string ColumnType(FieldDefinition field) => "text[]";
    public override bool IsOrdered => false;
    public override FieldSettings AllowedSettings => FieldSettings.Options;

    protected override void DescribeValue(JsonSchemaProperty schema, FieldDefinition field)
    {
        schema.Type = JsonObjectType.Array;
        schema.UniqueItems = true;
        var item = new JsonSchema { Type = JsonObjectType.String };
        foreach (var option in field.Options) item.Enumeration.Add(option.Value);
        schema.Item = item;
    }

    public override FieldValue Read(JsonElement value, FieldDefinition field)
    {
        if (value.ValueKind != JsonValueKind.Array) return FieldValue.Invalid("Expected an array of option values.");
        var values = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { } text || !field.Options.Any(o => o.Value == text))
                return FieldValue.Invalid($"Every item must be one of: {string.Join(", ", field.Options.Select(o => o.Value))}.");
            if (values.Contains(text)) return FieldValue.Invalid($"'{text}' is listed twice.");
            values.Add(text);
        }
        return FieldValue.Ok(values.ToArray());
    }

    public override IEnumerable<(string Path, string Code, string Message)> ValidateDefinition(FieldDefinition field)
    {
        foreach (var error in base.ValidateDefinition(field)) yield return error;
        foreach (var error in OptionSetRules.Validate(field)) yield return error;
    }
}
