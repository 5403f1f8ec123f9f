namespace NoCodeCrm.Engine.Query;

/// <summary><c>contains(path, 'text')</c>, <c>startswith(path, 'text')</c> or <c>endswith(path, 'text')</c>; the value is always a string.</summary>
public sealed record TextMatchFilter(TextMatchKind Kind, FieldPath Path, FilterLiteral Value) : FilterExpression
{
    public TextMatchKind Kind { get; } = Kind;

    public FieldPath Path { get; } = Path ?? throw new ArgumentNullException(nameof(Path));

    public FilterLiteral Value { get; } = Validate(Value);

    public override string ToString() => $"{QuerySyntax.Keyword(Kind)}({Path}, {Value.Text})";

    private static FilterLiteral Validate(FilterLiteral value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Kind != FilterLiteralKind.String)
            throw new ArgumentException("Text functions take a string.", nameof(value));
        return value;
    }
}
