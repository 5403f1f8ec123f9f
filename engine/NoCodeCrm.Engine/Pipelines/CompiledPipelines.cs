using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using NoCodeCrm.Engine.Compiled;

namespace NoCodeCrm.Engine.Pipelines;

/// <summary>The pipelines of one model version, resolved once and shared read-only.</summary>
public sealed class CompiledPipelines
{
    private static readonly ConditionalWeakTable<CompiledModel, CompiledPipelines> Cache = new();
    private readonly FrozenDictionary<string, CompiledPipeline[]> _byEntity;

    private CompiledPipelines(CompiledModel model)
    {
        var all = new List<CompiledPipeline>();
        foreach (var definition in model.Model.Pipelines)
            if (model.FindEntity(definition.Entity) is { } entity && entity.FindField(definition.Field) is not null)
                all.Add(new CompiledPipeline(definition, entity));
        All = all;
        ByName = all.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);
        _byEntity = all.GroupBy(p => p.Entity.Name, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public static CompiledPipelines For(CompiledModel model) => Cache.GetValue(model, m => new CompiledPipelines(m));

    public IReadOnlyList<CompiledPipeline> All { get; }
    public FrozenDictionary<string, CompiledPipeline> ByName { get; }

    public IReadOnlyList<CompiledPipeline> ForEntity(string entity) => _byEntity.GetValueOrDefault(entity) ?? [];

    public CompiledPipeline Get(string name) =>
        ByName.GetValueOrDefault(name) ?? throw Errors.CrmException.NotFound($"There is no pipeline '{name}'.");
}
