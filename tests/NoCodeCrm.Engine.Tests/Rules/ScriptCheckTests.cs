using NoCodeCrm.Engine.Rules.Scripting;

namespace NoCodeCrm.Engine.Tests.Rules;

public sealed class ScriptCheckTests
{
    [Fact]
    public void A_valid_expression_or_statement_script_has_no_problems()
    {
        Assert.Empty(ScriptCheck.Check("record.amount > 1000 && record.stage == 'won'"));
        Assert.Empty(ScriptCheck.Check("if (record.amount > 1000) {\n  return 'big';\n}\nreturn 'small';"));
    }

    [Fact]
    public void A_syntax_error_is_reported_with_its_line_and_column()
    {
        var problem = Assert.Single(ScriptCheck.Check("const a = 1;\nreturn a +* 2;"));
        Assert.Equal(2, problem.Line);
        Assert.Equal(11, problem.Column);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }

    [Fact]
    public void Strict_mode_errors_are_syntax_errors()
    {
        var problem = Assert.Single(ScriptCheck.Check("with (record) { amount }"));
        Assert.Equal(1, problem.Line);
    }

    [Fact]
    public void A_script_cannot_close_the_wrapper_function()
    {
        Assert.NotEmpty(ScriptCheck.Check("1 }); (function () { return 2"));
        Assert.Null(RuleScript.TryPrepare("escape", "1 }); globalThis.x = (function () { return 2", out var problems));
        Assert.NotEmpty(problems);
    }

    [Fact]
    public void Empty_and_overlong_scripts_are_refused()
    {
        Assert.NotEmpty(ScriptCheck.Check("   "));
        Assert.NotEmpty(ScriptCheck.Check(new string('1', 30_000)));
    }

    [Theory]
    [InlineData('(', ')')]
    [InlineData('[', ']')]
    [InlineData('{', '}')]
    public void Deeply_nested_scripts_are_refused_before_the_parser_recurses(char open, char close)
    {
        var script = new string(open, 9_000) + "1" + new string(close, 9_000);
        var problem = Assert.Single(ScriptCheck.Check(script));
        Assert.Contains("nest", problem.Message, StringComparison.Ordinal);
        Assert.Null(RuleScript.TryPrepare("deep", script, out _));
        Assert.Empty(ScriptCheck.Check("[[[1]]].length + ({a: {b: (1 + (2))}}).a.b + '((((('.length"));
    }
}
