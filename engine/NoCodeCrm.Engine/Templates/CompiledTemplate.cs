using System.Collections.Frozen;
using Scriban;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Templates;

namespace NoCodeCrm.Engine.Templates;

/// <summary>A template with every part and language parsed once; rendering only evaluates.</summary>
public sealed class CompiledTemplate
{
    private readonly FrozenDictionary<(TemplatePart Part, string Language), Template> _parsed;

    internal CompiledTemplate(TemplateDefinition definition, string path)
    {
        Definition = definition;
        Path = path;
        var parsed = new Dictionary<(TemplatePart, string), Template>();
        var errors = new List<CrmError>();
        foreach (var (part, text) in Parts(definition))
        {
            foreach (var (language, source) in text.Values)
            {
                var template = TemplateParser.Parse(source);
                parsed[(part, language)] = template;
                errors.AddRange(TemplateParser.Errors(template, PartPath(path, part, language)));
            }
        }
        _parsed = parsed.ToFrozenDictionary();
        Errors = errors;
    }

    public TemplateDefinition Definition { get; }
    public string Name => Definition.Name;
    /// <summary>Where the template sits in the document (<c>$.templates[3]</c>), or in a request body for a preview.</summary>
    public string Path { get; }
    /// <summary>Syntax errors of any part (a published template has none).</summary>
    public IReadOnlyList<CrmError> Errors { get; }

    /// <summary>The parsed text of a part in a language, with the language it really came in (the fallback rules of <see cref="LocalizedText.Get"/>).</summary>
    internal (Template Template, string Language)? Find(TemplatePart part, string language, string fallbackLanguage)
    {
        var text = Text(Definition, part);
        if (text is null || text.Values.Count == 0) return null;
        var actual = text.Values.ContainsKey(language) ? language
            : text.Values.ContainsKey(fallbackLanguage) ? fallbackLanguage
            : text.Values.Keys.First();
        return (_parsed[(part, actual)], actual);
    }

    internal static string PartPath(string templatePath, TemplatePart part, string language) =>
        $"{templatePath}.{PartName(part)}.{language}";

    internal static string PartName(TemplatePart part) => part switch
    {
        TemplatePart.Subject => "subject",
        TemplatePart.Html => "html",
        _ => "text",
    };

    internal static LocalizedText? Text(TemplateDefinition definition, TemplatePart part) => part switch
    {
        TemplatePart.Subject => definition.Subject,
        TemplatePart.Html => definition.Html,
        _ => definition.Text,
    };

    internal static IEnumerable<(TemplatePart Part, LocalizedText Text)> Parts(TemplateDefinition definition)
    {
        if (definition.Subject is { } subject) yield return (TemplatePart.Subject, subject);
        if (definition.Html is { } html) yield return (TemplatePart.Html, html);
        if (definition.Text is { } text) yield return (TemplatePart.Text, text);
    }
}
