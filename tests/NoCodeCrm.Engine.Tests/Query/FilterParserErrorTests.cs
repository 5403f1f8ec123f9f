using NoCodeCrm.Engine.Query;
using static NoCodeCrm.Engine.Tests.Query.FilterBuilder;

namespace NoCodeCrm.Engine.Tests.Query;

public class FilterParserErrorTests
{
    private static QuerySyntaxException Fails(string text) => Assert.Throws<QuerySyntaxException>(() => FilterParser.Parse(text));

    [Fact]
    public void Errors_name_the_filter_parameter()
    {
        Assert.Equal("$filter", Fails("a eq").Parameter);
    }

    [Fact]
    public void An_unexpected_character_after_a_name_says_an_operator_was_expected()
    {
        var error = Fails("first_name; drop table person");

        Assert.Equal(10, error.Position);
        Assert.Equal(
            "Unexpected ';' at position 10: expected a comparison operator (eq, ne, gt, ge, lt, le, has, in).",
            error.Message);
    }

    [Fact]
    public void Empty_input_is_rejected()
    {
        var error = Fails(string.Empty);

        Assert.Equal(0, error.Position);
        Assert.Equal(
            "Unexpected end of input at position 0: expected a field name, 'not', '(' or a function (contains, startswith, endswith).",
            error.Message);
    }

    [Fact]
    public void Whitespace_only_input_is_rejected_at_its_end()
    {
        Assert.Equal(3, Fails(" \t ").Position);
    }

    [Fact]
    public void Null_input_is_a_programming_error()
    {
        Assert.Throws<ArgumentNullException>(() => FilterParser.Parse(null!));
    }

    [Fact]
    public void Trailing_garbage_after_a_complete_filter_is_rejected()
    {
        var error = Fails("a eq 1 b");

        Assert.Equal(7, error.Position);
        Assert.Equal("Unexpected 'b' at position 7: expected 'and', 'or' or end of input.", error.Message);
    }

    [Fact]
    public void A_trailing_close_parenthesis_is_rejected()
    {
        Assert.Equal(6, Fails("a eq 1)").Position);
    }

    [Fact]
    public void A_missing_close_parenthesis_is_reported_at_the_end()
    {
        var error = Fails("(a eq 1");

        Assert.Equal(7, error.Position);
        Assert.Equal("Unexpected end of input at position 7: expected 'and', 'or' or ')'.", error.Message);
    }

    [Fact]
    public void Empty_parentheses_are_rejected()
    {
        Assert.Equal(1, Fails("()").Position);
    }

    [Fact]
    public void A_dangling_and_is_rejected()
    {
        Assert.Equal(10, Fails("a eq 1 and").Position);
    }

