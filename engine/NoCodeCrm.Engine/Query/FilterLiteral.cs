namespace NoCodeCrm.Engine.Query;

/// <summary>
/// A literal value in <c>$filter</c>, with the text it was written as and its typed value.
/// </summary>
/// <remarks>
/// <para><see cref="Text"/> is always valid <c>$filter</c> syntax for the literal (strings keep their quotes), so a
/// number keeps every digit the caller wrote even where <see cref="NumberValue"/> had to round.</para>
/// <para>Equality compares <see cref="Kind"/> and the typed <see cref="Value"/> only: <c>1.0</c> equals <c>1.00</c>,
/// <c>10:30:00+03:00</c> equals <c>07:30:00Z</c>, and <see cref="Position"/> is ignored, so parsed trees compare with
/// trees built by hand.</para>
/// </remarks>
/// <param name="Kind">What the literal was written as.</param>
/// <param name="Text">The literal as written, e.g. <c>'it''s'</c>, <c>-12.50</c>, <c>2024-05-01T10:30:00+03:00</c>.</param>
/// <param name="Position">Zero-based character offset of the literal in the input, for error messages.</param>
/// <exception cref="ArgumentException">The text is not a valid literal of that kind.</exception>
public sealed record FilterLiteral(FilterLiteralKind Kind, string Text, int Position)
{
    public FilterLiteralKind Kind { get; } = Kind;

    public string Text { get; } = Text ?? throw new ArgumentNullException(nameof(Text));

    public int Position { get; } = Position;

    /// <summary>
    /// The typed value: <see cref="string"/>, <see cref="decimal"/>, <see cref="bool"/>, <see cref="DateOnly"/>,
    /// <see cref="DateTimeOffset"/> (in UTC), <see cref="Guid"/>, or null for <c>null</c>.
    /// </summary>
    public object? Value { get; } = ValueOf(Kind, Text);

    public string? StringValue => Value as string;

    public decimal? NumberValue => Value as decimal?;

    public bool? BooleanValue => Value as bool?;

    public DateOnly? DateValue => Value as DateOnly?;

    /// <summary>The date-time normalised to UTC (offset zero).</summary>
    public DateTimeOffset? DateTimeValue => Value as DateTimeOffset?;

    public Guid? GuidValue => Value as Guid?;

    public bool IsNull => Kind == FilterLiteralKind.Null;

    public static FilterLiteral FromString(string value, int position = 0) =>
        new(FilterLiteralKind.String, FilterLiteralText.Quote(value), position);

    public static FilterLiteral FromNumber(decimal value, int position = 0) =>
        new(FilterLiteralKind.Number, FilterLiteralText.FormatNumber(value), position);

    public static FilterLiteral FromBoolean(bool value, int position = 0) =>
        new(FilterLiteralKind.Boolean, value ? "true" : "false", position);

    public static FilterLiteral Null(int position = 0) => new(FilterLiteralKind.Null, "null", position);

    public static FilterLiteral FromDate(DateOnly value, int position = 0) =>
        new(FilterLiteralKind.Date, FilterLiteralText.FormatDate(value), position);

    public static FilterLiteral FromDateTime(DateTimeOffset value, int position = 0) =>
        new(FilterLiteralKind.DateTime, FilterLiteralText.FormatDateTime(value), position);

    public static FilterLiteral FromGuid(Guid value, int position = 0) =>
        new(FilterLiteralKind.Guid, FilterLiteralText.FormatGuid(value), position);

    private static object? ValueOf(FilterLiteralKind kind, string text) => kind switch
    {
        FilterLiteralKind.String when FilterLiteralText.TryUnquote(text, out var s) => s,
        FilterLiteralKind.Number when FilterLiteralText.TryParseNumber(text, out var n) => n,
        FilterLiteralKind.Boolean when text is "true" => true,
        FilterLiteralKind.Boolean when text is "false" => false,
        FilterLiteralKind.Null when text is "null" => null,
        FilterLiteralKind.Date when FilterLiteralText.TryParseDate(text, out var d) => d,
        FilterLiteralKind.DateTime when FilterLiteralText.TryParseDateTime(text, out var dt) => dt,
        FilterLiteralKind.Guid when FilterLiteralText.TryParseGuid(text, out var g) => g,
        _ => throw new ArgumentException($"'{text}' is not a valid {kind} literal.", nameof(text)),
    };

    public bool Equals(FilterLiteral? other) =>
        other is not null && Kind == other.Kind && Equals(Value, other.Value);

    public override int GetHashCode() => HashCode.Combine(Kind, Value);

    public override string ToString() => Text;
}
