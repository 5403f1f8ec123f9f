using System.Text.Json;
using NJsonSchema;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>Exact numbers stored as <c>numeric(precision, scale)</c>; a value with more decimals than the scale is refused, never rounded.</summary>
public abstract class NumericFieldTypeBase : FieldTypeHandler
{
    protected abstract int DefaultPrecision { get; }
    protected abstract int DefaultScale { get; }

    public override FieldSettings AllowedSettings => FieldSettings.Range | FieldSettings.Precision | FieldSettings.Unique;

    public int Precision(FieldDefinition field) => field.Precision ?? DefaultPrecision;
    public int Scale(FieldDefinition field) => field.Scale ?? DefaultScale;

    public override string ColumnType(FieldDefinition field) => $"numeric({Precision(field)},{Scale(field)})";

    protected override void DescribeValue(JsonSchemaProperty schema, FieldDefinition field)
    {
        schema.Type = JsonObjectType.Number;
        schema.Minimum = field.Min;
        schema.Maximum = field.Max;
    }

    public override FieldValue Read(JsonElement value, FieldDefinition field)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
            return FieldValue.Invalid("Expected a number.");
        var scale = Scale(field);
        if (number.Scale > scale && decimal.Round(number, scale) != number)
            return FieldValue.Invalid($"At most {scale} decimal places are allowed.");
        var integerDigits = Precision(field) - scale;
        if (Math.Abs(decimal.Truncate(number)) >= Pow10(integerDigits))
            return FieldValue.Invalid($"At most {integerDigits} digits before the decimal point are allowed.");
        if (field.Min is { } min && number < min) return FieldValue.Invalid($"The value must be at least {min}.");
        if (field.Max is { } max && number > max) return FieldValue.Invalid($"The value must be at most {max}.");
        return FieldValue.Ok(number);
    }

    public override IEnumerable<(string Path, string Code, string Message)> ValidateDefinition(FieldDefinition field)
    {
        foreach (var error in base.ValidateDefinition(field)) yield return error;
        if (Precision(field) is < 1 or > 28)
            yield return ("precision", "outOfRange", "precision must be between 1 and 28.");
        else if (Scale(field) < 0 || Scale(field) > Precision(field))
            yield return ("scale", "outOfRange", $"scale must be between 0 and the precision ({Precision(field)}).");
    }

    private static decimal Pow10(int digits)
    {
        var result = 1m;
        for (var i = 0; i < digits && i < 28; i++) result *= 10;
        return result;
    }
}
