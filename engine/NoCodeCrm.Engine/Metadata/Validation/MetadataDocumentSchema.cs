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
        return Schema.Value.Validate(json).Select(ToError).OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
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
