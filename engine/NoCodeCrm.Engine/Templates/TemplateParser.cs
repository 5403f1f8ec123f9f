using Scriban;
using Scriban.Parsing;
using NoCodeCrm.Engine.Errors;

namespace NoCodeCrm.Engine.Templates;

/// <summary>Parses Scriban text the one way every template is parsed, and turns its messages into errors with line and column.</summary>
internal static class TemplateParser
{
    /// <summary>Below Scriban's 250: deep nesting is never needed in a message and costs stack at render time.</summary>
    private const int ExpressionDepthLimit = 100;

    private static readonly ParserOptions Options = new()
    {
        ExpressionDepthLimit = ExpressionDepthLimit,
        // Money stays exact: record.amount * 1.2 is decimal arithmetic, not double.
        ParseFloatAsDecimal = true,
    };

    public static Template Parse(string text) => Template.Parse(text, null, Options, LexerOptions.Default);

    /// <summary>The syntax errors of a parsed text, each at <paramref name="path"/> with its 1-based line and column.</summary>
    public static IEnumerable<CrmError> Errors(Template template, string path)
    {
        if (!template.HasErrors) yield break;
        foreach (var message in template.Messages)
        {
            if (message.Type != ParserMessageType.Error) continue;
            var line = message.Span.Start.Line + 1;
            var column = message.Span.Start.Column + 1;
            yield return new CrmError(path, "templateSyntax", $"Line {line}, column {column}: {message.Message}") { Line = line, Column = column };
        }
    }
}
