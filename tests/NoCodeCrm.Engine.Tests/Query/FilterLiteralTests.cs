using NoCodeCrm.Engine.Query;

namespace NoCodeCrm.Engine.Tests.Query;

public class FilterLiteralTests
{
    private static FilterLiteral ValueOf(string literal) =>
        Assert.IsType<ComparisonFilter>(FilterParser.Parse("x eq " + literal)).Value;

    [Fact]
    public void A_string_literal_is_unquoted()
    {
        var value = ValueOf("'hello world'");

        Assert.Equal(FilterLiteralKind.String, value.Kind);
        Assert.Equal("hello world", value.StringValue);
        Assert.Equal("'hello world'", value.Text);
    }

    [Fact]
    public void Two_single_quotes_are_one_quote_inside_a_string()
    {
        Assert.Equal("O'Brien", ValueOf("'O''Brien'").StringValue);
    }

    [Fact]
    public void A_string_of_only_an_escaped_quote_is_one_quote()
    {
        Assert.Equal("'", ValueOf("''''").StringValue);
    }

    [Fact]
    public void An_empty_string_is_allowed()
    {
        Assert.Equal(string.Empty, ValueOf("''").StringValue);
    }

    [Theory]
    [InlineData("ışık")]
    [InlineData("İSTANBUL")]
    [InlineData("Çağrı Öztürk")]
    [InlineData("日本語")]
    [InlineData("emoji 😀")]
    public void Unicode_strings_are_kept_exactly(string text)
    {
        var value = ValueOf("'" + text + "'");

        Assert.Equal(text, value.StringValue);
        Assert.Equal(FilterLiteralKind.String, value.Kind);
    }

    [Fact]
    public void Keywords_and_symbols_inside_a_string_are_just_text()
    {
        Assert.Equal("a eq 1 and (b) or not c, /--;\"", ValueOf("'a eq 1 and (b) or not c, /--;\"'").StringValue);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("42", 42)]
    [InlineData("-7", -7)]
    [InlineData("3.25", 3.25)]
    [InlineData("-0.5", -0.5)]
    [InlineData("007", 7)]
    public void Integers_and_decimals_parse_as_numbers(string text, double expected)
    {
        var value = ValueOf(text);

        Assert.Equal(FilterLiteralKind.Number, value.Kind);
        Assert.Equal((decimal)expected, value.NumberValue);
        Assert.Equal(text, value.Text);
    }

