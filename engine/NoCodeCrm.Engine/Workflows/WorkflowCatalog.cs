using System.Collections.Frozen;
using NoCodeCrm.Engine.Automation.Compiled;
using NoCodeCrm.Engine.Compiled;

namespace NoCodeCrm.Engine.Workflows;

/// <summary>The workflows of one model version, compiled once, by name and by entity (in document order).</summary>
public sealed class WorkflowCatalog
{
    public WorkflowCatalog(CompiledModel model, IAutomationConditionCompiler? conditions)
    {
        var workflows = new List<CompiledWorkflow>();
        foreach (var definition in model.Model.Workflows)
            if (model.FindEntity(definition.Entity) is { } entity && definition.Steps.Length > 0)
                workflows.Add(new CompiledWorkflow(model, entity, definition, conditions));
        ByName = workflows.ToFrozenDictionary(w => w.Name, StringComparer.Ordinal);
        ByEntity = workflows.GroupBy(w => w.Entity.Name).ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<CompiledWorkflow>)g.ToArray(), StringComparer.Ordinal);
    }

    public FrozenDictionary<string, CompiledWorkflow> ByName { get; }
    public FrozenDictionary<string, IReadOnlyList<CompiledWorkflow>> ByEntity { get; }

    public bool Has(string entity) => ByEntity.ContainsKey(entity);

    public CompiledWorkflow? Find(string name) => ByName.GetValueOrDefault(name);
}
