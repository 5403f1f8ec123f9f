namespace NoCodeCrm.Engine.Query;

/// <summary>
/// A node of a parsed <c>$filter</c>: <see cref="ComparisonFilter"/>, <see cref="LogicalFilter"/>, <see cref="NotFilter"/>,
/// <see cref="TextMatchFilter"/>, <see cref="InFilter"/> or <see cref="HasFilter"/>. Only this assembly can add kinds.
/// </summary>
/// <remarks>
/// Nodes are immutable and compare structurally. <see cref="object.ToString"/> writes the node back as canonical
/// <c>$filter</c> text that parses to an equal tree.
/// </remarks>
public abstract record FilterExpression
{
    private protected FilterExpression()
    {
    }

    public abstract override string ToString();

    /// <summary>Writes <paramref name="operand"/>, in parentheses when it is an and/or that would otherwise regroup.</summary>
    private protected static string FormatOperand(FilterExpression operand, LogicalOperator? parent, bool isRightOperand)
    {
        if (operand is not LogicalFilter logical)
            return operand.ToString();
        var needsParentheses = parent switch
        {
            null => true,
            // and binds tighter than or; both are left-associative, so a right operand of the same operator needs them too.
            LogicalOperator.And => logical.Operator == LogicalOperator.Or || isRightOperand,
            _ => logical.Operator == LogicalOperator.Or && isRightOperand,
        };
        return needsParentheses ? "(" + logical + ")" : logical.ToString();
    }
}
