namespace NoCodeCrm.Engine.Query;

/// <summary>The binary comparison operators of <c>$filter</c>: <c>eq ne gt ge lt le</c>.</summary>
public enum ComparisonOperator
{
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}
