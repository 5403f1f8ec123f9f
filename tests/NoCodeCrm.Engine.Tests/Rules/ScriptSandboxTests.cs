using System.Diagnostics;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Rules;
using NoCodeCrm.Engine.Rules.Scripting;

namespace NoCodeCrm.Engine.Tests.Rules;

/// <summary>Hostile scripts: each sandbox limit stops its attack with a clear error, and the engine keeps serving.</summary>
public sealed class ScriptSandboxTests
{
    // One engine in the pool, so every test proves that the engine that just stopped a hostile script works again; the time
    // limit is generous because these tests are about the other limits (the time limit has its own test below).
    private readonly RuleEngine _rules = new(new RuleOptions { PoolSize = 1, TimeoutMilliseconds = 2_000, MaxStatements = 50_000, MemoryLimitBytes = 8 << 20, RecursionLimit = 64 });

    // Far above every limit, so only a limit that does not work fails it; a loaded CI machine must not.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private object? Run(string source, string name = "hostile")
    {
        var script = RuleEngine.PrepareScript(name, source);
        return _rules.EvaluateScript(script, RuleTestModel.Context(RuleTestModel.Record(RuleTestModel.Deal, ("amount", 1500m), ("title", "Ayşe"))));
    }

    private CrmException Stopped(string source, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<CrmException>(() => Run(source));
        Assert.True(clock.Elapsed < within, $"took {clock.Elapsed}");
        Assert.Equal("ruleFailed", error.Code);
        Assert.Equal(CrmErrorKind.Validation, error.Kind);
        Assert.StartsWith("Rule 'hostile' ", error.Message, StringComparison.Ordinal);
        // The engine is usable afterwards.
        Assert.Equal(1501d, Run("record.amount + 1"));
        return error;
    }

    [Fact]
    public void An_endless_loop_is_stopped_by_the_statement_limit()
    {
        var error = Stopped("while (true) {}", Bound);
        Assert.Contains("more than 50,000 statements", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_slow_script_under_the_statement_limit_is_stopped_by_the_time_limit()
    {
        var rules = new RuleEngine(new RuleOptions { TimeoutMilliseconds = 100, MaxStatements = int.MaxValue });
        var script = RuleEngine.PrepareScript("slow", "let s = 0; while (true) { s = (s + 1) % 7; } return s;");
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<CrmException>(() => rules.EvaluateScript(script, RuleTestModel.Context(RuleTestModel.Record(RuleTestModel.Deal))));
        Assert.InRange(clock.ElapsedMilliseconds, 90, 2000);
        Assert.Equal("Rule 'slow' was stopped: it ran longer than 100 ms.", error.Message);
    }

    [Fact]
    public void A_huge_allocation_is_stopped_by_the_memory_limit()
    {
        var error = Stopped("const a = []; for (let i = 0; i < 40000; i++) a.push('x'.repeat(1000) + i); return a.length;", TimeSpan.FromSeconds(2));
        Assert.Contains("more than 8 MB of memory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_recursion_is_stopped_by_the_recursion_limit()
    {
        var error = Stopped("function f(n) { return f(n + 1) + 1; } return f(0);", Bound);
        Assert.Contains("deeper than 64", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')", "ReferenceError")]
    [InlineData("importNamespace('System.IO')", "ReferenceError")]
    [InlineData("clr.System.Environment.Exit(1)", "ReferenceError")]
    [InlineData("require('fs')", "ReferenceError")]
    [InlineData("fetch('http://127.0.0.1/')", "ReferenceError")]
    [InlineData("record.GetType()", "TypeError")]
    [InlineData("crm.constructor.constructor('return this')()", "failed")]
    public void Scripts_cannot_reach_dotnet_files_or_the_network(string source, string expected)
    {
        var error = Stopped(source, Bound);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eval('1 + 1')")]
    [InlineData("new Function('return 1')()")]
    [InlineData("Function('return 1')()")]
    [InlineData("(0, eval)('1')")]
    public void String_compilation_is_off(string source)
    {
        var error = Stopped(source, Bound);
        Assert.Contains("failed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Object.prototype.polluted = 1; return true;")]
    [InlineData("Array.prototype.push = function () { return 0; }; return true;")]
    [InlineData("String.prototype.toString = function () { return 'x'; }; return true;")]
    [InlineData("crm.round = function () { return 42; }; return true;")]
    [InlineData("globalThis.leak = 1; return true;")]
    [InlineData("record.amount = 0; return true;")]
    [InlineData("Object.defineProperty(Object.prototype, 'polluted', { value: 1 }); return true;")]
    public void Prototype_and_global_tricks_fail_and_leak_nothing_into_the_next_evaluation(string source)
    {
        var error = Stopped(source, Bound);
        Assert.Contains("TypeError", error.Message, StringComparison.Ordinal);
        Assert.Equal(true, Run("({}).polluted === undefined && typeof leak === 'undefined' && [1].push(2) === 2 && crm.round(1.26, 1) === 1.3", "other_rule"));
    }

    [Fact]
    public void A_script_error_names_the_rule_and_the_error()
    {
        var error = Assert.Throws<CrmException>(() => Run("return record.no_such_field.length;", "discount_limit"));
        Assert.StartsWith("Rule 'discount_limit' failed: TypeError", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scripts_see_record_previous_user_and_now()
    {
        var rules = new RuleEngine();
        var previous = RuleTestModel.Record(RuleTestModel.Deal, ("amount", 1000m));
        var record = RuleTestModel.Record(RuleTestModel.Deal, ("amount", 1500m), ("stage", "won"), ("tags", new[] { "vip" }),
            ("close_date", new DateOnly(2025, 6, 30)));
        var context = new Engine.Rules.Conditions.RuleContext(record, previous, Engine.Security.CrmPrincipal.Administrator("tr"), RuleTestModel.Now);
        object? Eval(string s) => rules.EvaluateScript(RuleEngine.PrepareScript("probe", s), context);

        Assert.Equal(500d, Eval("record.amount - previous.amount"));
        Assert.Equal("admin/tr", Eval("user.name + '/' + user.language"));
        Assert.Equal(2025d, Eval("now.getUTCFullYear()"));
        Assert.Equal(15d, Eval("crm.daysBetween(now, record.close_date)"));
        Assert.Equal(true, Eval("crm.has(record.tags, 'vip') && record.stage === 'won'"));
        Assert.Equal(true, Eval("const big = record.amount > 1000; // statements with a comment\nreturn big;"));
        Assert.Equal(true, Eval("record.amount > 1000; // an expression with a semicolon and a comment"));
        Assert.Null(Eval("previous.stage"));
    }

    [Fact]
    public void Many_threads_share_the_pool_without_mixing_records()
    {
        var rules = new RuleEngine(new RuleOptions { PoolSize = 2 });
        var script = RuleEngine.PrepareScript("double", "record.probability * 2");
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var record = RuleTestModel.Record(RuleTestModel.Deal, ("probability", (long)i));
            Assert.Equal(i * 2d, rules.EvaluateScript(script, RuleTestModel.Context(record)));
        });
    }
}
