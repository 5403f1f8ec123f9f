using System.Collections.Frozen;
using NoCodeCrm.Engine.Compiled;

namespace NoCodeCrm.Engine.Rollups;

/// <summary>
/// The rollups one lookup feeds (<c>child.via → parent</c>): they are recomputed together, one grouped aggregate over the
/// children of a set of parents, in one UPDATE.
/// </summary>
public sealed class RollupGroup
{
    internal RollupGroup(CompiledModel model, CompiledEntity parent, CompiledEntity child, CompiledField via, IReadOnlyList<CompiledRollup> rollups)
    {
        Parent = parent;
        Child = child;
        Via = via;
        Rollups = rollups;
        Reads = rollups.SelectMany(r => r.Reads).ToFrozenSet(StringComparer.Ordinal);
        _byIds = new Lazy<RollupStatement>(() => RollupStatement.Build(model, this, Rollups, byIds: true));
        _windowedByIds = new Lazy<RollupStatement?>(() =>
            Rollups.Any(r => r.IsWindowed) ? RollupStatement.Build(model, this, [.. Rollups.Where(r => r.IsWindowed)], byIds: true) : null);
    }

    public CompiledEntity Parent { get; }
    public CompiledEntity Child { get; }
    /// <summary>The lookup field on the child that points at the parent.</summary>
    public CompiledField Via { get; }
    public IReadOnlyList<CompiledRollup> Rollups { get; }
    /// <summary>Every child field the group's rollups read, the lookup included.</summary>
    public FrozenSet<string> Reads { get; }

    private readonly Lazy<RollupStatement> _byIds;
    private readonly Lazy<RollupStatement?> _windowedByIds;

    /// <summary>Recomputes every rollup of the group for the parents in <c>@ids</c>.</summary>
    public RollupStatement UpdateByIds => _byIds.Value;

    /// <summary>Recomputes only the windowed rollups of the group for the parents in <c>@ids</c>; null when the group has none.</summary>
    public RollupStatement? WindowedUpdateByIds => _windowedByIds.Value;

    public override string ToString() => $"{Child.Name}.{Via.Name} → {Parent.Name} ({string.Join(", ", Rollups.Select(r => r.Field.Name))})";
}
