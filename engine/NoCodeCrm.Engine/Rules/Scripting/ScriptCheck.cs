using Acornima;
using Acornima.Ast;

namespace NoCodeCrm.Engine.Rules.Scripting;

/// <summary>Parses a rule script without running it and reports syntax errors with line and column (for publishing and the designer).</summary>
public static class ScriptCheck
{
    /// <summary>Brackets may nest this deep; the parser recurses per level and would run out of stack long before its own limits.</summary>
    public const int MaxNesting = 100;

    private static readonly ParserOptions Options = new()
    {
        AllowReturnOutsideFunction = true,
        Tolerant = false,
    };

    /// <summary>Every syntax error of the script (at most one: parsing stops at the first), empty when it parses.</summary>
    public static IReadOnlyList<ScriptProblem> Check(string script, int maxLength = 20_000)
    {
        ArgumentNullException.ThrowIfNull(script);
        if (string.IsNullOrWhiteSpace(script)) return [new ScriptProblem(1, 1, "The script is empty.")];
        if (script.Length > maxLength) return [new ScriptProblem(1, 1, $"The script is longer than {maxLength:N0} characters.")];
        return TryShape(script, out _, out _, out var problem) ? [] : [problem!];
    }

    /// <summary>Parses in strict mode and tells whether the script is one expression or statements.</summary>
    internal static bool TryShape(string script, out ScriptShape shape, out string body, out ScriptProblem? problem)
    {
        shape = ScriptShape.Statements;
        body = script;
        problem = TooDeep(script);
        if (problem is not null) return false;
        try
        {
            var program = new Parser(Options).ParseScript(script, null, true);
            if (program.Body.Count == 1 && program.Body[0] is NonSpecialExpressionStatement statement)
            {
                // Only the expression itself, so a trailing semicolon or comment cannot break "return ( … )".
                shape = ScriptShape.Expression;
                body = script[statement.Expression.Start..statement.Expression.End];
            }
            return true;
        }
        catch (ParseErrorException ex)
        {
            problem = new ScriptProblem(ex.LineNumber, ex.Column + 1, ex.Error?.Description ?? ex.Message);
            return false;
        }
        catch (InsufficientExecutionStackException)
        {
            problem = new ScriptProblem(1, 1, "The script nests too deeply.");
            return false;
        }
    }

    /// <summary>Counts bracket depth outside string literals and comments (approximate around regex literals, which is fine for a limit).</summary>
    private static ScriptProblem? TooDeep(string script)
    {
        var depth = 0;
        var line = 1;
        var column = 0;
        char quote = '\0';
        for (var i = 0; i < script.Length; i++)
        {
            var c = script[i];
            column++;
            if (c == '\n') { line++; column = 0; }
            if (quote != '\0')
            {
                if (c == '\\') { i++; column++; }
                else if (c == quote) quote = '\0';
                continue;
            }
            if (c == '/' && i + 1 < script.Length && script[i + 1] == '/')
            {
                while (i + 1 < script.Length && script[i + 1] != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < script.Length && script[i + 1] == '*')
            {
                var end = script.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? script.Length : end + 1;
                continue;
            }
            switch (c)
            {
                case '\'' or '"' or '`': quote = c; break;
                case '(' or '[' or '{':
                    if (++depth > MaxNesting) return new ScriptProblem(line, column, $"Brackets nest more than {MaxNesting} levels deep.");
                    break;
                case ')' or ']' or '}': depth--; break;
            }
        }
        return null;
    }
}
