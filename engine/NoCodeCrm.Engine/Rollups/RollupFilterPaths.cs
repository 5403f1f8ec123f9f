using NoCodeCrm.Engine.Query;

namespace NoCodeCrm.Engine.Rollups;

/// <summary>The field paths a filter reads: what a rollup depends on besides its lookup, field and window.</summary>
internal static class RollupFilterPaths
{
    public static IEnumerable<FieldPath> Of(FilterExpression filter) => filter switch
    {
        LogicalFilter l => Of(l.Left).Concat(Of(l.Right)),
        NotFilter n => Of(n.Operand),
        ComparisonFilter c => [c.Path],
        TextMatchFilter t => [t.Path],
        InFilter i => [i.Path],
        HasFilter h => [h.Path],
        _ => throw new InvalidOperationException($"Unknown filter node {filter.GetType().Name}."),
    };
}
