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
        if (shapeErrors.Count > 0) throw CrmException.Invalid("The metadata document is not valid.", shapeErrors);
        CrmModel model;
        try
        {
            model = ModelJson.Parse(json);
        }
        catch (JsonException ex)
        {
            throw CrmException.Invalid("The metadata document is not valid.", [new CrmError(ex.Path ?? "$", "invalidJson", ex.Message)]);
        }
        var errors = ModelValidator.Validate(model);
        if (errors.Count > 0) throw CrmException.Invalid("The metadata document is not valid.", errors);
        return model;
    }
}