    [Fact]
    public void A_missing_value_is_rejected()
    {
        var error = Fails("a eq");

        Assert.Equal(4, error.Position);
        Assert.StartsWith("Unexpected end of input at position 4: expected a value (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Comparing_two_fields_is_not_supported()
    {
        Assert.Equal(5, Fails("a eq b").Position);
    }

    [Fact]
    public void A_value_on_the_left_is_rejected()
    {
        Assert.Equal(0, Fails("1 eq a").Position);
        Assert.Equal(0, Fails("'x' eq a").Position);
    }

    [Fact]
    public void A_lone_field_name_is_not_a_condition()
    {
        Assert.Equal(9, Fails("is_active").Position);
    }

    [Theory]
    [InlineData("a EQ 1", 2)]
    [InlineData("a eq 1 AND b eq 2", 7)]
    [InlineData("a eq TRUE", 5)]
    [InlineData("a eq Null", 5)]
    [InlineData("NOT a eq 1", 0)]
    public void Keywords_are_lower_case(string text, int position)
    {
        var error = Fails(text);

        Assert.Equal(position, error.Position);
        Assert.StartsWith("Invalid name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("and eq 1", 0)]
    [InlineData("null eq 1", 0)]
    [InlineData("company/in eq 1", 8)]
    [InlineData("a eq 1 and or eq 2", 11)]
    public void Reserved_words_cannot_be_field_names(string text, int position)
    {
        Assert.Equal(position, Fails(text).Position);
    }

    [Fact]
    public void A_null_value_cannot_be_ordered()
    {
        var error = Fails("a gt null");

        Assert.Equal(5, error.Position);
        Assert.Equal("Unexpected null at position 5: null can only be compared with eq or ne.", error.Message);
    }

    [Fact]
    public void An_unterminated_string_is_reported_where_it_starts()
    {
        var error = Fails("name eq 'abc");

        Assert.Equal(8, error.Position);
        Assert.StartsWith("Unterminated string starting at position 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_ending_in_an_escaped_quote_is_unterminated()
    {
        Assert.Equal(8, Fails("name eq 'abc''").Position);
    }

    [Fact]
    public void The_first_error_in_the_text_is_the_one_reported()
    {
        // The lexer would also choke on the date later on; the missing operator comes first.
        Assert.Equal(2, Fails("a 1 and d eq 2024-02-30").Position);
        Assert.Equal(16, Fails("a eq 1 and d eq 2024-02-30 and (").Position);
    }

    [Fact]
    public void An_unknown_function_is_named()
    {
        var error = Fails("tolower(name) eq 'x'");

        Assert.Equal(0, error.Position);
        Assert.Equal("Unknown function 'tolower' at position 0: the functions are contains, startswith and endswith.", error.Message);
    }

    [Theory]
    [InlineData("contains(name)", 13)]
    [InlineData("contains(name, 1)", 15)]
    [InlineData("contains(name, null)", 15)]
    [InlineData("contains('x', name)", 9)]
    [InlineData("contains(name, 'x'", 18)]
    [InlineData("contains(name, 'x', 'y')", 18)]
    [InlineData("contains(name, 'x') eq 1", 23)]
    [InlineData("contains(name, 'x') gt true", 20)]
    [InlineData("contains (name eq 'x')", 15)]
    public void Malformed_function_calls_are_rejected(string text, int position)
    {
        Assert.Equal(position, Fails(text).Position);
    }

    [Theory]
    [InlineData("a in ()", 6)]
    [InlineData("a in (1,)", 8)]
    [InlineData("a in (1 2)", 8)]
    [InlineData("a in 1", 5)]
    [InlineData("a in (1", 7)]
    [InlineData("a in (b)", 6)]
    public void Malformed_in_lists_are_rejected(string text, int position)
    {
        Assert.Equal(position, Fails(text).Position);
    }

    [Fact]
    public void An_empty_in_list_says_a_value_is_needed()
    {
        Assert.Equal("Empty list at position 6: 'in' needs at least one value.", Fails("a in ()").Message);
    }

    [Fact]
    public void Has_needs_a_value()
    {
        Assert.Equal(8, Fails("tags has").Position);
    }

    [Theory]
    [InlineData("company /name eq 1", 8)]
    [InlineData("company/ name eq 1", 8)]
    [InlineData("company/ eq 1", 8)]
    [InlineData("/name eq 1", 0)]
    [InlineData("company//name eq 1", 8)]
    [InlineData("company/name/ eq 1", 13)]
    public void Malformed_paths_are_rejected(string text, int position)
    {
        Assert.Equal(position, Fails(text).Position);
    }

    [Fact]
    public void Unicode_letters_are_not_allowed_in_names()
    {
        var error = Fails("şehir eq 'x'");

        Assert.Equal(0, error.Position);
        Assert.StartsWith("Invalid name 'şehir' at position 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_of_64_characters_is_rejected()
    {
        var name = "a" + new string('b', 63);

        Assert.StartsWith($"Invalid name '{name}' at position 0", Fails(name + " eq 1").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_starting_with_an_underscore_is_rejected()
    {
        Assert.StartsWith("Invalid name '_x'", Fails("_x eq 1").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_breaking_spaces_are_not_whitespace()
    {
        var error = Fails("a\u00A0eq 1");

        Assert.Equal(1, error.Position);
        Assert.StartsWith("Unexpected character U+00A0 at position 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parenthesised_value_is_rejected()
    {
        Assert.Equal(5, Fails("a eq (1)").Position);
    }

    [Fact]
    public void Missing_operands_around_and_or_are_rejected()
    {
        Assert.Equal(0, Fails("and a eq 1").Position);
        Assert.Equal(10, Fails("a eq 1 or or b eq 2").Position);
    }
}
