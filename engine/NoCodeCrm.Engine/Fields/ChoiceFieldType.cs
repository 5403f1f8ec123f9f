using System.Text.Json;
using NJsonSchema;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>One value out of the field's option set, stored as the option's value.</summary>
public sealed class ChoiceFieldType : FieldTypeHandler
{
    public override FieldType Type => FieldType.Choice;
    public override string ColumnType(FieldDefinition field) => "text";
    public override FieldSettings AllowedSettings => FieldSettings.Options;

    protected override void DescribeValue(JsonSchemaProperty schema, FieldDefinition field)
    {
        schema.Type = JsonObjectType.String;
        foreach (var option in field.Options) schema.Enumeration.Add(option.Value);
        if (!field.Required) schema.Enumeration.Add(null);
    }

    public override FieldValue Read(JsonElement value, FieldDefinition field)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text && field.Options.Any(o => o.Value == text))
            return FieldValue.Ok(text);
        return FieldValue.Invalid($"Expected one of: {string.Join(", ", field.Options.Select(o => o.Value))}.");
    }

    public override IEnumerable<(string Path, string Code, string Message)> ValidateDefinition(FieldDefinition field)
    {
        foreach (var error in base.ValidateDefinition(field)) yield return error;
        foreach (var error in OptionSetRules.Validate(field)) yield return error;
    }
}
