using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Fields;
using NoCodeCrm.Engine.Messaging;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Automation;
using NoCodeCrm.Engine.Metadata.Conditions;
using NoCodeCrm.Engine.Rules;

namespace NoCodeCrm.Engine.Automation;

/// <summary>
/// Checks automation rules at publish, naming the JSON path of each problem: the trigger's entity, field and event type,
/// the condition, and every action's entity, fields, template, channel, URL and timing (cron and date-relative timing
/// are the scheduler's <see cref="Scheduling.ScheduleTriggerValidator"/>).
/// </summary>
public static class AutomationValidator
{
    /// <summary>The longest a wait may pause a run.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromDays(365);

    public static void Validate(CrmModel model, List<CrmError> errors)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < model.Automations.Length; i++)
        {
            var rule = model.Automations[i];
            var path = $"$.automations[{i}]";
            if (!names.TryAdd(rule.Name, i))
                errors.Add(new CrmError(path + ".name", "duplicateName", $"The rule name '{rule.Name}' is already used by $.automations[{names[rule.Name]}]."));
            var entity = ValidateTrigger(model, rule.Trigger, path + ".trigger", errors);
            if (rule.Condition is { } condition) ValidateCondition(model, entity, condition, path + ".condition", errors);
            ValidateActions(model, entity, rule.Actions, path + ".actions", 0, errors);
        }
    }

    private static EntityDefinition? ValidateTrigger(CrmModel model, TriggerDefinition trigger, string path, List<CrmError> errors)
    {
        // Schedule and date-relative entities are checked by the scheduler's validator.
        var needsEntity = trigger.Type is not (TriggerType.Schedule or TriggerType.DateRelative);
        if (trigger.Entity is null)
        {
            if (needsEntity) errors.Add(new CrmError(path + ".entity", "required", $"A {Camel(trigger.Type)} trigger needs the entity whose records fire it."));
            return null;
        }
        var entity = model.FindEntity(trigger.Entity);
        if (entity is null || entity.Retired)
        {
            if (needsEntity) errors.Add(new CrmError(path + ".entity", "unknownEntity", $"There is no entity named '{trigger.Entity}'."));
            return null;
        }
        switch (trigger.Type)
        {
            case TriggerType.FieldChanged:
                var field = trigger.Field is null ? null : entity.FindField(trigger.Field);
                if (field is null || field.Retired)
                {
                    errors.Add(new CrmError(path + ".field", trigger.Field is null ? "required" : "unknownField",
                        trigger.Field is null ? "A fieldChanged trigger needs the field to watch." : $"'{trigger.Field}' is not a field of '{entity.Name}'."));
                    break;
                }
                foreach (var (value, name) in new[] { (trigger.From, "from"), (trigger.To, "to") })
                    if (value is { } v && FieldTypes.Get(field.Type).Read(v, field) is { IsValid: false } bad)
                        errors.Add(new CrmError($"{path}.{name}", "invalidValue", $"Not a valid value of '{field.Name}': {bad.Error}"));
                break;
            case TriggerType.StageEntered or TriggerType.StageLeft:
                ValidateStageTrigger(model, entity, trigger, path, errors);
                break;
            case TriggerType.Event:
                if (string.IsNullOrEmpty(trigger.EventType))
                    errors.Add(new CrmError(path + ".eventType", "required", "An event trigger needs the event type, e.g. 'email.opened'."));
                else if (!Events.EventTypes.IsValid(trigger.EventType))
                    errors.Add(new CrmError(path + ".eventType", "invalidEventType", $"'{trigger.EventType}' is not a valid event type (lower-case words joined by dots, e.g. 'email.opened')."));
                break;
        }
        return entity;
    }

    private static void ValidateStageTrigger(CrmModel model, EntityDefinition entity, TriggerDefinition trigger, string path, List<CrmError> errors)
    {
        var pipeline = trigger.Pipeline is null ? null : model.Pipelines.FirstOrDefault(p => p.Name == trigger.Pipeline);
        if (pipeline is null)
        {
            errors.Add(new CrmError(path + ".pipeline", trigger.Pipeline is null ? "required" : "unknownPipeline",
                trigger.Pipeline is null ? $"A {Camel(trigger.Type)} trigger names the pipeline." : $"There is no pipeline named '{trigger.Pipeline}'."));
            return;
        }
        if (pipeline.Entity != entity.Name)
            errors.Add(new CrmError(path + ".entity", "pipelineEntity", $"The pipeline '{pipeline.Name}' is on '{pipeline.Entity}', not '{entity.Name}'."));
        if (trigger.Stage is null || pipeline.Stages.All(s => s.Name != trigger.Stage))
            errors.Add(new CrmError(path + ".stage", trigger.Stage is null ? "required" : "unknownStage",
                trigger.Stage is null ? $"A {Camel(trigger.Type)} trigger names the stage." : $"'{trigger.Stage}' is not a stage of the pipeline '{pipeline.Name}'."));
    }

    private static void ValidateCondition(CrmModel model, EntityDefinition? entity, ConditionDefinition condition, string path, List<CrmError> errors)
    {
        if (entity is null)
            errors.Add(new CrmError(path, "noRecord", "A condition needs a trigger about an entity's records."));
        else RuleEngine.ValidateCondition(model, entity, condition, path, errors);
    }

    private static void ValidateActions(CrmModel model, EntityDefinition? entity, IReadOnlyList<ActionDefinition> actions, string path, int depth, List<CrmError> errors)
    {
        if (depth > 5)
        {
            errors.Add(new CrmError(path, "tooDeep", "Branches may nest at most 5 levels deep."));
            return;
        }
        for (var a = 0; a < actions.Count; a++)
        {
            var action = actions[a];
            var here = $"{path}[{a}]";
            switch (action.Type)
            {
                case ActionType.UpdateRecord:
                    if (NeedsRecord(entity, action, here, errors)) ValidateValues(entity!, action, here, required: true, errors);
                    break;
                case ActionType.CreateRecord:
                    var target = action.Entity is null ? null : model.FindEntity(action.Entity);
                    if (target is null || target.Retired)
                        errors.Add(new CrmError(here + ".entity", action.Entity is null ? "required" : "unknownEntity",
                            action.Entity is null ? "A createRecord action needs the entity to create." : $"There is no entity named '{action.Entity}'."));
                    else ValidateValues(target, action, here, required: false, errors);
                    break;
                case ActionType.AssignOwner:
                    if (NeedsRecord(entity, action, here, errors) && action.User is null && action.Users.Length == 0)
                        errors.Add(new CrmError(here + ".user", "required", "An assignOwner action needs a user, or users to take in turn."));
                    break;
                case ActionType.SendMessage:
                    ValidateMessage(model, entity, action, here, errors);
                    break;
                case ActionType.Webhook:
                    if (!Uri.TryCreate(action.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                        errors.Add(new CrmError(here + ".url", action.Url is null ? "required" : "invalidUrl", "A webhook needs an absolute http or https URL."));
                    break;
                case ActionType.Wait:
                    var wait = TimeSpan.FromMinutes(action.Minutes ?? 0) + TimeSpan.FromHours(action.Hours ?? 0) + TimeSpan.FromDays(action.Days ?? 0);
                    if (wait <= TimeSpan.Zero || wait > MaxWait)
                        errors.Add(new CrmError(here, "invalidWait", "A wait needs minutes, hours or days adding up to more than nothing and at most 365 days."));
                    break;
                case ActionType.Branch:
                    if (action.Condition is null) errors.Add(new CrmError(here + ".condition", "required", "A branch needs a condition."));
                    else ValidateCondition(model, entity, action.Condition, here + ".condition", errors);
                    ValidateActions(model, entity, action.Then, here + ".then", depth + 1, errors);
                    ValidateActions(model, entity, action.Else, here + ".else", depth + 1, errors);
                    break;
            }
        }
    }

    private static bool NeedsRecord(EntityDefinition? entity, ActionDefinition action, string path, List<CrmError> errors)
    {
        if (entity is not null) return true;
        errors.Add(new CrmError(path + ".type", "noRecord", $"A {Camel(action.Type)} action needs a trigger about an entity's records."));
        return false;
    }

    private static void ValidateValues(EntityDefinition entity, ActionDefinition action, string path, bool required, List<CrmError> errors)
    {
        if (action.Values is null or { Count: 0 })
        {
            if (required) errors.Add(new CrmError(path + ".values", "required", "Give the fields to set."));
            return;
        }
        foreach (var (name, value) in action.Values)
        {
            if (name == Schema.SystemColumns.Owner) continue;
            var field = entity.FindField(name);
            if (field is null || field.Retired)
                errors.Add(new CrmError($"{path}.values.{name}", "unknownField", $"'{name}' is not a field of '{entity.Name}'."));
            else if (field.Type == FieldType.Autonumber || field.Formula is not null || field.Rollup is not null)
                errors.Add(new CrmError($"{path}.values.{name}", "readOnly", $"'{name}' is computed by the engine and cannot be set."));
            // Literal values are checked now; templates and relative dates only when they are rendered.
            else if (value.ValueKind is not (System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Object)
                     && FieldTypes.Get(field.Type).Read(value, field) is { IsValid: false } bad)
                errors.Add(new CrmError($"{path}.values.{name}", "invalidValue", bad.Error!));
        }
    }

    private static void ValidateMessage(CrmModel model, EntityDefinition? entity, ActionDefinition action, string path, List<CrmError> errors)
    {
        var template = action.Template is null ? null : model.FindTemplate(action.Template);
        if (template is null)
        {
            errors.Add(new CrmError(path + ".template", action.Template is null ? "required" : "unknownTemplate",
                action.Template is null ? "A sendMessage action needs a template." : $"There is no template named '{action.Template}'."));
            return;
        }
        var templateChannel = template.Channel.ToString().ToLowerInvariant();
        if (action.Channel is { } channel && !MessageChannels.All.Contains(channel))
            errors.Add(new CrmError(path + ".channel", "unknownChannel", $"'{channel}' is not a channel; use one of {string.Join(", ", MessageChannels.All)}."));
        else if (action.Channel is { } c && c != templateChannel && !(MessageChannels.UsesHttpAdapter(c) && MessageChannels.UsesHttpAdapter(templateChannel)))
            errors.Add(new CrmError(path + ".channel", "channelMismatch", $"The template '{template.Name}' is written for {templateChannel}, not {c}."));
        if (template.Entity is not null && template.Entity != entity?.Name)
            errors.Add(new CrmError(path + ".template", "entityMismatch", $"The template '{template.Name}' is about {template.Entity} records, but this rule is about {entity?.Name ?? "no record"}."));
    }

    private static string Camel(Enum value) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
