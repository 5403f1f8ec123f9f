using System.Text.Json;
using System.Text.Json.Nodes;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata.Automation;
using NoCodeCrm.Engine.Records;

namespace NoCodeCrm.Engine.Automation.Actions;

/// <summary>Updates fields of the triggering record through the record pipeline (validation, rules, hooks all apply).</summary>
public sealed class UpdateRecordAction(RecordService records, IActionRenderer renderer) : IAutomationAction
{
    public ActionType Type => ActionType.UpdateRecord;

    public async Task<JsonNode?> ExecuteAsync(ActionContext context, CancellationToken ct)
    {
        if (context.Entity is null || context.Record is null)
            throw new CrmException(CrmErrorKind.Validation, "noRecord", "An updateRecord action needs a triggering record.");
        var render = await renderer.PrepareAsync(context, ct).ConfigureAwait(false);
        var body = ActionValues.Build(context.Entity, context.Step.Action.Values, render, DateTimeOffset.UtcNow);
        if (context.DryRun) return new JsonObject { ["entity"] = context.Entity.Name, ["id"] = context.Record.Id.ToString(), ["values"] = body };
        var updated = await records.PatchAsync(Execution.AutomationRecords.Principal, context.Entity.Name, context.Record.Id,
            JsonSerializer.SerializeToElement(body), null, ct, context.WriteOptions).ConfigureAwait(false);
        return new JsonObject { ["entity"] = context.Entity.Name, ["id"] = updated.Id.ToString(), ["version"] = updated.Version, ["values"] = body };
    }
}
