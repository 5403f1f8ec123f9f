using System.Diagnostics;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Templates;
using static NoCodeCrm.Engine.Tests.Templates.TemplateTestModel;

namespace NoCodeCrm.Engine.Tests.Templates;

/// <summary>One test per sandbox limit: a hostile template stops with a templateFailed error at its line and column, and the next render works.</summary>
public sealed class TemplateSandboxTests
{
    private static readonly CompiledModel Model = Compile(Document(Welcome()));

    private static readonly TemplateService Service = new(TemplateLimits.Default with { TimeLimit = TimeSpan.FromMilliseconds(300) });

    private static TemplateData Data() => new(Person(Model, new() { ["first_name"] = "Ayşe" }), null, null);

    private static CrmError Fails(string source)
    {
        var error = Assert.Throws<CrmException>(() => Service.RenderInline(Model, source, Data()));
        Assert.Equal((CrmErrorKind.Validation, "templateFailed"), (error.Kind, error.Code));
        var detail = Assert.Single(error.Errors);
        Assert.NotNull(detail.Line);
        Assert.NotNull(detail.Column);
        // The service stays usable after every failure.
        Assert.Equal("Ayşe", Service.RenderInline(Model, "{{ record.first_name }}", Data()));
        return detail;
    }

    [Fact]
    public void An_endless_while_loop_hits_the_loop_limit()
    {
        var error = Fails("{{ while true; end }}");

        Assert.Contains("iteration limit `1000`", error.Message, StringComparison.Ordinal);
        Assert.Equal((1, 4), (error.Line, error.Column));
    }

    [Fact]
    public void Nested_loops_share_one_loop_budget()
    {
        var error = Fails("{{ for i in 1..100; for j in 1..100; end; end }}");

        Assert.Contains("limit `1000`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_range_hits_the_loop_limit()
    {
        Assert.Contains("LoopLimit", Fails("{{ for i in 1..100000000; end }}").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_string_hits_the_string_limit_before_it_is_allocated()
    {
        var error = Fails("{{ 'x' | string.pad_left 100000000 }}");

        Assert.Contains("LimitToString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Doubling_a_string_in_a_loop_hits_the_string_limit()
    {
        Fails("{{ x = 'xxxxxxxxxx'; for i in 1..40; x = x + x; end; x }}");
    }

    [Fact]
    public void Output_past_the_output_limit_fails_instead_of_being_cut()
    {
        var error = Fails("{{ for i in 1..999 }}" + new string('x', 600) + "{{ end }}");

        Assert.Contains("OutputLimit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_recursion_hits_the_recursion_limit()
    {
        var error = Fails("{{ func f; f; end }}\n{{ f }}");

        Assert.Contains("recursive depth limit `50`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exponential_recursion_within_the_other_limits_hits_the_time_limit()
    {
        var clock = Stopwatch.StartNew();

        var error = Fails("{{ func f(n); if n > 0; f(n - 1); f(n - 1); end; end; f(40) }}");

        Assert.Contains("took longer than 300 ms", error.Message, StringComparison.Ordinal);
        Assert.InRange(clock.ElapsedMilliseconds, 250, 5_000);
    }

    [Fact]
    public void A_catastrophic_regular_expression_hits_the_regex_timeout()
    {
        var clock = Stopwatch.StartNew();

        Fails("{{ regex.match 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' '(a+)+$' }}");

        Assert.InRange(clock.ElapsedMilliseconds, 0, 3_000);
    }

    [Fact]
    public void Include_is_not_available()
    {
        Assert.Contains("include", Fails("{{ include 'secrets' }}").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_is_not_available()
    {
        Fails("{{ object.eval_template '{{ 1 + 2 }}' }}");
        Fails("{{ object.eval '1 + 2' }}");
    }

    [Theory]
    [InlineData("{{ record.GetType }}")]
    [InlineData("{{ record.first_name.GetType }}")]
    [InlineData("{{ record.first_name.Length }}")]
    [InlineData("{{ record.created_at.GetType }}")]
    [InlineData("{{ now.Ticks }}{{ now.ticks }}{{ now.kind }}")]
    [InlineData("{{ object.GetType }}")]
    [InlineData("{{ string.GetType }}")]
    [InlineData("{{ html.GetType }}")]
    [InlineData("{{ (html.escape '<').html }}")]
    public void Dotnet_members_are_not_reachable(string source)
    {
        Assert.Equal("", Service.RenderInline(Model, source, Data()).Trim());
    }

    [Fact]
    public void Only_date_parts_of_dates_are_visible()
    {
        var data = new TemplateData(Person(Model, new() { ["birth_date"] = new DateOnly(1990, 5, 1) }), null, null);

        Assert.Equal("1990 5 1", Service.RenderInline(Model, "{{ record.birth_date.year }} {{ record.birth_date.month }} {{ record.birth_date.day }}", data));
    }

    [Fact]
    public void A_template_cannot_change_the_shared_builtins_for_the_next_one()
    {
        Fails("{{ string.upcase = 5 }}");
        Fails("{{ string.my_helper = 'x' }}");
        Fails("{{ date.format = '%Y' }}");

        Assert.Equal("", Service.RenderInline(Model, "{{ string.my_helper }}", Data()));
    }

    [Fact]
    public void A_template_cannot_change_the_data_the_next_template_sees()
    {
        var data = Data();

        Assert.Throws<CrmException>(() => Service.RenderInline(Model, "{{ record.first_name = 'Mallory' }}", data));
        Assert.Equal("x", Service.RenderInline(Model, "{{ record = 'x'; record }}", data));

        Assert.Equal("Ayşe", Service.RenderInline(Model, "{{ record.first_name }}", data));
    }

    [Fact]
    public void Deeply_nested_expressions_are_a_syntax_error_not_a_stack_overflow()
    {
        var source = "{{ " + new string('(', 5_000) + "1" + new string(')', 5_000) + " }}";

        var error = Assert.Throws<CrmException>(() => Service.RenderInline(Model, source, Data()));

        Assert.Equal("templateFailed", error.Code);
        Assert.Equal("templateSyntax", error.Errors[0].Code);
    }

    [Fact]
    public void Renders_on_many_threads_share_the_builtins_safely()
    {
        var results = new string[64];

        Parallel.For(0, results.Length, i =>
            results[i] = Service.RenderInline(Model, "{{ x = " + i + " }}{{ record.first_name | string.upcase }}{{ x }}", Data()));

        Assert.Equal(Enumerable.Range(0, results.Length).Select(i => "AYŞE" + i), results);
    }
}
