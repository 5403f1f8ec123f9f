using System.Collections.Frozen;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Rollups;

/// <summary>The rollups of one compiled model version, indexed by the entity whose writes feed them and by the entity that holds them.</summary>
public sealed class RollupModel
{
    private readonly FrozenDictionary<string, RollupGroup[]> _byChild;
    private readonly FrozenDictionary<string, RollupGroup[]> _byParent;
    private readonly FrozenSet<string> _reachesRollups;

    public RollupModel(CompiledModel model)
    {
        var groups = new List<RollupGroup>();
        // Stable order (parent, child, lookup): every writer locks parents in the same order.
        foreach (var parent in model.Entities.Values.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var rollups = parent.Fields.Where(f => f.Definition.Rollup is not null)
                .Select(f => (Field: f, Child: model.FindEntity(f.Definition.Rollup!.Entity)))
                .Where(r => r.Child?.FindField(r.Field.Definition.Rollup!.Via) is { Type: FieldType.Lookup })
                .GroupBy(r => (Child: r.Child!.Name, Via: r.Field.Definition.Rollup!.Via))
                .OrderBy(g => g.Key.Child, StringComparer.Ordinal).ThenBy(g => g.Key.Via, StringComparer.Ordinal);
            foreach (var group in rollups)
            {
                var child = model.FindEntity(group.Key.Child)!;
                groups.Add(new RollupGroup(model, parent, child, child.FindField(group.Key.Via)!,
                    group.Select(r => new CompiledRollup(r.Field, r.Field.Definition.Rollup!, child)).ToArray()));
            }
        }
        Groups = groups;
        _byChild = groups.GroupBy(g => g.Child.Name).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _byParent = groups.GroupBy(g => g.Parent.Name).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _reachesRollups = model.Entities.Values.Where(e => Reaches(model, e, [])).Select(e => e.Name).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Every rollup group, ordered by parent, child and lookup.</summary>
    public IReadOnlyList<RollupGroup> Groups { get; }

    public bool IsEmpty => Groups.Count == 0;

    /// <summary>The groups fed by writes to <paramref name="entity"/> (it is their child).</summary>
    public IReadOnlyList<RollupGroup> GroupsOfChild(string entity) => _byChild.GetValueOrDefault(entity) ?? [];

    /// <summary>The groups whose rollup fields live on <paramref name="entity"/>.</summary>
    public IReadOnlyList<RollupGroup> GroupsOfParent(string entity) => _byParent.GetValueOrDefault(entity) ?? [];

    /// <summary>Whether deleting or restoring a record of <paramref name="entity"/> can touch rollups, itself or through cascades.</summary>
    public bool ReachesRollups(string entity) => _reachesRollups.Contains(entity);

    private bool Reaches(CompiledModel model, CompiledEntity entity, HashSet<string> visiting)
    {
        if (_byChild.ContainsKey(entity.Name) || _byParent.ContainsKey(entity.Name)) return true;
        if (!visiting.Add(entity.Name)) return false;
        foreach (var reference in entity.ReferencedBy)
            if (reference.OnDelete == OnDeleteBehavior.Cascade && model.FindEntity(reference.Entity) is { } child && Reaches(model, child, visiting))
                return true;
        return false;
    }
}
