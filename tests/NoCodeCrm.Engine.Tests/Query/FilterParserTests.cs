using NoCodeCrm.Engine.Query;
using static NoCodeCrm.Engine.Tests.Query.FilterBuilder;

namespace NoCodeCrm.Engine.Tests.Query;

public class FilterParserTests
{
    [Theory]
    [InlineData("age eq 30", ComparisonOperator.Eq)]
    [InlineData("age ne 30", ComparisonOperator.Ne)]
    [InlineData("age gt 30", ComparisonOperator.Gt)]
    [InlineData("age ge 30", ComparisonOperator.Ge)]
    [InlineData("age lt 30", ComparisonOperator.Lt)]
    [InlineData("age le 30", ComparisonOperator.Le)]
    public void Each_comparison_operator_parses_to_its_enum_value(string text, ComparisonOperator expected)
    {
        Assert.Equal(Compare("age", expected, Num(30)), FilterParser.Parse(text));
    }

    [Fact]
    public void A_comparison_keeps_path_operator_and_value()
    {
        var filter = Assert.IsType<ComparisonFilter>(FilterParser.Parse("first_name eq 'Ayşe'"));

        Assert.Equal(["first_name"], filter.Path.Segments.ToArray());
        Assert.Equal(ComparisonOperator.Eq, filter.Operator);
        Assert.Equal("Ayşe", filter.Value.StringValue);
        Assert.Equal(0, filter.Path.Position);
        Assert.Equal(14, filter.Value.Position);
    }

    [Fact]
    public void And_combines_two_conditions()
    {
        Assert.Equal(And(Eq("a", 1), Eq("b", 2)), FilterParser.Parse("a eq 1 and b eq 2"));
    }

    [Fact]
    public void Or_combines_two_conditions()
    {
        Assert.Equal(Or(Eq("a", 1), Eq("b", 2)), FilterParser.Parse("a eq 1 or b eq 2"));
    }

    [Fact]
    public void Not_negates_a_comparison_without_parentheses()
    {
        Assert.Equal(Not(Eq("a", 1)), FilterParser.Parse("not a eq 1"));
    }

    [Fact]
    public void Not_negates_a_parenthesised_expression()
    {
        Assert.Equal(Not(Or(Eq("a", 1), Eq("b", 2))), FilterParser.Parse("not (a eq 1 or b eq 2)"));
    }

    [Fact]
    public void Not_may_touch_its_parenthesis()
    {
        Assert.Equal(Not(Eq("a", 1)), FilterParser.Parse("not(a eq 1)"));
    }

    [Fact]
    public void Not_can_be_repeated()
    {
        Assert.Equal(Not(Not(Eq("a", 1))), FilterParser.Parse("not not a eq 1"));
    }

    [Fact]
    public void And_binds_tighter_than_or()
    {
        Assert.Equal(Or(Eq("a", 1), And(Eq("b", 2), Eq("c", 3))), FilterParser.Parse("a eq 1 or b eq 2 and c eq 3"));
        Assert.Equal(Or(And(Eq("a", 1), Eq("b", 2)), Eq("c", 3)), FilterParser.Parse("a eq 1 and b eq 2 or c eq 3"));
    }

    [Fact]
    public void Not_binds_tighter_than_and()
    {
        Assert.Equal(And(Not(Eq("a", 1)), Eq("b", 2)), FilterParser.Parse("not a eq 1 and b eq 2"));
    }

    [Fact]
    public void Not_binds_tighter_than_or()
    {
        Assert.Equal(Or(Not(Eq("a", 1)), Eq("b", 2)), FilterParser.Parse("not a eq 1 or b eq 2"));
    }

    [Fact]
    public void And_chains_are_left_associative()
    {
        Assert.Equal(And(And(Eq("a", 1), Eq("b", 2)), Eq("c", 3)), FilterParser.Parse("a eq 1 and b eq 2 and c eq 3"));
    }

    [Fact]
    public void Or_chains_are_left_associative()
    {
        Assert.Equal(Or(Or(Eq("a", 1), Eq("b", 2)), Eq("c", 3)), FilterParser.Parse("a eq 1 or b eq 2 or c eq 3"));
    }

