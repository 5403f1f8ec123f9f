namespace NoCodeCrm.Engine.Query;

/// <summary><c>not operand</c>; <c>not</c> binds tighter than <c>and</c> and <c>or</c>.</summary>
public sealed record NotFilter(FilterExpression Operand) : FilterExpression
{
    public FilterExpression Operand { get; } = Operand ?? throw new ArgumentNullException(nameof(Operand));

    public override string ToString() => "not " + FormatOperand(Operand, parent: null, isRightOperand: false);
}
