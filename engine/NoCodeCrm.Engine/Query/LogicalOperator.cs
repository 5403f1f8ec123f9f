namespace NoCodeCrm.Engine.Query;

/// <summary>The binary logical operators of <c>$filter</c>; <c>and</c> binds tighter than <c>or</c>.</summary>
public enum LogicalOperator
{
    And,
    Or,
}
