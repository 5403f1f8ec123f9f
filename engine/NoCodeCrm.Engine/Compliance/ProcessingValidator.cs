using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Compliance;

/// <summary>Checks the compliance annotations JSON Schema cannot: data categories and legal retention only on personal-data fields.</summary>
public static class ProcessingValidator
{
    public static void Validate(CrmModel model, List<CrmError> errors)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(errors);
        for (var e = 0; e < model.Entities.Length; e++)
        {
            var entity = model.Entities[e];
            for (var f = 0; f < entity.Fields.Length; f++)
            {
                var field = entity.Fields[f];
                if (field.PersonalData) continue;
                var path = $"$.entities[{e}].fields[{f}]";
                if (field.DataCategory is not null)
                    errors.Add(new CrmError(path + ".dataCategory", "notPersonalData", "A data category belongs on a field marked personalData."));
                if (field.LegalRetention is not null)
                    errors.Add(new CrmError(path + ".legalRetention", "notPersonalData", "Legal retention only matters for a field marked personalData (erasure keeps it)."));
            }
        }
    }
}
