using System.Collections.Frozen;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata.Rollups;
using NoCodeCrm.Engine.Query;

namespace NoCodeCrm.Engine.Rollups;

/// <summary>One rollup field bound to the compiled model: its parent field, the child fields it reads and its parsed filter.</summary>
public sealed class CompiledRollup
{
    internal CompiledRollup(CompiledField field, RollupDefinition definition, CompiledEntity child)
    {
        Field = field;
        Definition = definition;
        Source = definition.Field is { } source ? child.FindField(source) : null;
        WindowField = definition.Window is { } window ? child.FindField(window.Field) : null;
        Filter = definition.Filter is { } filter ? FilterParser.Parse(filter) : null;
        var reads = new List<string> { definition.Via };
        if (Source is not null) reads.Add(Source.Name);
        if (WindowField is not null) reads.Add(WindowField.Name);
        if (Filter is not null) reads.AddRange(RollupFilterPaths.Of(Filter).Select(p => p.Last));
        Reads = reads.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The rollup field on the parent entity.</summary>
    public CompiledField Field { get; }
    public RollupDefinition Definition { get; }
    public RollupAggregate Aggregate => Definition.Aggregate;
    /// <summary>The child field aggregated (null for count).</summary>
    public CompiledField? Source { get; }
    public CompiledField? WindowField { get; }
    public FilterExpression? Filter { get; }
    /// <summary>Child fields whose change can change the result: the lookup, the aggregated field, the window field and the filter's fields.</summary>
    public FrozenSet<string> Reads { get; }
    /// <summary>Drifts with time, so the nightly refresh recomputes it.</summary>
    public bool IsWindowed => Definition.Window is not null;
}
