using NoCodeCrm.Engine.Query;
using static NoCodeCrm.Engine.Tests.Query.FilterBuilder;

namespace NoCodeCrm.Engine.Tests.Query;

/// <summary>Names reach SQL only as validated identifiers, and values only as literals; these tests hold that line.</summary>
public class FilterInjectionTests
{
    private static QuerySyntaxException Fails(string text) => Assert.Throws<QuerySyntaxException>(() => FilterParser.Parse(text));

    [Fact]
    public void Sql_inside_a_correctly_quoted_string_is_a_single_string_literal()
    {
        Assert.Equal(Eq("name", "x'; drop table person; --"), FilterParser.Parse("name eq 'x''; drop table person; --'"));
    }

    [Fact]
    public void Closing_the_string_early_leaves_trailing_garbage_that_is_rejected()
    {
        var error = Fails("name eq 'x'; drop table person; --'");

        Assert.Equal(11, error.Position);
        Assert.Equal("Unexpected ';' at position 11: expected 'and', 'or' or end of input.", error.Message);
    }

    [Fact]
    public void A_semicolon_after_a_name_is_rejected()
    {
        var error = Fails("name; drop table person");

        Assert.Equal(4, error.Position);
        Assert.Equal("Unexpected ';' at position 4: expected a comparison operator (eq, ne, gt, ge, lt, le, has, in).", error.Message);
    }

    [Fact]
    public void A_double_quoted_name_is_rejected()
    {
        var error = Fails("\"name\" eq 'x'");

        Assert.Equal(0, error.Position);
        Assert.StartsWith("Unexpected '\"' at position 0: expected a field name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capitalised_name_is_rejected()
    {
        var error = Fails("Name eq 'x'");

        Assert.Equal(0, error.Position);
        Assert.StartsWith("Invalid name 'Name' at position 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sql_comment_after_a_name_is_rejected()
    {
        var error = Fails("name-- eq 'x'");

        Assert.Equal(4, error.Position);
        Assert.StartsWith("Unexpected '-' at position 4", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name/*x*/ eq 1", 5)]
    [InlineData("name' eq 1", 4)]
    [InlineData("na;me eq 1", 2)]
    [InlineData("company/name\" eq 1", 12)]
    [InlineData("company/\"name\" eq 1", 8)]
    [InlineData("name eq 1 union select 1", 10)]
    [InlineData("name eq 1; --", 9)]
    [InlineData("name eq 1 -- comment", 10)]
    [InlineData("(select 1) eq 1", 8)]
    [InlineData("name.first eq 1", 4)]
    [InlineData("name[0] eq 1", 4)]
    [InlineData("name::text eq 'x'", 4)]
    [InlineData("lower(name) eq 'x'", 0)]
    [InlineData("name eq $1", 8)]
    [InlineData("name eq @p0", 8)]
    [InlineData("name eq `x`", 8)]
    public void Sql_syntax_outside_a_string_is_rejected_with_its_position(string text, int position)
    {
        Assert.Equal(position, Fails(text).Position);
    }

    [Fact]
    public void Every_accepted_path_segment_is_a_plain_identifier()
    {
        var filter = Assert.IsType<ComparisonFilter>(FilterParser.Parse("company/parent/name eq 'x'"));

        Assert.All(filter.Path.Segments, segment => Assert.Matches("^[a-z][a-z0-9_]{0,62}$", segment));
    }

    [Theory]
    [InlineData("Name")]
    [InlineData("name; drop")]
    [InlineData("\"name\"")]
    [InlineData("name--")]
    [InlineData("")]
    [InlineData("1abc")]
    public void A_field_path_cannot_be_built_from_an_invalid_name(string segment)
    {
        Assert.Throws<ArgumentException>(() => new FieldPath([segment]));
    }
}