    [Fact]
    public void Parentheses_override_precedence()
    {
        Assert.Equal(And(Or(Eq("a", 1), Eq("b", 2)), Eq("c", 3)), FilterParser.Parse("(a eq 1 or b eq 2) and c eq 3"));
    }

    [Fact]
    public void Parentheses_can_group_the_right_operand()
    {
        Assert.Equal(And(Eq("a", 1), And(Eq("b", 2), Eq("c", 3))), FilterParser.Parse("a eq 1 and (b eq 2 and c eq 3)"));
    }

    [Fact]
    public void Redundant_parentheses_leave_the_tree_unchanged()
    {
        Assert.Equal(Eq("a", 1), FilterParser.Parse("((((a eq 1))))"));
    }

    [Fact]
    public void Spaces_and_tabs_between_tokens_are_ignored()
    {
        Assert.Equal(And(Eq("a", 1), Eq("b", "x")), FilterParser.Parse(" \t a \teq\t1   and(b eq 'x' ) \t"));
    }

    [Fact]
    public void Line_breaks_count_as_whitespace()
    {
        Assert.Equal(And(Eq("a", 1), Eq("b", 2)), FilterParser.Parse("a eq 1\r\nand b eq 2"));
    }

    [Fact]
    public void Parentheses_need_no_surrounding_spaces()
    {
        Assert.Equal(Or(Eq("a", 1), Eq("b", 2)), FilterParser.Parse("(a eq 1)or(b eq 2)"));
    }

    [Fact]
    public void A_lookup_path_has_one_segment_per_step()
    {
        var filter = Assert.IsType<ComparisonFilter>(FilterParser.Parse("company/parent/name eq 'Acme'"));

        Assert.Equal(["company", "parent", "name"], filter.Path.Segments.ToArray());
        Assert.Equal("company/parent/name", filter.Path.ToString());
        Assert.Equal("name", filter.Path.Last);
        Assert.False(filter.Path.IsSimple);
    }

    [Fact]
    public void A_two_step_lookup_path_parses()
    {
        Assert.Equal(Eq("company/name", "Acme"), FilterParser.Parse("company/name eq 'Acme'"));
    }

    [Fact]
    public void Names_may_contain_digits_and_underscores()
    {
        Assert.Equal(Eq("address_line2", "x"), FilterParser.Parse("address_line2 eq 'x'"));
    }

    [Fact]
    public void A_name_of_63_characters_is_accepted()
    {
        var name = "a" + new string('b', 62);

        Assert.Equal(Eq(name, 1), FilterParser.Parse(name + " eq 1"));
    }

    [Fact]
    public void Function_names_are_ordinary_field_names_when_not_called()
    {
        Assert.Equal(Eq("contains", "x"), FilterParser.Parse("contains eq 'x'"));
    }

    [Fact]
    public void Asc_and_desc_are_ordinary_field_names_in_a_filter()
    {
        Assert.Equal(And(Eq("asc", 1), Eq("desc", 2)), FilterParser.Parse("asc eq 1 and desc eq 2"));
    }

    [Fact]
    public void In_lists_keep_their_values_in_order()
    {
        Assert.Equal(In("status", Str("open"), Str("won"), Str("lost")), FilterParser.Parse("status in ('open', 'won', 'lost')"));
    }

    [Fact]
    public void An_in_list_may_have_a_single_value()
    {
        Assert.Equal(In("age", Num(1)), FilterParser.Parse("age in (1)"));
    }

    [Fact]
    public void An_in_list_may_mix_literal_kinds()
    {
        var filter = Assert.IsType<InFilter>(FilterParser.Parse("x in (1,'a',null,true,2024-05-01)"));

        Assert.Equal(
            [FilterLiteralKind.Number, FilterLiteralKind.String, FilterLiteralKind.Null, FilterLiteralKind.Boolean, FilterLiteralKind.Date],
            filter.Values.Select(v => v.Kind));
    }

