using NoCodeCrm.Engine.Metadata.Automation;

namespace NoCodeCrm.Engine.Automation.Compiled;

/// <summary>An automation rule ready to run: its condition compiled and its actions flattened into steps.</summary>
public sealed class CompiledAutomation(AutomationDefinition definition, IAutomationCondition? condition, IReadOnlyList<AutomationStep> steps,
    object? changedFrom, object? changedTo)
{
    public AutomationDefinition Definition { get; } = definition;
    public string Name => Definition.Name;
    public TriggerDefinition Trigger => Definition.Trigger;
    public IAutomationCondition? Condition { get; } = condition;
    public IReadOnlyList<AutomationStep> Steps { get; } = steps;
    /// <summary>fieldChanged: the old value required, converted to the field's type (null when any value will do).</summary>
    public object? ChangedFrom { get; } = changedFrom;
    public object? ChangedTo { get; } = changedTo;

    /// <summary>Every lookup the condition and branch conditions read, loaded once per run.</summary>
    public IReadOnlyList<string> LookupPaths { get; } = (condition?.LookupPaths ?? [])
        .Concat(steps.SelectMany(s => s.Condition?.LookupPaths ?? [])).Distinct(StringComparer.Ordinal).ToArray();
}
