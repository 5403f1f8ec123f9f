using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Templates;

namespace NoCodeCrm.Engine.Templates;

/// <summary>The checks of the <c>templates</c> section: names, entity, the parts each channel has, languages, and Scriban syntax with line and column.</summary>
public static class TemplateValidator
{
    public static void Validate(CrmModel model, List<CrmError> errors)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(errors);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < model.Templates.Length; i++)
        {
            var template = model.Templates[i];
            var path = $"$.templates[{i}]";
            if (!names.TryAdd(template.Name, path))
                errors.Add(new CrmError(path + ".name", "duplicateName", $"The template '{template.Name}' is already defined at {names[template.Name]}."));
            errors.AddRange(Validate(model, template, path));
        }
    }

    /// <summary>Every error of one template at <paramref name="path"/> (its place in the document or in a request body).</summary>
    public static IReadOnlyList<CrmError> Validate(CrmModel model, TemplateDefinition template, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(template);
        var errors = new List<CrmError>();
        if (!ApiName.IsValid(template.Name))
            errors.Add(new CrmError(path + ".name", "invalidName",
                "Not a valid template name: use 1 to 63 lower-case letters, digits and single underscores, starting with a letter."));
        if (template.Entity is { } entityName)
        {
            var entity = model.FindEntity(entityName);
            if (entity is null)
                errors.Add(new CrmError(path + ".entity", "unknownEntity", $"There is no entity named '{entityName}'."));
            else if (entity.Retired)
                errors.Add(new CrmError(path + ".entity", "retiredEntity", $"The entity '{entityName}' is retired; restore it first."));
        }

        var (subject, html, text) = Parts(template.Channel);
        CheckPart(template, TemplatePart.Subject, subject, path, errors);
        CheckPart(template, TemplatePart.Html, html, path, errors);
        CheckPart(template, TemplatePart.Text, text, path, errors);
        if (template.Channel == TemplateChannel.Email && template.Html is null && template.Text is null)
            errors.Add(new CrmError(path + ".html", "missingPart", "An e-mail template needs an HTML body, a text body or both."));

        foreach (var (part, localized) in CompiledTemplate.Parts(template))
        {
            foreach (var language in localized.Values.Keys)
                if (!model.Settings.Languages.Contains(language))
                    errors.Add(new CrmError(CompiledTemplate.PartPath(path, part, language), "unknownLanguage",
                        $"'{language}' is not one of the model's languages ({string.Join(", ", model.Settings.Languages)})."));
        }
        Consent.ConsentValidator.ValidateTemplate(model, template, path, errors);
        errors.AddRange(new CompiledTemplate(template, path).Errors);
        return errors;
    }

    private enum Need { Required, Optional, NotAllowed }

    /// <summary>E-mail: subject, HTML and/or text; SMS and WhatsApp: text; push and notification: title (subject) and text.</summary>
    private static (Need Subject, Need Html, Need Text) Parts(TemplateChannel channel) => channel switch
    {
        TemplateChannel.Email => (Need.Required, Need.Optional, Need.Optional),
        TemplateChannel.Sms or TemplateChannel.Whatsapp => (Need.NotAllowed, Need.NotAllowed, Need.Required),
        _ => (Need.Optional, Need.NotAllowed, Need.Required),
    };

    private static void CheckPart(TemplateDefinition template, TemplatePart part, Need need, string path, List<CrmError> errors)
    {
        var text = CompiledTemplate.Text(template, part);
        var partPath = $"{path}.{CompiledTemplate.PartName(part)}";
        var channel = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(template.Channel.ToString());
        if (need == Need.NotAllowed && text is not null)
            errors.Add(new CrmError(partPath, "partNotAllowed", $"A {channel} template has no {CompiledTemplate.PartName(part)}."));
        else if (need == Need.Required && text is null)
            errors.Add(new CrmError(partPath, "missingPart", $"A {channel} template needs a {CompiledTemplate.PartName(part)}."));
        else if (text is { Values.Count: 0 })
            errors.Add(new CrmError(partPath, "missingPart", "Give the text in at least one language, e.g. {\"en\": \"…\"}."));
    }
}
