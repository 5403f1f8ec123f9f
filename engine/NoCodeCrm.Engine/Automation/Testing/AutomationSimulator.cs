using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NoCodeCrm.Engine.Automation.Actions;
using NoCodeCrm.Engine.Automation.Compiled;
using NoCodeCrm.Engine.Automation.Execution;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata.Automation;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Automation.Testing;

/// <summary>
/// Test mode: which rules a trigger on a chosen record would fire, what each action would change and the messages it
/// would render — every action runs in dry-run mode, so nothing is written, sent or called.
/// </summary>
public sealed class AutomationSimulator(NpgsqlDataSource dataSource, ModelRegistry registry, AutomationCatalogs catalogs,
    IEnumerable<IAutomationAction> actions, IAutomationConditionCompiler? conditions = null)
{
    private readonly Dictionary<ActionType, IAutomationAction> _actions = actions.ToDictionary(a => a.Type);

    public async Task<JsonObject> SimulateAsync(AutomationTestRequest request, CancellationToken ct)
    {
        var model = registry.Current;
        var catalog = catalogs.For(model);
        CompiledAutomation? named = null;
        if (request.Definition is { } definition)
            named = CompileUnpublished(model, definition);
        else if (request.Rule is { } ruleName)
            named = catalog.Find(ruleName) ?? throw CrmException.Invalid("The test is not valid.",
                [new CrmError("$.rule", "unknownRule", $"There is no enabled automation rule named '{ruleName}'.")]);
        var entityName = request.Entity ?? named?.Trigger.Entity
            ?? throw CrmException.Invalid("The test is not valid.", [new CrmError("$.entity", "required", "Name the entity (or a rule).")]);
        var entity = RecordService.Entity(model, entityName);
        StoredRecord? record = null, previous = null;
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        if (request.RecordId is { } id)
        {
            record = await AutomationRecords.ReadAsync(connection, null, entity, id, ct).ConfigureAwait(false)
                ?? throw CrmException.Invalid("The test is not valid.", [new CrmError("$.recordId", "notFound", $"There is no {entity.Name} with id {id}.")]);
            if (request.Changes is { Count: > 0 } changes)
            {
                previous = record;
                record = WithChanges(entity, record, changes);
            }
        }
        var trigger = request.Trigger ?? named?.Trigger.Type ?? (previous is null ? TriggerType.RecordCreated : TriggerType.RecordUpdated);
        var candidates = named is not null ? [named] : Candidates(catalog, entity.Name, trigger, previous, record, request.EventType);
        using var input = JsonDocument.Parse(InputOf(trigger, request, record));
        var results = new JsonArray();
        foreach (var rule in candidates)
            results.Add(await SimulateRuleAsync(connection, model, rule, entity, record, previous, input.RootElement, ct).ConfigureAwait(false));
        return new JsonObject
        {
            ["entity"] = entity.Name, ["recordId"] = record?.Id.ToString(), ["trigger"] = JsonNamingPolicy.CamelCase.ConvertName(trigger.ToString()),
            ["rules"] = results,
        };
    }

    /// <summary>An unpublished rule, checked as a publish would check it (errors under <c>$.definition</c>) and compiled against the live model.</summary>
    private CompiledAutomation CompileUnpublished(CompiledModel model, AutomationDefinition definition)
    {
        var others = model.Model.Automations.Where(a => a.Name != definition.Name).ToList();
        var candidate = model.Model with { Automations = [.. others, definition] };
        var errors = new List<CrmError>();
        AutomationValidator.Validate(candidate, errors);
        errors.AddRange(Scheduling.ScheduleTriggerValidator.Validate(candidate));
        var own = $"$.automations[{others.Count}]";
        var mine = errors.Where(e => e.Path == own || e.Path.StartsWith(own + ".", StringComparison.Ordinal) || e.Path.StartsWith(own + "[", StringComparison.Ordinal))
            .Select(e => e with { Path = "$.definition" + e.Path[own.Length..] }).ToList();
        if (mine.Count > 0) throw CrmException.Invalid("The rule is not valid.", mine);
        return AutomationCatalog.Compile(model, definition, conditions)
            ?? throw CrmException.Invalid("The rule is not valid.", [new CrmError("$.definition.trigger.entity", "unknownEntity", "The trigger's entity is not in the live model.")]);
    }

    private static IEnumerable<CompiledAutomation> Candidates(AutomationCatalog catalog, string entity, TriggerType trigger,
        StoredRecord? previous, StoredRecord? current, string? eventType) => trigger switch
    {
        TriggerType.RecordCreated => catalog.ForWrite(entity, RecordOperation.Create, null, current),
        TriggerType.RecordDeleted => catalog.ForWrite(entity, RecordOperation.Delete, current, null),
        TriggerType.RecordUpdated or TriggerType.FieldChanged => catalog.ForWrite(entity, RecordOperation.Update, previous ?? current, current),
        TriggerType.Event => catalog.ForEvent(entity, eventType ?? ""),
        _ => catalog.Rules.Values.Where(r => r.Trigger.Type == trigger && r.Trigger.Entity == entity),
    };

    private async Task<JsonObject> SimulateRuleAsync(NpgsqlConnection connection, CompiledModel model, CompiledAutomation rule, CompiledEntity entity,
        StoredRecord? record, StoredRecord? previous, JsonElement input, CancellationToken ct)
    {
        var result = new JsonObject { ["rule"] = rule.Name };
        var now = DateTimeOffset.UtcNow;
        try
        {
            if (record is not null && conditions is not null && rule.LookupPaths.Count > 0)
                await conditions.LoadLookupsAsync(connection, null, model, record, rule.LookupPaths, ct).ConfigureAwait(false);
            if (rule.Condition is not null && record is not null && !rule.Condition.Evaluate(record, previous, AutomationRecords.Principal, now))
            {
                result["fires"] = false;
                result["reason"] = "The condition does not hold for this record.";
                return result;
            }
        }
        catch (CrmException ex)
        {
            result["fires"] = false;
            result["error"] = ex.Message;
            return result;
        }
        result["fires"] = true;
        var steps = new JsonArray();
        var runId = Guid.Empty;
        for (var index = 0; index < rule.Steps.Count;)
        {
            var step = rule.Steps[index];
            var entry = new JsonObject { ["step"] = step.Index, ["path"] = step.Path };
            switch (step.Kind)
            {
                case StepKind.Jump:
                    index = step.Target;
                    continue;
                case StepKind.Branch:
                    var holds = step.Condition is null || (record is not null && step.Condition.Evaluate(record, previous, AutomationRecords.Principal, now));
                    entry["type"] = "branch";
                    entry["output"] = new JsonObject { ["condition"] = holds };
                    steps.Add(entry);
                    index = holds ? index + 1 : step.Target;
                    continue;
            }
            entry["type"] = JsonNamingPolicy.CamelCase.ConvertName(step.Action.Type.ToString());
            if (step.Action.Type == ActionType.Wait)
                entry["output"] = new JsonObject { ["minutes"] = step.Action.Minutes, ["hours"] = step.Action.Hours, ["days"] = step.Action.Days };
            else if (_actions.TryGetValue(step.Action.Type, out var action))
            {
                try
                {
                    entry["output"] = await action.ExecuteAsync(new ActionContext(model, rule, step, runId, 0, entity, record, input, DryRun: true), ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is CrmException or FinalActionException)
                {
                    entry["error"] = ActionFailure.Describe(ex);
                }
            }
            steps.Add(entry);
            index++;
        }
        result["actions"] = steps;
        return result;
    }

    private static StoredRecord WithChanges(CompiledEntity entity, StoredRecord record, Dictionary<string, JsonElement> changes)
    {
        var json = JsonNode.Parse(RecordJsonWriter.ToUtf8(record))!.AsObject();
        var errors = new List<CrmError>();
        foreach (var (name, value) in changes)
        {
            if (entity.FindField(name) is not { } field) errors.Add(new CrmError($"$.changes.{name}", "unknownField", $"{entity.Name} has no field '{name}'."));
            else if (field.Handler.Read(value, field.Definition) is { IsValid: false } bad) errors.Add(new CrmError($"$.changes.{name}", "invalidValue", bad.Error!));
            else json[name] = JsonNode.Parse(value.GetRawText());
        }
        if (errors.Count > 0) throw CrmException.Invalid("The test is not valid.", errors);
        return RecordSnapshot.FromJson(entity, JsonSerializer.SerializeToElement(json));
    }

    private static string InputOf(TriggerType trigger, AutomationTestRequest request, StoredRecord? record)
    {
        var payload = new JsonObject { ["test"] = true };
        if (request.EventType is not null) payload["eventType"] = request.EventType;
        if (request.EventData is { } data) payload["data"] = JsonNode.Parse(data.GetRawText());
        using var doc = JsonDocument.Parse(payload.ToJsonString());
        return AutomationRunInput.Build(JsonNamingPolicy.CamelCase.ConvertName(trigger.ToString()), doc.RootElement, record);
    }
}
