using NJsonSchema;
using NoCodeCrm.Engine.Errors;

namespace NoCodeCrm.Engine.Metadata.Validation;

/// <summary>The JSON Schema of the metadata document: checks its shape before anything reads it.</summary>
public static class MetadataDocumentSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    public static string Text { get; } = ReadResource();

    public static IReadOnlyList<CrmError> Validate(string json)
    {
        return Flatten(Schema.Value.Validate(json)).Select(ToError).Distinct().OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>Errors inside a <c>$ref</c>'d definition come wrapped in a child error; the user needs the innermost ones.</summary>
    internal static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is NJsonSchema.Validation.ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var inner in Flatten(child.Errors.Values.SelectMany(e => e))) yield return inner;
            }
            else yield return error;
        }
    }

    internal static CrmError ToError(NJsonSchema.Validation.ValidationError error)
    {
        var path = JsonPathOf(error.Path);
        // For a missing or unknown property NJsonSchema may point at the parent object; name the property itself.
        if (error.Property is not null && error.Kind is NJsonSchema.Validation.ValidationErrorKind.PropertyRequired
                or NJsonSchema.Validation.ValidationErrorKind.NoAdditionalPropertiesAllowed &&
            !path.EndsWith("." + error.Property, StringComparison.Ordinal))
            path += "." + error.Property;
        var message = error.Kind switch
        {
            NJsonSchema.Validation.ValidationErrorKind.NoAdditionalPropertiesAllowed => $"'{error.Property}' is not a known property here.",
            NJsonSchema.Validation.ValidationErrorKind.PropertyRequired => $"'{error.Property}' is required.",
            NJsonSchema.Validation.ValidationErrorKind.NotInEnumeration => "The value is not one of the allowed values.",
            NJsonSchema.Validation.ValidationErrorKind.PatternMismatch =>
                "Not a valid name: use 1 to 63 lower-case letters, digits and single underscores, starting with a letter.",
            _ => $"{Humanize(error.Kind.ToString())}.",
        };
        return new CrmError(path, char.ToLowerInvariant(error.Kind.ToString()[0]) + error.Kind.ToString()[1..], message);
    }

    /// <summary>Turns NJsonSchema's <c>#/entities[0].fields[1].type</c> into <c>$.entities[0].fields[1].type</c>.</summary>
    internal static string JsonPathOf(string? schemaPath) =>
        string.IsNullOrEmpty(schemaPath) || schemaPath == "#" ? "$" : "$." + schemaPath.TrimStart('#', '/');

    private static string Humanize(string kind)
    {
        var chars = new List<char>();
        foreach (var c in kind)
        {
            if (char.IsUpper(c) && chars.Count > 0) chars.Add(' ');
            chars.Add(chars.Count == 0 ? c : char.ToLowerInvariant(c));
        }
        return new string(chars.ToArray());
    }

    private static JsonSchema Load() => JsonSchema.FromJsonAsync(Text).GetAwaiter().GetResult();

    private static string ReadResource()
    {
        using var stream = typeof(MetadataDocumentSchema).Assembly.GetManifestResourceStream("metadata-document.schema.json")
            ?? throw new InvalidOperationException("The metadata document schema is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
