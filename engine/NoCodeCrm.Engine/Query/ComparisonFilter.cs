namespace NoCodeCrm.Engine.Query;

/// <summary><c>path eq|ne|gt|ge|lt|le literal</c>. <c>null</c> can only be compared with <c>eq</c> or <c>ne</c>.</summary>
public sealed record ComparisonFilter(FieldPath Path, ComparisonOperator Operator, FilterLiteral Value) : FilterExpression
{
    public FieldPath Path { get; } = Path ?? throw new ArgumentNullException(nameof(Path));

    public ComparisonOperator Operator { get; } = Operator;

    public FilterLiteral Value { get; } = Validate(Operator, Value);

    public override string ToString() => $"{Path} {QuerySyntax.Keyword(Operator)} {Value.Text}";

    private static FilterLiteral Validate(ComparisonOperator @operator, FilterLiteral value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.IsNull && @operator is not (ComparisonOperator.Eq or ComparisonOperator.Ne))
            throw new ArgumentException("null can only be compared with eq or ne.", nameof(value));
        return value;
    }
}
