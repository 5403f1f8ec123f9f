using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Workflows;

namespace NoCodeCrm.Engine.Workflows;

/// <summary>Checks workflows and business-hours calendars at publish: every reference resolves, every step is an option of the step field.</summary>
public static class WorkflowValidator
{
    /// <summary>The SLA field's options the engine writes.</summary>
    public static readonly IReadOnlyList<string> SlaStates = [WorkflowSla.OnTrack, WorkflowSla.AtRisk, WorkflowSla.Breached];

    public static void Validate(CrmModel model, List<CrmError> errors)
    {
        var calendars = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < model.Calendars.Length; c++)
        {
            var calendar = model.Calendars[c];
            var path = $"$.calendars[{c}]";
            if (!calendars.Add(calendar.Name))
                errors.Add(new CrmError(path + ".name", "duplicateName", $"The calendar '{calendar.Name}' is defined twice."));
            if (!Scheduling.TriggerSettings.TryResolveTimeZone(calendar.TimeZone, out _))
                errors.Add(new CrmError(path + ".timeZone", "invalidTimeZone", $"'{calendar.TimeZone}' is not an IANA time zone such as Europe/Istanbul."));
            for (var h = 0; h < calendar.Hours.Length; h++)
            {
                var hours = calendar.Hours[h];
                if (!BusinessCalendar.TryTime(hours.From, out var from) || !BusinessCalendar.TryTime(hours.To, out var to) || to <= from)
                    errors.Add(new CrmError($"{path}.hours[{h}]", "invalidHours", "Opening hours need 'from' before 'to', both as HH:mm."));
                for (var d = 0; d < hours.Days.Length; d++)
                    if (!BusinessCalendar.TryDay(hours.Days[d], out _))
                        errors.Add(new CrmError($"{path}.hours[{h}].days[{d}]", "invalidDay", "Expected a day of the week: monday … sunday."));
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var w = 0; w < model.Workflows.Length; w++)
            ValidateWorkflow(model, model.Workflows[w], $"$.workflows[{w}]", names, calendars, errors);
    }