    [Fact]
    public void In_works_on_lookup_paths()
    {
        Assert.Equal(In("company/country", Str("TR"), Str("DE")), FilterParser.Parse("company/country in ('TR','DE')"));
    }

    [Fact]
    public void Has_tests_a_multi_choice_value()
    {
        Assert.Equal(new HasFilter(Path("tags"), Str("vip")), FilterParser.Parse("tags has 'vip'"));
    }

    [Theory]
    [InlineData("contains(name, 'ab')", TextMatchKind.Contains)]
    [InlineData("startswith(name, 'ab')", TextMatchKind.StartsWith)]
    [InlineData("endswith(name, 'ab')", TextMatchKind.EndsWith)]
    public void Each_text_function_parses_to_its_kind(string text, TextMatchKind kind)
    {
        Assert.Equal(new TextMatchFilter(kind, Path("name"), Str("ab")), FilterParser.Parse(text));
    }

    [Fact]
    public void Text_functions_accept_lookup_paths_and_spaces()
    {
        Assert.Equal(
            new TextMatchFilter(TextMatchKind.StartsWith, Path("company/name"), Str("Ac")),
            FilterParser.Parse("startswith ( company/name , 'Ac' )"));
    }

    [Fact]
    public void Text_function_eq_true_is_the_function_itself()
    {
        Assert.Equal(new TextMatchFilter(TextMatchKind.Contains, Path("name"), Str("a")), FilterParser.Parse("contains(name,'a') eq true"));
    }

    [Fact]
    public void Text_function_eq_false_is_its_negation()
    {
        Assert.Equal(Not(new TextMatchFilter(TextMatchKind.Contains, Path("name"), Str("a"))), FilterParser.Parse("contains(name,'a') eq false"));
    }

    [Fact]
    public void Text_function_ne_true_is_its_negation_and_ne_false_is_the_function()
    {
        var match = new TextMatchFilter(TextMatchKind.EndsWith, Path("name"), Str("a"));

        Assert.Equal(Not(match), FilterParser.Parse("endswith(name,'a') ne true"));
        Assert.Equal(match, FilterParser.Parse("endswith(name,'a') ne false"));
    }

    [Fact]
    public void Text_functions_combine_with_logical_operators()
    {
        var contains = new TextMatchFilter(TextMatchKind.Contains, Path("name"), Str("a"));

        Assert.Equal(And(Not(contains), Eq("b", 1)), FilterParser.Parse("not contains(name, 'a') and b eq 1"));
    }

    [Fact]
    public void A_realistic_filter_parses_to_the_expected_tree()
    {
        var text = "(status in ('open','won') or amount ge 1000.50) and not startswith(company/name, 'Test') " +
                   "and created_at ge 2024-01-01T00:00:00Z and owner ne null and tags has 'vip'";

        var expected = And(
            And(
                And(
                    And(
                        Or(In("status", Str("open"), Str("won")), Compare("amount", ComparisonOperator.Ge, Num(1000.50m))),
                        Not(new TextMatchFilter(TextMatchKind.StartsWith, Path("company/name"), Str("Test")))),
                    Compare("created_at", ComparisonOperator.Ge, FilterLiteral.FromDateTime(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)))),
                Compare("owner", ComparisonOperator.Ne, FilterLiteral.Null())),
            new HasFilter(Path("tags"), Str("vip")));

        Assert.Equal(expected, FilterParser.Parse(text));
    }

    [Fact]
    public void Null_can_be_compared_with_eq_and_ne()
    {
        Assert.Equal(Eq("owner", FilterLiteral.Null()), FilterParser.Parse("owner eq null"));
        Assert.Equal(Compare("owner", ComparisonOperator.Ne, FilterLiteral.Null()), FilterParser.Parse("owner ne null"));
    }

    [Fact]
    public void Paths_carry_their_position_in_the_input()
    {
        var filter = Assert.IsType<LogicalFilter>(FilterParser.Parse("a eq 1 and  company/name eq 'x'"));

        Assert.Equal(12, Assert.IsType<ComparisonFilter>(filter.Right).Path.Position);
    }
}
