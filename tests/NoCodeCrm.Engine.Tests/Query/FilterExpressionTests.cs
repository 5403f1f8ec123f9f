using System.Collections.Immutable;
using NoCodeCrm.Engine.Query;
using static NoCodeCrm.Engine.Tests.Query.FilterBuilder;

namespace NoCodeCrm.Engine.Tests.Query;

public class FilterExpressionTests
{
    [Theory]
    [InlineData("a eq 1")]
    [InlineData("company/name ne 'O''Brien'")]
    [InlineData("a eq 1 and b eq 2 and c eq 3")]
    [InlineData("a eq 1 or b eq 2 and c eq 3")]
    [InlineData("(a eq 1 or b eq 2) and c eq 3")]
    [InlineData("a eq 1 and (b eq 2 and c eq 3)")]
    [InlineData("a eq 1 or (b eq 2 or c eq 3)")]
    [InlineData("not (a eq 1 or b eq 2)")]
    [InlineData("not not a eq 1")]
    [InlineData("contains(name, 'x') eq false")]
    [InlineData("startswith(company/name, 'Ac') and endswith(email, '.tr')")]
    [InlineData("status in ('open', 'won', null)")]
    [InlineData("tags has 'vip'")]
    [InlineData("d ge 2024-05-01 and t lt 2024-05-01T10:30:00.5+03:00 and id eq 0b6e3b4a-9f1c-4d2e-8a7b-123456789abc")]
    [InlineData("n gt -1.50e2 and b eq true")]
    public void Printing_a_tree_gives_filter_text_that_parses_back_to_an_equal_tree(string text)
    {
        var tree = FilterParser.Parse(text);

        Assert.Equal(tree, FilterParser.Parse(tree.ToString()));
    }

    [Fact]
    public void Printing_uses_canonical_spacing_and_only_needed_parentheses()
    {
        Assert.Equal(
            "(a eq 1 or b eq 'x') and not contains(c/d, 'y') and e in (1, 2)",
            FilterParser.Parse("((a  eq 1) or (b eq 'x'))and(not contains( c/d ,'y' ))and e in(1,2)").ToString());
    }

    [Fact]
    public void Printing_keeps_a_right_hand_group_of_the_same_operator()
    {
        Assert.Equal("a eq 1 and (b eq 2 and c eq 3)", And(Eq("a", 1), And(Eq("b", 2), Eq("c", 3))).ToString());
    }

    [Fact]
    public void Equal_filters_are_equal_trees_with_equal_hash_codes()
    {
        var first = FilterParser.Parse("a in (1, 2) and company/name eq 'x'");
        var second = FilterParser.Parse("a in (1,2) and  company/name eq 'x'");

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void In_lists_with_different_values_are_not_equal()
    {
        Assert.NotEqual(In("a", Num(1), Num(2)), In("a", Num(2), Num(1)));
        Assert.NotEqual(In("a", Num(1)), In("a", Num(1), Num(1)));
    }

    [Fact]
    public void Field_paths_compare_by_segments()
    {
        var built = new FieldPath(["company", "name"]);
        var parsed = FieldPath.Of("company/name") with { Position = 12 };

        Assert.Equal(built, parsed);
        Assert.Equal(built.GetHashCode(), parsed.GetHashCode());
        Assert.NotEqual(built, FieldPath.Of("company"));
    }

    [Fact]
    public void A_field_path_needs_at_least_one_segment()
    {
        Assert.Throws<ArgumentException>(() => new FieldPath([]));
        Assert.Throws<ArgumentException>(() => new FieldPath(default(ImmutableArray<string>)));
    }

    [Fact]
    public void An_in_filter_needs_at_least_one_value()
    {
        Assert.Throws<ArgumentException>(() => new InFilter(Path("a"), []));
    }

    [Fact]
    public void A_text_match_needs_a_string_value()
    {
        Assert.Throws<ArgumentException>(() => new TextMatchFilter(TextMatchKind.Contains, Path("a"), Num(1)));
    }

    [Fact]
    public void A_comparison_cannot_order_against_null()
    {
        Assert.Throws<ArgumentException>(() => new ComparisonFilter(Path("a"), ComparisonOperator.Lt, FilterLiteral.Null()));
    }

    [Fact]
    public void Nodes_deconstruct_for_pattern_matching()
    {
        var filter = FilterParser.Parse("a eq 1 or not b has 'x'");

        var description = filter switch
        {
            LogicalFilter(LogicalOperator.Or, ComparisonFilter(var path, ComparisonOperator.Eq, _), NotFilter(HasFilter has)) =>
                $"{path} | {has.Value.StringValue}",
            _ => "no match",
        };

        Assert.Equal("a | x", description);
    }
}
