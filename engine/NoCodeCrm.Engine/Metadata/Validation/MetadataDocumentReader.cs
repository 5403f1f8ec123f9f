using System.Text.Json;
using NoCodeCrm.Engine.Errors;

namespace NoCodeCrm.Engine.Metadata.Validation;

/// <summary>Turns a metadata document's text into a valid model, or every reason why not (shape first, then meaning).</summary>
public static class MetadataDocumentReader
{
    public static CrmModel Read(string json)
    {
        IReadOnlyList<CrmError> shapeErrors;
        try
        {
            shapeErrors = MetadataDocumentSchema.Validate(json);
        }
        catch (Newtonsoft.Json.JsonReaderException ex)
        {
            throw CrmException.Invalid("The metadata document is not valid JSON.",
                [new CrmError(string.IsNullOrEmpty(ex.Path) ? "$" : "$." + ex.Path, "invalidJson", $"Not valid JSON at line {ex.LineNumber}, position {ex.LinePosition}.")]);
        }
        CrmModel? model = null;
        var errors = new List<CrmError>(shapeErrors);
        try
        {
            model = ModelJson.Parse(json);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // A shape error (e.g. an unknown field type) can make the document unreadable; the shape errors say why.
            if (errors.Count == 0) errors.Add(new CrmError((ex as JsonException)?.Path ?? "$", "invalidJson", ex.Message));
        }
        // Meaning is checked whenever the document could be read, so every error comes back at once.
        if (model is not null)
            errors.AddRange(ModelValidator.Validate(model).Where(e => !errors.Any(s => s.Path == e.Path)));
        if (errors.Count > 0 || model is null)
            throw CrmException.Invalid("The metadata document is not valid.", errors.OrderBy(e => e.Path, StringComparer.Ordinal).ToList());
        return model;
    }
}
