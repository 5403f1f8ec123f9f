using System.Globalization;
using Scriban;
using Scriban.Syntax;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata.Templates;

namespace NoCodeCrm.Engine.Templates;

/// <summary>
/// Renders message templates and inline templates in the sandbox (see <see cref="TemplateLimits"/>). Every failure of a
/// template — syntax, runtime error, limit — is a <see cref="CrmException"/> with code <c>templateFailed</c> naming the
/// template, the part's path, line and column; it never escapes as anything else.
/// </summary>
public sealed class TemplateService(TemplateLimits? limits = null)
{
    public const string FailedCode = "templateFailed";

    public TemplateLimits Limits { get; } = limits ?? TemplateLimits.Default;

    /// <summary>Renders a published template in <paramref name="language"/> (else the model's default language, else any it has).</summary>
    public RenderedMessage Render(CompiledModel model, string templateName, TemplateData data, string? language, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var template = model.Templates.Find(templateName)
            ?? throw CrmException.NotFound($"There is no template named '{(templateName.Length > 80 ? templateName[..77] + "..." : templateName)}'.");
        return Render(model, template, data, language, ct);
    }

    /// <summary>Checks, parses and renders a template that is not published (the designer's live preview); errors name <paramref name="path"/>.</summary>
    public RenderedMessage RenderDraft(CompiledModel model, TemplateDefinition definition, TemplateData data, string? language, string path = "$.template",
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = TemplateValidator.Validate(model.Model, definition, path);
        if (errors.Count > 0) throw Failed(definition.Name, $"The template '{definition.Name}' is not valid: {errors[0].Message}", errors);
        return Render(model, new CompiledTemplate(definition, path), data, language, ct);
    }

    /// <summary>
    /// Renders a short template such as an automation value (<c>"Call {{ record.first_name }}"</c>) as plain text with the
    /// invariant culture, so numbers and dates come out as a field parses them. Text without <c>{{</c> is returned as is.
    /// </summary>
    public string RenderInline(CompiledModel model, string source, TemplateData data, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(source);
        if (!source.Contains("{{", StringComparison.Ordinal)) return source;
        var template = model.Templates.Inline(source, Limits.InlineCacheSize);
        const string path = "$";
        var syntax = TemplateParser.Errors(template, path).ToList();
        if (syntax.Count > 0) throw Failed("inline", $"The inline template is not valid: {syntax[0].Message}", syntax);
        var language = model.Model.Settings.DefaultLanguage;
        return Evaluate(template, "inline", path, data, language, language, CultureInfo.InvariantCulture, escapeHtml: false, ct);
    }

    private RenderedMessage Render(CompiledModel model, CompiledTemplate template, TemplateData data, string? language, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (template.Errors.Count > 0)
            throw Failed(template.Name, $"The template '{template.Name}' is not valid: {template.Errors[0].Message}", template.Errors);
        var definition = template.Definition;
        var fallback = model.Model.Settings.DefaultLanguage;
        var chosen = ChooseLanguage(definition, language, fallback);
        var culture = Culture(chosen);
        string? RenderPart(TemplatePart part)
        {
            if (template.Find(part, chosen, fallback) is not { } found) return null;
            return Evaluate(found.Template, template.Name, CompiledTemplate.PartPath(template.Path, part, found.Language), data,
                chosen, fallback, culture, escapeHtml: part == TemplatePart.Html, ct);
        }
        return new RenderedMessage(RenderPart(TemplatePart.Subject), RenderPart(TemplatePart.Text), RenderPart(TemplatePart.Html), definition.Channel, chosen);
    }

    /// <summary>The language asked for when the body has it, else the model's default language when it has that, else the body's first.</summary>
    private static string ChooseLanguage(TemplateDefinition definition, string? requested, string fallback)
    {
        var body = definition.Html ?? definition.Text ?? definition.Subject;
        if (body is null || body.Values.Count == 0) return requested ?? fallback;
        if (requested is not null && body.Values.ContainsKey(requested)) return requested;
        return body.Values.ContainsKey(fallback) ? fallback : body.Values.Keys.First();
    }

    private static CultureInfo Culture(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    private string Evaluate(Template template, string name, string path, TemplateData data, string language, string fallback,
        CultureInfo culture, bool escapeHtml, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Limits.TimeLimit);
        var context = new SandboxedTemplateContext(Limits, escapeHtml, culture, timeout.Token);
        context.PushGlobal(data.Globals(language, fallback));
        // The template's own assignments land here, never in the shared, frozen data.
        context.PushGlobal(new Scriban.Runtime.ScriptObject());
        try
        {
            return template.Render(context);
        }
        catch (ScriptAbortException) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
        catch (ScriptAbortException ex)
        {
            throw Failed(name, path, ex.Span, $"took longer than {Limits.TimeLimit.TotalMilliseconds:0} ms and was stopped");
        }
        catch (ScriptRuntimeException ex)
        {
            throw Failed(name, path, ex.Span, ex.OriginalMessage);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Builtins can throw plain .NET exceptions (bad formats, overflow); the user still gets the place, not a 500.
            throw Failed(name, path, context.CurrentNode?.Span ?? default, ex.Message);
        }
    }

    private static CrmException Failed(string name, string path, Scriban.Parsing.SourceSpan span, string reason)
    {
        var line = span.Start.Line + 1;
        var column = span.Start.Column + 1;
        var message = $"The template '{name}' failed at line {line}, column {column}: {reason}";
        return Failed(name, message, [new CrmError(path, FailedCode, message) { Line = line, Column = column }]);
    }

    private static CrmException Failed(string name, string message, IReadOnlyList<CrmError> errors) =>
        new(CrmErrorKind.Validation, FailedCode, message, errors, new { template = name });
}
