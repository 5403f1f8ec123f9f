using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Publishing;

/// <summary>Nothing is lost on publish: entities, relations and fields left out of a new document stay, marked retired, until purged.</summary>
public static class RetiredCarryOver
{
    public static CrmModel Apply(CrmModel current, CrmModel next)
    {
        var entities = next.Entities.Select(e => current.FindEntity(e.Name) is { } old ? e with { Fields = Merge(old.Fields, e.Fields) } : e).ToList();
        entities.AddRange(current.Entities.Where(old => next.FindEntity(old.Name) is null).Select(old => old with { Retired = true }));
        var relations = next.Relations.Select(r => current.FindRelation(r.Name) is { } old ? r with { Fields = Merge(old.Fields, r.Fields) } : r).ToList();
        relations.AddRange(current.Relations.Where(old => next.FindRelation(old.Name) is null).Select(old => old with { Retired = true }));
        return next with { Entities = [.. entities], Relations = [.. relations] };
    }

    private static System.Collections.Immutable.ImmutableArray<FieldDefinition> Merge(
        System.Collections.Immutable.ImmutableArray<FieldDefinition> old, System.Collections.Immutable.ImmutableArray<FieldDefinition> next) =>
        [.. next, .. old.Where(o => !next.Any(n => n.Name == o.Name)).Select(o => o with { Retired = true })];
}
