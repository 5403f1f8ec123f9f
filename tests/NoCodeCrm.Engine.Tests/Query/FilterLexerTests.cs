using NoCodeCrm.Engine.Query;

namespace NoCodeCrm.Engine.Tests.Query;

public class FilterLexerTests
{
    [Fact]
    public void Tokens_carry_kind_text_and_position()
    {
        var tokens = FilterLexer.Tokenize("company/name eq 'a''b' and (x in (1, 2024-05-01))");

        Assert.Equal(
            [
                (FilterTokenKind.Identifier, "company", 0),
                (FilterTokenKind.Slash, "/", 7),
                (FilterTokenKind.Identifier, "name", 8),
                (FilterTokenKind.Identifier, "eq", 13),
                (FilterTokenKind.String, "'a''b'", 16),
                (FilterTokenKind.Identifier, "and", 23),
                (FilterTokenKind.OpenParen, "(", 27),
                (FilterTokenKind.Identifier, "x", 28),
                (FilterTokenKind.Identifier, "in", 30),
                (FilterTokenKind.OpenParen, "(", 33),
                (FilterTokenKind.Number, "1", 34),
                (FilterTokenKind.Comma, ",", 35),
                (FilterTokenKind.Date, "2024-05-01", 37),
                (FilterTokenKind.CloseParen, ")", 47),
                (FilterTokenKind.CloseParen, ")", 48),
                (FilterTokenKind.End, "", 49),
            ],
            tokens.Select(t => (t.Kind, t.Text, t.Position)));
    }

    [Theory]
    // The kind is given by name: FilterTokenKind is internal, and a public test method cannot take it.
    [InlineData("2024-05-01T10:30:00Z", "DateTime")]
    [InlineData("2024-05-01T10:30:00.123+03:00", "DateTime")]
    [InlineData("0b6e3b4a-9f1c-4d2e-8a7b-123456789abc", "Guid")]
    [InlineData("deadbeef-9f1c-4d2e-8a7b-123456789abc", "Guid")]
    [InlineData("deadbeef", "Identifier")]
    [InlineData("-12.5e3", "Number")]
    public void Literals_are_recognised_as_one_token(string text, string kindName)
    {
        var kind = Enum.Parse<FilterTokenKind>(kindName);
        var tokens = FilterLexer.Tokenize(text);

        Assert.Equal(2, tokens.Length);
        Assert.Equal(kind, tokens[0].Kind);
        Assert.Equal(text, tokens[0].Text);
    }

    [Fact]
    public void Lexing_stops_at_the_first_unreadable_character()
    {
        var tokens = FilterLexer.Tokenize("a ; b c");

        Assert.Equal(FilterTokenKind.Invalid, tokens[^1].Kind);
        Assert.Equal(";", tokens[^1].Text);
        Assert.Null(tokens[^1].Error);
        Assert.Equal(2, tokens.Length);
    }

    [Fact]
    public void A_malformed_name_carries_its_own_message()
    {
        var token = FilterLexer.Tokenize("Name")[0];

        Assert.Equal(FilterTokenKind.Invalid, token.Kind);
        Assert.StartsWith("Invalid name 'Name' at position 0", token.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_emoji_outside_a_string_is_one_unexpected_character()
    {
        var error = Assert.Throws<QuerySyntaxException>(() => FilterParser.Parse("a eq 😀"));

        Assert.Equal("Unexpected character U+1F600 at position 5: expected a value (a string in single quotes, a number, true, false, null, a date, a date-time or a GUID).", error.Message);
    }
}
