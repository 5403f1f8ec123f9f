using System.Text.Json;
using NJsonSchema;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>Shared behaviour of the text-valued types: a collated <c>text</c> column with length and pattern checks.</summary>
public abstract class TextFieldTypeBase : FieldTypeHandler
{
    /// <summary>The longest value any text field accepts when the definition sets no maxLength.</summary>
    public const int DefaultMaxLength = 10_000;

    public override string ColumnType(FieldDefinition field) => "text";
    public override bool IsText => true;
    public override FieldSettings AllowedSettings => FieldSettings.MaxLength | FieldSettings.Pattern | FieldSettings.Unique;

    protected virtual string? Format => null;

    protected override void DescribeValue(JsonSchemaProperty schema, FieldDefinition field)
    {
        schema.Type = JsonObjectType.String;
        schema.MaxLength = field.MaxLength ?? DefaultMaxLength;
        if (field.Pattern is not null) schema.Pattern = field.Pattern;
        if (Format is not null) schema.Format = Format;
    }

    public override FieldValue Read(JsonElement value, FieldDefinition field)
    {
        if (value.ValueKind != JsonValueKind.String) return FieldValue.Invalid("Expected a string.");
        var text = value.GetString()!;
        if (text.Contains('\0', StringComparison.Ordinal)) return FieldValue.Invalid("Text may not contain the NUL character.");
        if (text.Length > (field.MaxLength ?? DefaultMaxLength))
            return FieldValue.Invalid($"At most {field.MaxLength ?? DefaultMaxLength} characters are allowed; the value has {text.Length}.");
        return FieldValue.Ok(text);
    }

    public override IEnumerable<(string Path, string Code, string Message)> ValidateDefinition(FieldDefinition field)
    {
        foreach (var error in base.ValidateDefinition(field)) yield return error;
        if (field.MaxLength is < 1 or > 1_000_000)
            yield return ("maxLength", "outOfRange", "maxLength must be between 1 and 1,000,000.");
        if (field.Pattern is not null && !PatternCompiles(field.Pattern))
            yield return ("pattern", "invalidPattern", $"'{field.Pattern}' is not a valid regular expression.");
    }

    private static bool PatternCompiles(string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.ECMAScript, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
