using System.Runtime.CompilerServices;
using NoCodeCrm.Engine.Automation.Compiled;
using NoCodeCrm.Engine.Compiled;

namespace NoCodeCrm.Engine.Workflows;

/// <summary>Builds each model version's <see cref="WorkflowCatalog"/> once, on first use, and shares it read-only.</summary>
public sealed class WorkflowCatalogs(IAutomationConditionCompiler? conditions = null)
{
    private readonly ConditionalWeakTable<CompiledModel, WorkflowCatalog> _catalogs = [];

    public WorkflowCatalog For(CompiledModel model) => _catalogs.GetValue(model, m => new WorkflowCatalog(m, conditions));
}
