using System.Collections.Concurrent;
using System.Collections.Frozen;
using Scriban;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Templates;

/// <summary>The parsed templates of one model version, and the inline templates (automation values) parsed so far.</summary>
public sealed class TemplateSet
{
    private readonly ConcurrentDictionary<string, Template> _inline = new(StringComparer.Ordinal);

    public TemplateSet(CrmModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Templates = model.Templates
            .Select((definition, index) => new CompiledTemplate(definition, $"$.templates[{index}]"))
            .DistinctBy(t => t.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
    }

    public FrozenDictionary<string, CompiledTemplate> Templates { get; }

    public CompiledTemplate? Find(string name) => Templates.GetValueOrDefault(name);

    /// <summary>Parses an inline template once per model version; past the cap, parses without keeping it.</summary>
    internal Template Inline(string source, int cacheSize)
    {
        if (_inline.TryGetValue(source, out var cached)) return cached;
        var template = TemplateParser.Parse(source);
        if (_inline.Count < cacheSize) _inline.TryAdd(source, template);
        return template;
    }
}