    [Fact]
    public void A_number_keeps_its_text_and_scale()
    {
        var value = ValueOf("1000.50");

        Assert.Equal("1000.50", value.Text);
        Assert.Equal("1000.50", value.NumberValue!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_large_integer_loses_no_precision()
    {
        Assert.Equal(79228162514264337593543950335m, ValueOf("79228162514264337593543950335").NumberValue);
        Assert.Equal(-79228162514264337593543950335m, ValueOf("-79228162514264337593543950335").NumberValue);
    }

    [Fact]
    public void A_decimal_with_28_places_loses_no_precision()
    {
        Assert.Equal(0.1234567890123456789012345678m, ValueOf("0.1234567890123456789012345678").NumberValue);
    }

    [Theory]
    [InlineData("1e3", 1000)]
    [InlineData("1.5E2", 150)]
    [InlineData("25e-2", 0.25)]
    [InlineData("-2e+1", -20)]
    public void Exponents_within_decimal_range_are_accepted(string text, double expected)
    {
        Assert.Equal((decimal)expected, ValueOf(text).NumberValue);
    }

    [Theory]
    [InlineData("79228162514264337593543950336")]
    [InlineData("1e29")]
    [InlineData("-1e100")]
    [InlineData("1e-40")]
    [InlineData("1e99999999999")]
    public void Numbers_outside_decimal_range_are_rejected_clearly(string text)
    {
        var error = Assert.Throws<QuerySyntaxException>(() => FilterParser.Parse("x eq " + text));

        Assert.Equal(5, error.Position);
        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_with_any_exponent_is_zero()
    {
        Assert.Equal(0m, ValueOf("0e-40").NumberValue);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Booleans_parse(string text, bool expected)
    {
        var value = ValueOf(text);

        Assert.Equal(FilterLiteralKind.Boolean, value.Kind);
        Assert.Equal(expected, value.BooleanValue);
    }

    [Fact]
    public void Null_parses_as_the_null_literal()
    {
        var value = ValueOf("null");

        Assert.Equal(FilterLiteralKind.Null, value.Kind);
        Assert.True(value.IsNull);
        Assert.Null(value.Value);
    }

    [Fact]
    public void A_date_parses_as_a_date_only()
    {
        var value = ValueOf("2024-05-01");

        Assert.Equal(FilterLiteralKind.Date, value.Kind);
        Assert.Equal(new DateOnly(2024, 5, 1), value.DateValue);
    }

    [Fact]
    public void A_leap_day_is_a_valid_date()
    {
        Assert.Equal(new DateOnly(2024, 2, 29), ValueOf("2024-02-29").DateValue);
    }

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("2024-00-10")]
    public void An_impossible_date_is_rejected(string text)
    {
        var error = Assert.Throws<QuerySyntaxException>(() => FilterParser.Parse("d eq " + text));

        Assert.Equal(5, error.Position);
        Assert.Contains("Invalid date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_utc_date_time_parses()
    {
        var value = ValueOf("2024-05-01T10:30:00Z");

        Assert.Equal(FilterLiteralKind.DateTime, value.Kind);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 30, 0, TimeSpan.Zero), value.DateTimeValue);
        Assert.Equal(TimeSpan.Zero, value.DateTimeValue!.Value.Offset);
    }

    [Fact]
    public void A_date_time_with_an_offset_is_normalised_to_utc()
    {
        var value = ValueOf("2024-05-01T10:30:00+03:00");

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 7, 30, 0, TimeSpan.Zero), value.DateTimeValue);
        Assert.Equal(TimeSpan.Zero, value.DateTimeValue!.Value.Offset);
        Assert.Equal("2024-05-01T10:30:00+03:00", value.Text);
    }

    [Fact]
    public void A_negative_offset_moves_the_time_forward_in_utc()
    {
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 1, 0, 0, TimeSpan.Zero), ValueOf("2024-05-01T20:00:00-05:00").DateTimeValue);
    }

    [Fact]
    public void Fractional_seconds_are_kept_to_the_tick()
    {
        var value = ValueOf("2024-05-01T10:30:00.1234567Z");

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 30, 0, TimeSpan.Zero).AddTicks(1_234_567), value.DateTimeValue);
    }

    [Fact]
    public void Short_fractions_are_scaled_not_read_as_ticks()
    {
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 30, 0, 500, TimeSpan.Zero), ValueOf("2024-05-01T10:30:00.5Z").DateTimeValue);
    }

    [Fact]
    public void Seconds_are_optional_in_a_date_time()
    {
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 30, 0, TimeSpan.Zero), ValueOf("2024-05-01T10:30Z").DateTimeValue);
    }

    [Theory]
    [InlineData("2024-05-01T10:30:00")]
    [InlineData("2024-05-01T10:30")]
    [InlineData("2024-05-01T10:30:00.123")]
    public void A_date_time_without_a_zone_is_rejected(string text)
    {
        var error = Assert.Throws<QuerySyntaxException>(() => FilterParser.Parse("d eq " + text));

        Assert.Equal(5, error.Position);
        Assert.Contains("no time zone", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-05-01T25:00:00Z")]
    [InlineData("2024-05-01T10:60:00Z")]
    [InlineData("2024-05-01T10:30:60Z")]
    [InlineData("2024-05-01T10:30:00.12345678Z")]
    [InlineData("2024-05-01T10:30:00+15:00")]
    [InlineData("2024-05-01T10:30:00+0300")]
    [InlineData("2024-05-01T10Z")]
    [InlineData("2024-02-30T10:30:00Z")]
    [InlineData("2024-05-01T10:30:00.Z")]
    public void A_malformed_date_time_is_rejected(string text)
    {
        var error = Assert.Throws<QuerySyntaxException>(() => FilterParser.Parse("d eq " + text));

        Assert.Equal(5, error.Position);
        Assert.Contains("Invalid date-time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lower_case_guid_parses()
    {
        var value = ValueOf("0b6e3b4a-9f1c-4d2e-8a7b-123456789abc");

        Assert.Equal(FilterLiteralKind.Guid, value.Kind);
        Assert.Equal(Guid.Parse("0b6e3b4a-9f1c-4d2e-8a7b-123456789abc"), value.GuidValue);
    }

    [Fact]
    public void A_guid_starting_with_a_letter_is_not_read_as_a_name()
    {
        Assert.Equal(Guid.Parse("abcdef01-2345-6789-abcd-ef0123456789"), ValueOf("abcdef01-2345-6789-abcd-ef0123456789").GuidValue);
    }

    [Fact]
    public void An_upper_case_guid_parses_to_the_same_value()
    {
        Assert.Equal(ValueOf("abcdef01-2345-6789-abcd-ef0123456789"), ValueOf("ABCDEF01-2345-6789-ABCD-EF0123456789"));
    }

    [Theory]
    [InlineData("0b6e3b4a-9f1c-4d2e-8a7b-123456789abcd")]
    [InlineData("0b6e3b4a-9f1c-4d2e-8a7b-123456789abg")]
    [InlineData("12345678-1234-1234-1234-12345678901")]
    public void A_malformed_guid_is_rejected(string text)
    {
        var error = Assert.Throws<QuerySyntaxException>(() => FilterParser.Parse("id eq " + text));

        Assert.Equal(6, error.Position);
    }

    [Theory]
    [InlineData("1.")]
    [InlineData("1.2.3")]
    [InlineData("12abc")]
    [InlineData("1e")]
    [InlineData("5_000")]
    [InlineData("2024-05-01x")]
    [InlineData("2024-5-1")]
    public void A_malformed_literal_is_rejected_as_one_word(string text)
    {
        var error = Assert.Throws<QuerySyntaxException>(() => FilterParser.Parse("x eq " + text));

        Assert.Equal(5, error.Position);
        Assert.StartsWith($"Malformed literal '{text}' at position 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_minus_sign_must_touch_its_digits()
    {
        var error = Assert.Throws<QuerySyntaxException>(() => FilterParser.Parse("x eq - 5"));

        Assert.Equal(5, error.Position);
    }

    [Fact]
    public void Equal_values_written_differently_are_equal_literals()
    {
        Assert.Equal(ValueOf("1.0"), ValueOf("1.00"));
        Assert.Equal(ValueOf("1.0").GetHashCode(), ValueOf("1.00").GetHashCode());
        Assert.Equal(ValueOf("2024-05-01T10:30:00+03:00"), ValueOf("2024-05-01T07:30:00Z"));
    }

    [Fact]
    public void Literals_of_different_kinds_are_not_equal()
    {
        Assert.NotEqual(ValueOf("'1'"), ValueOf("1"));
        Assert.NotEqual(ValueOf("'true'"), ValueOf("true"));
    }

    [Fact]
    public void Literal_equality_ignores_position()
    {
        Assert.Equal(new FilterLiteral(FilterLiteralKind.Number, "5", 3), new FilterLiteral(FilterLiteralKind.Number, "5", 30));
    }

    [Fact]
    public void Factory_methods_write_valid_filter_text()
    {
        Assert.Equal("'it''s'", FilterLiteral.FromString("it's").Text);
        Assert.Equal("-12.50", FilterLiteral.FromNumber(-12.50m).Text);
        Assert.Equal("true", FilterLiteral.FromBoolean(true).Text);
        Assert.Equal("null", FilterLiteral.Null().Text);
        Assert.Equal("2024-05-01", FilterLiteral.FromDate(new DateOnly(2024, 5, 1)).Text);
        Assert.Equal("2024-05-01T07:30:00Z", FilterLiteral.FromDateTime(new DateTimeOffset(2024, 5, 1, 10, 30, 0, TimeSpan.FromHours(3))).Text);
        Assert.Equal("2024-05-01T07:30:00.25Z", FilterLiteral.FromDateTime(new DateTimeOffset(2024, 5, 1, 7, 30, 0, 250, TimeSpan.Zero)).Text);
        Assert.Equal("0b6e3b4a-9f1c-4d2e-8a7b-123456789abc", FilterLiteral.FromGuid(Guid.Parse("0B6E3B4A-9F1C-4D2E-8A7B-123456789ABC")).Text);
    }

    [Theory]
    [InlineData(FilterLiteralKind.String, "abc")]
    [InlineData(FilterLiteralKind.String, "'a'b'")]
    [InlineData(FilterLiteralKind.Number, "1,5")]
    [InlineData(FilterLiteralKind.Number, "+5")]
    [InlineData(FilterLiteralKind.Number, " 5")]
    [InlineData(FilterLiteralKind.Boolean, "True")]
    [InlineData(FilterLiteralKind.Null, "NULL")]
    [InlineData(FilterLiteralKind.Date, "01.05.2024")]
    [InlineData(FilterLiteralKind.DateTime, "2024-05-01T10:30:00")]
    [InlineData(FilterLiteralKind.Guid, "{0b6e3b4a-9f1c-4d2e-8a7b-123456789abc}")]
    public void Constructing_a_literal_from_invalid_text_throws(FilterLiteralKind kind, string text)
    {
        Assert.Throws<ArgumentException>(() => new FilterLiteral(kind, text, 0));
    }

    [Fact]
    public void A_string_with_a_nul_character_is_rejected()
    {
        var error = Assert.Throws<QuerySyntaxException>(() => FilterParser.Parse("x eq 'a\0b'"));

        Assert.Equal(5, error.Position);
        Assert.Contains("NUL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_with_half_a_surrogate_pair_is_rejected()
    {
        var error = Assert.Throws<QuerySyntaxException>(() => FilterParser.Parse("x eq 'a\ud800b'"));

        Assert.Equal(5, error.Position);
        Assert.Contains("surrogate", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FilterLiteral.FromString("\udc00"));
    }
}
