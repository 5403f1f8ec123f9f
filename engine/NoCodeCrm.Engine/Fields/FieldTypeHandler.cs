using System.Text.Json;
using NJsonSchema;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>Everything the engine knows about one field type: its column, JSON Schema, value conversion and filter support.</summary>
public abstract class FieldTypeHandler
{
    public abstract FieldType Type { get; }

    /// <summary>The PostgreSQL column type, e.g. <c>text</c> or <c>numeric(18,2)</c>.</summary>
    public abstract string ColumnType(FieldDefinition field);

    /// <summary>Text columns get the model's ICU collation and case-insensitive matching.</summary>
    public virtual bool IsText => false;

    /// <summary>Whether <c>gt/ge/lt/le</c> and <c>$orderby</c> make sense for the type.</summary>
    public virtual bool IsOrdered => true;

    /// <summary>Which settings in the document apply to this type; others are reported as misplaced.</summary>
    public virtual FieldSettings AllowedSettings => FieldSettings.None;

    /// <summary>The JSON Schema of the field's value in a record (null allowed unless the field is required).</summary>
    public JsonSchemaProperty BuildSchema(FieldDefinition field, string language)
    {
        var property = new JsonSchemaProperty();
        DescribeValue(property, field);
        if (!field.Required) property.Type |= JsonObjectType.Null;
        var title = field.Label?.Get(language);
        if (title is not null) property.Title = title;
        var help = field.HelpText?.Get(language);
        if (help is not null) property.Description = help;
        return property;
    }

    /// <summary>Fills in type, format, bounds and enumerations of a (non-null) value.</summary>
    protected abstract void DescribeValue(JsonSchemaProperty schema, FieldDefinition field);

    /// <summary>
    /// Checks what JSON Schema cannot say exactly (decimal scale, 64-bit ranges, real dates) and turns a
    /// schema-valid JSON value into the CLR value written to PostgreSQL; returns an error message instead when invalid.
    /// </summary>
    public abstract FieldValue Read(JsonElement value, FieldDefinition field);

    /// <summary>Writes a value read from PostgreSQL as the record's JSON.</summary>
    public virtual void Write(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string s: writer.WriteStringValue(s); break;
            case long l: writer.WriteNumberValue(l); break;
            case int i: writer.WriteNumberValue(i); break;
            case decimal d: writer.WriteNumberValue(d); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case Guid g: writer.WriteStringValue(g); break;
            case DateOnly d: writer.WriteStringValue(d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)); break;
            case DateTime dt: writer.WriteStringValue(DateTime.SpecifyKind(dt, DateTimeKind.Utc)); break;
            case string[] a:
                writer.WriteStartArray();
                foreach (var item in a) writer.WriteStringValue(item);
                writer.WriteEndArray();
                break;
            default: throw new InvalidOperationException($"Unexpected value of type {value.GetType()} for a {Type} field.");
        }
    }

    /// <summary>Type-specific checks of a field definition; the base checks settings that do not belong to the type.</summary>
    public virtual IEnumerable<(string Path, string Code, string Message)> ValidateDefinition(FieldDefinition field)
    {
        foreach (var (setting, name, present) in SettingsPresent(field))
            if (present && !AllowedSettings.HasFlag(setting))
                yield return (name, "settingNotAllowed", $"'{name}' does not apply to a {Json(Type)} field.");
        if (field.Min is { } min && field.Max is { } max && min > max)
            yield return ("min", "minAboveMax", $"min ({min}) is greater than max ({max}).");
    }

    internal static string Json(FieldType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());

    private static IEnumerable<(FieldSettings, string, bool)> SettingsPresent(FieldDefinition f)
    {
        yield return (FieldSettings.MaxLength, "maxLength", f.MaxLength is not null);
        yield return (FieldSettings.Pattern, "pattern", f.Pattern is not null);
        yield return (FieldSettings.Range, "min", f.Min is not null);
        yield return (FieldSettings.Range, "max", f.Max is not null);
        yield return (FieldSettings.Precision, "precision", f.Precision is not null);
        yield return (FieldSettings.Precision, "scale", f.Scale is not null);
        yield return (FieldSettings.Options, "options", f.Options.Length > 0);
        yield return (FieldSettings.Target, "target", f.Target is not null);
        yield return (FieldSettings.Target, "onDelete", f.OnDelete is not null);
        yield return (FieldSettings.Format, "format", f.Format is not null);
        yield return (FieldSettings.Unique, "unique", f.Unique);
    }
}
