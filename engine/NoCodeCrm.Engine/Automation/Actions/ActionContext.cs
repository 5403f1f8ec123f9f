using System.Text.Json;
using NoCodeCrm.Engine.Automation.Compiled;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Records;

namespace NoCodeCrm.Engine.Automation.Actions;

/// <summary>Everything an action needs: the rule and step, the triggering record and event, and the idempotency key of this action.</summary>
public sealed record ActionContext(
    CompiledModel Model,
    CompiledAutomation Rule,
    AutomationStep Step,
    Guid RunId,
    int Depth,
    CompiledEntity? Entity,
    StoredRecord? Record,
    JsonElement Input,
    bool DryRun = false)
{
    /// <summary>Run id and step index: the same on every retry and replay of this action, so its effect is found and not repeated.</summary>
    public string ActionKey => $"{RunId:N}:{Step.Index}";

    /// <summary>Writes an action makes count one step deeper, so a rule that keeps triggering itself is stopped.</summary>
    public RecordWriteOptions WriteOptions => new() { Source = "automation", Depth = Depth + 1, Rule = Rule.Name, ActionKey = ActionKey };
}