    private static void ValidateWorkflow(CrmModel model, WorkflowDefinition workflow, string path, HashSet<string> names, HashSet<string> calendars, List<CrmError> errors)
    {
        if (!names.Add(workflow.Name))
            errors.Add(new CrmError(path + ".name", "duplicateName", $"The workflow '{workflow.Name}' is defined twice."));
        var entity = model.FindEntity(workflow.Entity);
        if (entity is null || entity.Retired)
        {
            errors.Add(new CrmError(path + ".entity", "unknownEntity", $"There is no entity named '{workflow.Entity}'."));
            return;
        }
        var field = entity.FindField(workflow.Field);
        if (field is null || field.Retired || field.Type != FieldType.Choice)
            errors.Add(new CrmError(path + ".field", "invalidStepField", $"'{workflow.Field}' must be a choice field of '{entity.Name}' holding the step."));
        else if (field.Formula is not null)
            errors.Add(new CrmError(path + ".field", "invalidStepField", "The step field cannot be a calculated field."));
        if (workflow.When is { } when) Rules.RuleEngine.ValidateCondition(model, entity, when, path + ".when", errors);

        var steps = workflow.Steps.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var roles = model.Roles.Select(r => r.Name).Append(Security.CrmPrincipal.AdministratorRole).ToHashSet(StringComparer.Ordinal);
        for (var s = 0; s < workflow.Steps.Length; s++)
        {
            var step = workflow.Steps[s];
            var here = $"{path}.steps[{s}]";
            if (!seen.Add(step.Name)) errors.Add(new CrmError(here + ".name", "duplicateName", $"The step '{step.Name}' is defined twice."));
            if (field is { Type: FieldType.Choice } && !field.Options.Any(o => o.Value == step.Name))
                errors.Add(new CrmError(here + ".name", "unknownOption", $"The step '{step.Name}' must be an option of the field '{workflow.Field}'."));
            if (step.Due is not null && !WorkflowDuration.TryParse(step.Due, out _, out _))
                errors.Add(new CrmError(here + ".due", "invalidDuration", $"'{step.Due}' is not a duration such as PT4H or P2D."));
            ValidateAssignee(model, step.Assignee, here + ".assignee", roles, errors);
            if (step.Approval is { } approval)
            {
                if (!roles.Contains(approval.Role))
                    errors.Add(new CrmError(here + ".approval.role", "unknownRole", $"There is no role named '{approval.Role}'."));
                if (approval.OnReject is { } back && !steps.Contains(back))
                    errors.Add(new CrmError(here + ".approval.onReject", "unknownStep", $"There is no step named '{back}'."));
                if (step.Transitions.Length == 0)
                    errors.Add(new CrmError(here + ".transitions", "required", "An approval step needs a transition for approve to follow."));
            }
            if (step.Final && step.Transitions.Length > 0)
                errors.Add(new CrmError(here + ".transitions", "settingNotAllowed", "A final step has no transitions."));
            for (var t = 0; t < step.Transitions.Length; t++)
            {
                var transition = step.Transitions[t];
                if (!steps.Contains(transition.To))
                    errors.Add(new CrmError($"{here}.transitions[{t}].to", "unknownStep", $"There is no step named '{transition.To}'."));
                if (transition.When is { } condition) Rules.RuleEngine.ValidateCondition(model, entity, condition, $"{here}.transitions[{t}].when", errors);
            }
            ValidateNotify(model, step.Notify, here + ".notify", sla: false, errors);
            for (var n = 0; n < step.Notify.Length; n++)
                if (step.Notify[n].On == WorkflowSla.Overdue && step.Due is null)
                    errors.Add(new CrmError($"{here}.notify[{n}].on", "settingNotAllowed", $"The step '{step.Name}' has no due time, so it is never overdue."));
        }
        if (!workflow.Steps.Any(s => s.Final))
            errors.Add(new CrmError(path + ".steps", "noFinalStep", "A workflow needs at least one final step."));

        if (workflow.Sla is { } sla)
        {
            if (sla.FirstResponse is null && sla.Resolution is null)
                errors.Add(new CrmError(path + ".sla", "required", "An SLA needs firstResponse, resolution or both."));
            if (sla.FirstResponse is not null && !WorkflowDuration.TryParse(sla.FirstResponse, out _, out _))
                errors.Add(new CrmError(path + ".sla.firstResponse", "invalidDuration", $"'{sla.FirstResponse}' is not a duration such as PT4H or P2D."));
            if (sla.Resolution is not null && !WorkflowDuration.TryParse(sla.Resolution, out _, out _))
                errors.Add(new CrmError(path + ".sla.resolution", "invalidDuration", $"'{sla.Resolution}' is not a duration such as PT4H or P2D."));
            if (sla.Calendar is { } calendar && !calendars.Contains(calendar))
                errors.Add(new CrmError(path + ".sla.calendar", "unknownCalendar", $"There is no calendar named '{calendar}'."));
            if (sla.WarningAt is { } warning && (warning <= 0 || warning >= 1))
                errors.Add(new CrmError(path + ".sla.warningAt", "invalidValue", "The warning threshold is a fraction between 0 and 1, e.g. 0.8."));
            ValidateNotify(model, sla.Notify, path + ".sla.notify", sla: true, errors);
        }
        if (workflow.SlaField is { } slaField)
        {
            var f = entity.FindField(slaField);
            if (f is null || f.Retired || f.Type != FieldType.Choice || SlaStates.Any(v => !f.Options.Any(o => o.Value == v)))
                errors.Add(new CrmError(path + ".slaField", "invalidSlaField", $"'{slaField}' must be a choice field with the options {string.Join(", ", SlaStates)}."));
            else if (slaField == workflow.Field)
                errors.Add(new CrmError(path + ".slaField", "invalidSlaField", "The SLA field cannot be the step field."));
        }
        if (workflow.SlaDueField is { } dueField && entity.FindField(dueField) is not { Retired: false, Type: FieldType.Datetime, Formula: null })
            errors.Add(new CrmError(path + ".slaDueField", "invalidSlaField", $"'{dueField}' must be a datetime field of '{entity.Name}'."));
        if (workflow.StepDueField is { } stepDueField)
        {
            if (entity.FindField(stepDueField) is not { Retired: false, Type: FieldType.Datetime, Formula: null })
                errors.Add(new CrmError(path + ".stepDueField", "invalidSlaField", $"'{stepDueField}' must be a datetime field of '{entity.Name}'."));
            else if (stepDueField == workflow.SlaDueField)
                errors.Add(new CrmError(path + ".stepDueField", "invalidSlaField", "The step's due time and the SLA's need fields of their own."));
        }
    }

    private static void ValidateAssignee(CrmModel model, AssigneeDefinition? assignee, string path, HashSet<string> roles, List<CrmError> errors)
    {
        switch (assignee?.Type)
        {
            case AssigneeType.User when assignee.User is null:
                errors.Add(new CrmError(path + ".user", "required", "A user assignee needs the user's id."));
                break;
            case AssigneeType.Team or AssigneeType.TeamRoundRobin when string.IsNullOrWhiteSpace(assignee.Team):
                errors.Add(new CrmError(path + ".team", "required", "A team assignee needs the team's name."));
                break;
            case AssigneeType.Role when assignee.Role is null || !roles.Contains(assignee.Role):
                errors.Add(new CrmError(path + ".role", "unknownRole", $"There is no role named '{assignee.Role}'."));
                break;
        }
        _ = model;
    }

    private static void ValidateNotify(CrmModel model, System.Collections.Immutable.ImmutableArray<NotifyDefinition> notify, string path, bool sla, List<CrmError> errors)
    {
        for (var n = 0; n < notify.Length; n++)
        {
            var item = notify[n];
            if (model.FindTemplate(item.Template) is null)
                errors.Add(new CrmError($"{path}[{n}].template", "unknownTemplate", $"There is no template named '{item.Template}'."));
            if (item.To is not ("customer" or "assignee" or "owner" or "previousAssignee"))
                errors.Add(new CrmError($"{path}[{n}].to", "invalidValue", "Expected customer, assignee, owner or previousAssignee."));
            if (sla ? item.On is not (null or WorkflowSla.Warning or WorkflowSla.Breach) : item.On is not (null or WorkflowSla.Overdue))
                errors.Add(new CrmError($"{path}[{n}].on", "invalidValue", sla ? "Expected warning or breach." : "Expected overdue (or nothing, for the step's entry)."));
        }
    }
}
