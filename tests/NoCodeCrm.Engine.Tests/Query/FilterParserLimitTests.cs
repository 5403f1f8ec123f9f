using NoCodeCrm.Engine.Query;

namespace NoCodeCrm.Engine.Tests.Query;

/// <summary>One test pair per limit: the limit itself is accepted, one more is a clear syntax error.</summary>
public class FilterParserLimitTests
{
    private static QuerySyntaxException Fails(string text) => Assert.Throws<QuerySyntaxException>(() => FilterParser.Parse(text));

    private static string Conditions(int count) => string.Join(" or ", Enumerable.Repeat("a eq 1", count));

    [Fact]
    public void Input_of_the_maximum_length_is_accepted()
    {
        var text = "a eq '" + new string('x', QuerySyntax.MaxInputLength - 7) + "'";

        Assert.Equal(QuerySyntax.MaxInputLength, text.Length);
        Assert.IsType<ComparisonFilter>(FilterParser.Parse(text));
    }

    [Fact]
    public void Input_longer_than_the_maximum_is_rejected_before_parsing()
    {
        var text = "a eq '" + new string('x', QuerySyntax.MaxInputLength - 6) + "'";

        var error = Fails(text);

        Assert.Equal(QuerySyntax.MaxInputLength, error.Position);
        Assert.Equal("The input is too long (4001 characters): at most 4000 are allowed.", error.Message);
    }

    [Fact]
    public void Nesting_to_the_maximum_depth_is_accepted()
    {
        var depth = QuerySyntax.MaxNestingDepth;

        Assert.IsType<ComparisonFilter>(FilterParser.Parse(new string('(', depth) + "a eq 1" + new string(')', depth)));
    }

    [Fact]
    public void Parentheses_nested_deeper_than_the_maximum_are_rejected()
    {
        var depth = QuerySyntax.MaxNestingDepth + 1;

        var error = Fails(new string('(', depth) + "a eq 1" + new string(')', depth));

        Assert.Equal(QuerySyntax.MaxNestingDepth, error.Position);
        Assert.Equal("Nesting too deep at position 32: at most 32 levels of parentheses and 'not' are allowed.", error.Message);
    }

    [Fact]
    public void Not_counts_towards_the_nesting_depth()
    {
        var accepted = string.Concat(Enumerable.Repeat("not ", QuerySyntax.MaxNestingDepth)) + "a eq 1";
        var rejected = "not " + accepted;

        Assert.IsType<NotFilter>(FilterParser.Parse(accepted));
        Assert.Equal(QuerySyntax.MaxNestingDepth * 4, Fails(rejected).Position);
    }

    [Fact]
    public void Parentheses_and_not_together_count_towards_the_nesting_depth()
    {
        var half = QuerySyntax.MaxNestingDepth / 2;
        var accepted = string.Concat(Enumerable.Repeat("not (", half)) + "a eq 1" + new string(')', half);

        Assert.IsType<NotFilter>(FilterParser.Parse(accepted));
        Assert.Throws<QuerySyntaxException>(() => FilterParser.Parse("not " + accepted));
    }

    [Fact]
    public void Sibling_groups_do_not_add_up_to_the_nesting_depth()
    {
        var group = new string('(', QuerySyntax.MaxNestingDepth) + "a eq 1" + new string(')', QuerySyntax.MaxNestingDepth);

        Assert.IsType<LogicalFilter>(FilterParser.Parse(group + " and " + group + " or " + group));
    }

    [Fact]
    public void The_maximum_number_of_comparisons_is_accepted()
    {
        Assert.IsType<LogicalFilter>(FilterParser.Parse(Conditions(QuerySyntax.MaxComparisons)));
    }

    [Fact]
    public void More_comparisons_than_the_maximum_are_rejected()
    {
        var text = Conditions(QuerySyntax.MaxComparisons + 1);

        var error = Fails(text);

        Assert.Equal(text.Length - "a eq 1".Length, error.Position);
        Assert.StartsWith($"Too many conditions at position {error.Position}: a filter may have at most 100 comparisons.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Functions_in_and_has_count_as_comparisons()
    {
        var mixed = string.Join(" and ", Enumerable.Repeat("contains(a,'x') and b in (1) and c has 'y' and d eq 1", 25));
        Assert.IsType<LogicalFilter>(FilterParser.Parse(mixed));

        Assert.Throws<QuerySyntaxException>(() => FilterParser.Parse(mixed + " and startswith(e,'z')"));
        Assert.Throws<QuerySyntaxException>(() => FilterParser.Parse(mixed + " and e in (1)"));
        Assert.Throws<QuerySyntaxException>(() => FilterParser.Parse(mixed + " and e has 1"));
    }

    [Fact]
    public void An_in_list_of_the_maximum_size_is_accepted()
    {
        var text = "a in (" + string.Join(",", Enumerable.Repeat("1", QuerySyntax.MaxInListItems)) + ")";

        Assert.Equal(QuerySyntax.MaxInListItems, Assert.IsType<InFilter>(FilterParser.Parse(text)).Values.Length);
    }

    [Fact]
    public void An_in_list_longer_than_the_maximum_is_rejected()
    {
        var text = "a in (" + string.Join(",", Enumerable.Repeat("1", QuerySyntax.MaxInListItems + 1)) + ")";

        var error = Fails(text);

        Assert.Equal(text.Length - 2, error.Position);
        Assert.Equal($"Too many values at position {text.Length - 2}: an 'in' list may have at most 1000.", error.Message);
    }

    [Fact]
    public void A_path_of_the_maximum_length_is_accepted()
    {
        var path = string.Join('/', Enumerable.Repeat("a", QuerySyntax.MaxPathSegments));

        Assert.Equal(QuerySyntax.MaxPathSegments, Assert.IsType<ComparisonFilter>(FilterParser.Parse(path + " eq 1")).Path.Segments.Length);
    }

    [Fact]
    public void A_path_longer_than_the_maximum_is_rejected()
    {
        var path = string.Join('/', Enumerable.Repeat("a", QuerySyntax.MaxPathSegments + 1));

        var error = Fails(path + " eq 1");

        Assert.Equal(path.Length - 1, error.Position);
        Assert.StartsWith("Field path too long", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_and_chains_do_not_deepen_the_parser_stack()
    {
        // 100 conditions is the limit, so the chain is as long as a filter can be; it must not trip the depth limit.
        var text = string.Join(" and ", Enumerable.Repeat("a eq 1", QuerySyntax.MaxComparisons));

        Assert.IsType<LogicalFilter>(FilterParser.Parse(text));
    }
}
