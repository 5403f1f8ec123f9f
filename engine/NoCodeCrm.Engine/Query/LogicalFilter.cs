namespace NoCodeCrm.Engine.Query;

/// <summary><c>left and right</c> or <c>left or right</c>. Chains are left-associative: <c>a and b and c</c> is <c>(a and b) and c</c>.</summary>
public sealed record LogicalFilter(LogicalOperator Operator, FilterExpression Left, FilterExpression Right) : FilterExpression
{
    public LogicalOperator Operator { get; } = Operator;

    public FilterExpression Left { get; } = Left ?? throw new ArgumentNullException(nameof(Left));

    public FilterExpression Right { get; } = Right ?? throw new ArgumentNullException(nameof(Right));

    public override string ToString() =>
        $"{FormatOperand(Left, Operator, isRightOperand: false)} {QuerySyntax.Keyword(Operator)} {FormatOperand(Right, Operator, isRightOperand: true)}";
}
