using NoCodeCrm.Engine.Query;
using static NoCodeCrm.Engine.Tests.Query.FilterBuilder;

namespace NoCodeCrm.Engine.Tests.Query;

public class OrderByParserTests
{
    // Results are compared as arrays: xUnit compares ImmutableArray<T> through IEquatable, which is reference equality.

    private static QuerySyntaxException Fails(string text) => Assert.Throws<QuerySyntaxException>(() => OrderByParser.Parse(text));

    [Fact]
    public void A_field_without_direction_sorts_ascending()
    {
        Assert.Equal([new OrderByItem(Path("name"), Descending: false)], OrderByParser.Parse("name").ToArray());
    }

    [Fact]
    public void Asc_sorts_ascending_and_desc_descending()
    {
        Assert.Equal(
            [new OrderByItem(Path("name"), false), new OrderByItem(Path("created_at"), true)],
            OrderByParser.Parse("name asc, created_at desc").ToArray());
    }

    [Fact]
    public void Items_keep_their_order()
    {
        var items = OrderByParser.Parse("c,a desc,b");

        Assert.Equal(["c", "a", "b"], items.Select(i => i.Path.ToString()));
    }

    [Fact]
    public void Lookup_paths_can_be_sorted_on()
    {
        Assert.Equal([new OrderByItem(Path("company/name"), true)], OrderByParser.Parse("company/name desc").ToArray());
    }

    [Fact]
    public void Whitespace_around_items_is_ignored()
    {
        Assert.Equal(2, OrderByParser.Parse("  name\tdesc ,\tage  ").Length);
    }

    [Fact]
    public void Fields_named_asc_or_desc_can_be_sorted_on()
    {
        Assert.Equal([new OrderByItem(Path("desc"), false), new OrderByItem(Path("asc"), true)], OrderByParser.Parse("desc, asc desc").ToArray());
    }

    [Fact]
    public void Paths_carry_their_position()
    {
        Assert.Equal(7, OrderByParser.Parse("name,  age")[1].Path.Position);
    }

    [Fact]
    public void Errors_name_the_orderby_parameter()
    {
        Assert.Equal("$orderby", Fails("").Parameter);
    }

    [Fact]
    public void Empty_input_is_rejected()
    {
        Assert.Equal("Unexpected end of input at position 0: expected a field name.", Fails("").Message);
    }

    [Fact]
    public void The_maximum_number_of_items_is_accepted()
    {
        Assert.Equal(QuerySyntax.MaxOrderByItems, OrderByParser.Parse("a,b,c,d,e,f,g,h").Length);
    }

    [Fact]
    public void More_items_than_the_maximum_are_rejected()
    {
        var error = Fails("a,b,c,d,e,f,g,h,i");

        Assert.Equal(16, error.Position);
        Assert.Equal("Too many sort fields at position 16: $orderby may have at most 8.", error.Message);
    }

    [Fact]
    public void A_duplicate_field_is_rejected()
    {
        var error = Fails("name asc, age, name desc");

        Assert.Equal(15, error.Position);
        Assert.Equal("Duplicate sort field 'name' at position 15: each field may appear once in $orderby.", error.Message);
    }

    [Fact]
    public void The_same_field_through_different_lookups_is_not_a_duplicate()
    {
        Assert.Equal(2, OrderByParser.Parse("name, company/name").Length);
    }

    [Theory]
    [InlineData("name desc desc", 10, "Unexpected 'desc' at position 10: expected ',' or end of input.")]
    [InlineData("name descending", 5, "Unexpected 'descending' at position 5: expected 'asc', 'desc', ',' or end of input.")]
    [InlineData("name,", 5, "Unexpected end of input at position 5: expected a field name.")]
    [InlineData(",name", 0, "Unexpected ',' at position 0: expected a field name.")]
    [InlineData("name; drop table x", 4, "Unexpected ';' at position 4: expected 'asc', 'desc', ',' or end of input.")]
    [InlineData("name DESC", 5, null)]
    [InlineData("Name", 0, null)]
    [InlineData("\"name\"", 0, null)]
    [InlineData("name--", 4, null)]
    [InlineData("1", 0, null)]
    [InlineData("'name'", 0, null)]
    [InlineData("company / name", 8, null)]
    [InlineData("name eq 1", 5, null)]
    [InlineData("and", 0, null)]
    public void Malformed_orderby_is_rejected_with_its_position(string text, int position, string? message)
    {
        var error = Fails(text);

        Assert.Equal(position, error.Position);
        if (message is not null)
            Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Input_longer_than_the_maximum_is_rejected()
    {
        var error = Fails(new string('a', 60) + string.Concat(Enumerable.Repeat(", b", QuerySyntax.MaxInputLength)));

        Assert.Equal(QuerySyntax.MaxInputLength, error.Position);
    }

    [Fact]
    public void An_item_prints_its_direction()
    {
        Assert.Equal("company/name desc", new OrderByItem(Path("company/name"), true).ToString());
    }
}
