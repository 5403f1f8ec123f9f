using Acornima;
using Acornima.Ast;

namespace NoCodeCrm.Engine.Rules.Scripting;

/// <summary>Parses a rule script without running it and reports syntax errors with line and column (for publishing and the designer).</summary>
public static class ScriptCheck
{
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
        problem = null;
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
    }
}
