using System.Globalization;
using System.Text.Json;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Fields;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Rules.Pipeline;

/// <summary>Turns a script's result into a field's stored value through the field type's own checks (scale, options, ranges).</summary>
internal static class ScriptValueConverter
{
    public static FieldValue ToFieldValue(object? result, CompiledField field)
    {
        if (result is null) return FieldValue.Ok(null);
        var definition = field.Definition;
        object? json = (field.Type, result) switch
        {
            (FieldType.Integer, double d) when double.IsFinite(d) => (long)Math.Round(d, MidpointRounding.AwayFromZero),
            (FieldType.Decimal or FieldType.Currency or FieldType.Percent, double d) when double.IsFinite(d) && Math.Abs(d) < 7.9e27 =>
                decimal.Round((decimal)d, ((NumericFieldTypeBase)field.Handler).Scale(definition), MidpointRounding.AwayFromZero),
            (FieldType.Integer or FieldType.Decimal or FieldType.Currency or FieldType.Percent, double) => "not a finite number",
            (FieldType.Date, DateTime t) => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            (FieldType.Datetime, DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            (FieldType.Text or FieldType.Textarea or FieldType.Email or FieldType.Phone or FieldType.Url, double d) => d.ToString(CultureInfo.InvariantCulture),
            (FieldType.Text or FieldType.Textarea, bool b) => b ? "true" : "false",
            _ => result,
        };
        var element = JsonSerializer.SerializeToElement(json);
        var read = field.Handler.Read(element, definition);
        return read.IsValid ? read : FieldValue.Invalid($"The result {Describe(result)} is not a valid {FieldTypeHandler.Json(field.Type)} value: {read.Error}");
    }

    private static string Describe(object result) => result switch
    {
        string s => "'" + (s.Length > 40 ? s[..37] + "..." : s) + "'",
        double d => d.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string[] a => "[" + string.Join(", ", a.Take(5)) + "]",
        _ => result.ToString() ?? "",
    };
}
