using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NJsonSchema;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>A number the database gives each new record from a sequence, formatted like <c>SR-{00000}</c>; read-only in the API.</summary>
public sealed partial class AutonumberFieldType : FieldTypeHandler
{
    public override FieldType Type => FieldType.Autonumber;
    public override string ColumnType(FieldDefinition field) => "text";
    public override bool IsText => true;
    public override FieldSettings AllowedSettings => FieldSettings.Format;

    protected override void DescribeValue(JsonSchemaProperty schema, FieldDefinition field)
    {
        schema.Type = JsonObjectType.String;
        schema.IsReadOnly = true;
    }

    public override FieldValue Read(JsonElement value, FieldDefinition field) =>
        FieldValue.Invalid("An autonumber is given by the system and cannot be written.");

    public override IEnumerable<(string Path, string Code, string Message)> ValidateDefinition(FieldDefinition field)
    {
        foreach (var error in base.ValidateDefinition(field)) yield return error;
        if (field.Format is null || Parse(field.Format) is null)
            yield return ("format", "invalidFormat", "An autonumber needs a format with one placeholder of 1 to 12 zeros, e.g. SR-{00000}.");
    }

    /// <summary>Splits a format into prefix, digit count and suffix; null when it is not valid.</summary>
    public static (string Prefix, int Digits, string Suffix)? Parse(string format)
    {
        var match = FormatPattern().Match(format);
        if (!match.Success) return null;
        return (match.Groups[1].Value, match.Groups[2].Value.Length, match.Groups[3].Value);
    }

    public static string Render(string format, long number)
    {
        var (prefix, digits, suffix) = Parse(format) ?? throw new ArgumentException("Invalid autonumber format.", nameof(format));
        return prefix + number.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0') + suffix;
    }

    [GeneratedRegex(@"^([^{}]{0,20})\{(0{1,12})\}([^{}]{0,20})$")]
    private static partial Regex FormatPattern();
}
