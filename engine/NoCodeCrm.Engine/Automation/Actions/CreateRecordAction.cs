using System.Text.Json;
using System.Text.Json.Nodes;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Automation;
using NoCodeCrm.Engine.Records;

namespace NoCodeCrm.Engine.Automation.Actions;

/// <summary>
/// Creates a record (e.g. a follow-up task) through the record pipeline. Unless the values say otherwise, the new record
/// is owned by the triggering record's owner and linked to it through the new entity's lookup to the triggering entity.
/// </summary>
public sealed class CreateRecordAction(RecordService records, IActionRenderer renderer) : IAutomationAction
{
    public ActionType Type => ActionType.CreateRecord;

    public async Task<JsonNode?> ExecuteAsync(ActionContext context, CancellationToken ct)
    {
        var action = context.Step.Action;
        var target = context.Model.FindEntity(action.Entity ?? "")
            ?? throw new CrmException(CrmErrorKind.Validation, "unknownEntity", $"There is no entity named '{action.Entity}' to create.");
        var render = await renderer.PrepareAsync(context, ct).ConfigureAwait(false);
        var body = ActionValues.Build(target, action.Values, render, DateTimeOffset.UtcNow);
        if (context.Record is { } record)
        {
            if (!body.ContainsKey("owner") && record.Owner is { } owner) body["owner"] = owner.ToString();
            var link = target.Fields.FirstOrDefault(f => f.Type == FieldType.Lookup && f.Definition.Target == context.Entity!.Name && !body.ContainsKey(f.Name));
            if (link is not null) body[link.Name] = record.Id.ToString();
        }
        if (context.DryRun) return new JsonObject { ["entity"] = target.Name, ["values"] = body };
        var created = await records.CreateAsync(Execution.AutomationRecords.Principal, target.Name, JsonSerializer.SerializeToElement(body), ct,
            context.WriteOptions).ConfigureAwait(false);
        return new JsonObject { ["entity"] = target.Name, ["id"] = created.Id.ToString(), ["values"] = body };
    }
}
