using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Templates;

namespace NoCodeCrm.Engine.Consent;

/// <summary>Publish-time checks of <c>settings.consent</c> and of templates' purposes, so a typo cannot silently block (or free) messages.</summary>
public static class ConsentValidator
{
    public static void ValidateSettings(CrmModel model, List<CrmError> errors)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(errors);
        if (model.Settings.Consent is not { } consent) return;
        const string path = "$.settings.consent";
        if (consent.Subject is { } subject)
        {
            var entity = model.FindEntity(subject);
            if (entity is null || entity.Retired)
                errors.Add(new CrmError(path + ".subject", "unknownEntity", $"There is no (live) entity named '{subject}'."));
            else if (!entity.Fields.Any(f => !f.Retired && f.Type is FieldType.Email or FieldType.Phone))
                errors.Add(new CrmError(path + ".subject", "noContactFields",
                    $"The entity '{subject}' has no e-mail or phone field, so no recipient could ever be matched to a person."));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < consent.Purposes.Length; i++)
        {
            var purpose = consent.Purposes[i];
            if (!ApiName.IsValid(purpose))
                errors.Add(new CrmError($"{path}.purposes[{i}]", "invalidName", "A purpose is an API name: lower-case letters, digits and single underscores."));
            else if (purpose == ConsentPurposes.Transactional)
                errors.Add(new CrmError($"{path}.purposes[{i}]", "reservedName", "'transactional' messages need no consent, so it cannot be a consent purpose."));
            else if (!seen.Add(purpose))
                errors.Add(new CrmError($"{path}.purposes[{i}]", "duplicateName", $"The purpose '{purpose}' is listed twice."));
        }
    }

    /// <summary>A template's purpose is <c>transactional</c> or one of the model's consent purposes.</summary>
    public static void ValidateTemplate(CrmModel model, TemplateDefinition template, string path, List<CrmError> errors)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(errors);
        if (template.Purpose is not { } purpose || purpose == ConsentPurposes.Transactional) return;
        var purposes = ConsentPurposes.Of(model.Settings);
        if (!purposes.Contains(purpose))
            errors.Add(new CrmError(path + ".purpose", "unknownPurpose",
                $"The purpose must be '{ConsentPurposes.Transactional}' or a consent purpose of settings.consent.purposes ({string.Join(", ", purposes)})."));
    }
}
