using System.Collections.Immutable;
using NoCodeCrm.Engine.Query;

namespace NoCodeCrm.Engine.Tests.Query;

/// <summary>Short ways to write expected filter trees in tests. Positions are 0: equality ignores them.</summary>
internal static class FilterBuilder
{
    public static FieldPath Path(string path) => FieldPath.Of(path);

    public static FilterLiteral Str(string value) => FilterLiteral.FromString(value);

    public static FilterLiteral Num(decimal value) => FilterLiteral.FromNumber(value);

    public static ComparisonFilter Compare(string path, ComparisonOperator op, FilterLiteral value) => new(Path(path), op, value);

    public static ComparisonFilter Eq(string path, FilterLiteral value) => Compare(path, ComparisonOperator.Eq, value);

    public static ComparisonFilter Eq(string path, string value) => Eq(path, Str(value));

    public static ComparisonFilter Eq(string path, decimal value) => Eq(path, Num(value));

    public static LogicalFilter And(FilterExpression left, FilterExpression right) => new(LogicalOperator.And, left, right);

    public static LogicalFilter Or(FilterExpression left, FilterExpression right) => new(LogicalOperator.Or, left, right);

    public static NotFilter Not(FilterExpression operand) => new(operand);

    public static InFilter In(string path, params FilterLiteral[] values) => new(Path(path), [.. values]);

    public static ImmutableArray<FilterLiteral> Literals(params FilterLiteral[] values) => [.. values];
}
