using System.Collections.Frozen;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata.Automation;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Automation.Compiled;

/// <summary>The automation rules of one model version, compiled once and indexed by what triggers them.</summary>
public sealed class AutomationCatalog
{
    private static readonly IReadOnlyList<CompiledAutomation> None = [];
    private readonly FrozenDictionary<(string Entity, TriggerType Type), CompiledAutomation[]> _byEntity;
    private readonly FrozenDictionary<(string Entity, string EventType), CompiledAutomation[]> _byEvent;
    private readonly Pipelines.CompiledPipelines _pipelines;

    public AutomationCatalog(CompiledModel model, IAutomationConditionCompiler? conditions)
    {
        var rules = new List<CompiledAutomation>();
        // Workflow notifications are implicit event rules, so they run (and are logged, retried, consent-checked) like any other.
        foreach (var rule in model.Model.Automations.Concat(Workflows.WorkflowNotifications.Rules(model.Model)))
            if (!rule.Disabled && Compile(model, rule, conditions) is { } compiled) rules.Add(compiled);
        Rules = rules.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
        _byEntity = rules.Where(r => r.Trigger.Entity is not null && r.Trigger.Type != TriggerType.Event)
            .GroupBy(r => (r.Trigger.Entity!, r.Trigger.Type)).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        _byEvent = rules.Where(r => r.Trigger is { Type: TriggerType.Event, Entity: not null, EventType: not null })
            .GroupBy(r => (r.Trigger.Entity!, r.Trigger.EventType!)).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        _pipelines = Pipelines.CompiledPipelines.For(model);
        ListeningEntities = _byEntity.Keys.Where(k => k.Type is TriggerType.RecordCreated or TriggerType.RecordUpdated or TriggerType.RecordDeleted
                or TriggerType.FieldChanged or TriggerType.StageEntered or TriggerType.StageLeft)
            .Select(k => k.Entity).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>One rule compiled against a model version, as the catalog does; null when its trigger's entity is not in the model.</summary>
    public static CompiledAutomation? Compile(CompiledModel model, AutomationDefinition rule, IAutomationConditionCompiler? conditions)
    {
        var entity = rule.Trigger.Entity is { } name ? model.FindEntity(name) : null;
        if (rule.Trigger.Entity is not null && entity is null) return null;
        IAutomationCondition? Condition(Metadata.Conditions.ConditionDefinition? c) =>
            c is null || entity is null || conditions is null ? null : conditions.Compile(model, entity, c, rule.Name);
        var steps = new List<AutomationStep>();
        Flatten(rule.Actions, "$.actions", steps, Condition);
        object? from = null, to = null;
        if (rule.Trigger.Type == TriggerType.FieldChanged && entity?.FindField(rule.Trigger.Field ?? "") is { } field)
        {
            if (rule.Trigger.From is { } f) from = field.Handler.Read(f, field.Definition).Value;
            if (rule.Trigger.To is { } t) to = field.Handler.Read(t, field.Definition).Value;
        }
        return new CompiledAutomation(rule, Condition(rule.Condition), steps, from, to);
    }

    public FrozenDictionary<string, CompiledAutomation> Rules { get; }

    /// <summary>Entities with a record trigger; writes to other entities skip the outbox entirely.</summary>
    public FrozenSet<string> ListeningEntities { get; }

    public CompiledAutomation? Find(string name) => Rules.GetValueOrDefault(name);

    public IReadOnlyList<CompiledAutomation> ForEvent(string entity, string eventType) =>
        _byEntity.Count + _byEvent.Count == 0 ? None : _byEvent.GetValueOrDefault((entity, eventType)) ?? None;

    /// <summary>The rules a record write triggers, by trigger only (conditions are evaluated later, by the worker).</summary>
    public List<CompiledAutomation> ForWrite(string entity, RecordOperation operation, StoredRecord? previous, StoredRecord? current)
    {
        var matched = new List<CompiledAutomation>();
        if (!ListeningEntities.Contains(entity)) return matched;
        switch (operation)
        {
            case RecordOperation.Create:
                matched.AddRange(Of(entity, TriggerType.RecordCreated));
                AddStageRules(entity, null, current, matched);
                break;
            case RecordOperation.Delete:
                matched.AddRange(Of(entity, TriggerType.RecordDeleted));
                break;
            case RecordOperation.Update:
                matched.AddRange(Of(entity, TriggerType.RecordUpdated));
                foreach (var rule in Of(entity, TriggerType.FieldChanged))
                {
                    var field = rule.Trigger.Field!;
                    var before = previous?[field];
                    var after = current?[field];
                    if (FieldValueComparer.Equals(before, after)) continue;
                    if (rule.Trigger.From is not null && !FieldValueComparer.Equals(before, rule.ChangedFrom)) continue;
                    if (rule.Trigger.To is not null && !FieldValueComparer.Equals(after, rule.ChangedTo)) continue;
                    matched.Add(rule);
                }
                AddStageRules(entity, previous, current, matched);
                break;
        }
        return matched;
    }

    /// <summary>Stage rules fire on the stage a record is in before and after the write, within the rule's pipeline.</summary>
    private void AddStageRules(string entity, StoredRecord? previous, StoredRecord? current, List<CompiledAutomation> matched)
    {
        var entered = Of(entity, TriggerType.StageEntered);
        var left = Of(entity, TriggerType.StageLeft);
        // A restore brings a record back to where it was; like the stage history, it is not a move.
        if (entered.Length + left.Length == 0 || previous?.DeletedAt is not null) return;
        foreach (var rule in entered.Concat(left))
        {
            if (!_pipelines.ByName.TryGetValue(rule.Trigger.Pipeline!, out var pipeline)) continue;
            string? StageOf(StoredRecord? record) =>
                record is not null && record.DeletedAt is null && pipeline.Covers(record) ? record[pipeline.StageField.Name] as string : null;
            var before = StageOf(previous);
            var after = StageOf(current);
            if (before == after) continue;
            if (rule.Trigger.Type == TriggerType.StageEntered ? after == rule.Trigger.Stage : before == rule.Trigger.Stage) matched.Add(rule);
        }
    }

    private CompiledAutomation[] Of(string entity, TriggerType type) => _byEntity.GetValueOrDefault((entity, type)) ?? [];

    private static void Flatten(IReadOnlyList<ActionDefinition> actions, string path, List<AutomationStep> steps,
        Func<Metadata.Conditions.ConditionDefinition?, IAutomationCondition?> compile)
    {
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var here = $"{path}[{i}]";
            if (action.Type != ActionType.Branch)
            {
                steps.Add(new AutomationStep(steps.Count, StepKind.Action, action, here, null, -1));
                continue;
            }
            var branchIndex = steps.Count;
            steps.Add(null!);
            Flatten(action.Then, here + ".then", steps, compile);
            var jumpIndex = -1;
            if (action.Else.Length > 0)
            {
                jumpIndex = steps.Count;
                steps.Add(null!);
            }
            var elseStart = steps.Count;
            Flatten(action.Else, here + ".else", steps, compile);
            steps[branchIndex] = new AutomationStep(branchIndex, StepKind.Branch, action, here, compile(action.Condition), elseStart);
            if (jumpIndex >= 0) steps[jumpIndex] = new AutomationStep(jumpIndex, StepKind.Jump, action, here + ".then", null, steps.Count);
        }
    }
}
