using System.Text.Json.Nodes;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Records;

namespace NoCodeCrm.Engine.Automation.Actions;

/// <summary>Stores an automation action's effect in the same transaction as the record write it made, so effect and ledger commit together.</summary>
public sealed class AutomationEffectHook(ModelRegistry registry) : IRecordWriteHook
{
    public bool AppliesTo(CompiledEntity entity, RecordWriteOptions options) => options.ActionKey is not null;

    public Task AfterWriteAsync(RecordChange change, CancellationToken ct)
    {
        if (change.Options.ActionKey is not { } key) return Task.CompletedTask;
        var id = (change.Current ?? change.Previous)!.Id;
        var result = new JsonObject { ["entity"] = change.Entity.Name, ["id"] = id.ToString(), ["version"] = change.Current?.Version };
        return AutomationEffects.RecordAsync(change.Connection, change.Transaction, registry.Names, key, change.Entity.Name, id, result, ignoreDuplicate: false, ct);
    }
}
