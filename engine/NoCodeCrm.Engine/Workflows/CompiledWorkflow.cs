using System.Collections.Frozen;
using NoCodeCrm.Engine.Automation.Compiled;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata.Workflows;

namespace NoCodeCrm.Engine.Workflows;

/// <summary>A workflow ready to guard writes: conditions compiled, steps indexed, its SLA calendar built.</summary>
public sealed class CompiledWorkflow
{
    public CompiledWorkflow(CompiledModel model, CompiledEntity entity, WorkflowDefinition definition, IAutomationConditionCompiler? conditions)
    {
        Definition = definition;
        Entity = entity;
        IAutomationCondition? Compile(Metadata.Conditions.ConditionDefinition? c, string path) =>
            c is null || conditions is null ? null : conditions.Compile(model, entity, c, $"workflow {definition.Name} {path}");
        When = Compile(definition.When, "when");
        Steps = definition.Steps.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);
        Transitions = definition.Steps.ToFrozenDictionary(s => s.Name,
            s => (IReadOnlyList<CompiledTransition>)s.Transitions.Select((t, i) => new CompiledTransition(t.To, Compile(t.When, $"{s.Name} transition {i}"))).ToArray(),
            StringComparer.Ordinal);
        var calendar = definition.Sla?.Calendar is { } name ? model.Model.Calendars.FirstOrDefault(c => c.Name == name) : null;
        Calendar = calendar is null ? BusinessCalendar.AlwaysOpen : new BusinessCalendar(calendar);
        HasStepDueTimes = definition.Steps.Any(s => s.Due is not null);
    }

    public WorkflowDefinition Definition { get; }
    public string Name => Definition.Name;
    public CompiledEntity Entity { get; }
    public string Field => Definition.Field;
    public IAutomationCondition? When { get; }
    public FrozenDictionary<string, WorkflowStepDefinition> Steps { get; }
    public FrozenDictionary<string, IReadOnlyList<CompiledTransition>> Transitions { get; }
    public BusinessCalendar Calendar { get; }
    public WorkflowStepDefinition FirstStep => Definition.Steps[0];
    /// <summary>Whether any step has its own due time (and so an overdue timer to keep).</summary>
    public bool HasStepDueTimes { get; }

    public WorkflowStepDefinition? Step(string? name) => name is null ? null : Steps.GetValueOrDefault(name);
}
