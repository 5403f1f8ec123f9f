using System.Runtime.CompilerServices;
using NoCodeCrm.Engine.Compiled;

namespace NoCodeCrm.Engine.Automation.Compiled;

/// <summary>Builds each model version's <see cref="AutomationCatalog"/> once, on first use, and shares it read-only.</summary>
public sealed class AutomationCatalogs(IAutomationConditionCompiler? conditions = null)
{
    private readonly ConditionalWeakTable<CompiledModel, AutomationCatalog> _catalogs = [];

    public AutomationCatalog For(CompiledModel model) => _catalogs.GetValue(model, m => new AutomationCatalog(m, conditions));
}
