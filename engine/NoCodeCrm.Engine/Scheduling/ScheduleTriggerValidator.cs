using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Automation;

namespace NoCodeCrm.Engine.Scheduling;

/// <summary>Checks the time settings of schedule and date-relative triggers at publish, so a bad cron or zone never reaches the scheduler.</summary>
public static class ScheduleTriggerValidator
{
    /// <summary>Largest offset accepted, about a century; larger ones are typing mistakes and would overflow date arithmetic.</summary>
    public const int MaxOffsetDays = 36_500;

    public static IEnumerable<CrmError> Validate(CrmModel model)
    {
        for (var i = 0; i < model.Automations.Length; i++)
        {
            var trigger = model.Automations[i].Trigger;
            var path = $"$.automations[{i}].trigger";
            if (trigger is null || trigger.Type is not (TriggerType.Schedule or TriggerType.DateRelative)) continue;
            if (!TriggerSettings.TryResolveTimeZone(trigger.TimeZone, out _))
                yield return new CrmError(path + ".timeZone", "invalidTimeZone",
                    $"'{trigger.TimeZone}' is not a known IANA time zone such as 'Europe/Istanbul' or 'UTC'.");
            if (trigger.Type == TriggerType.Schedule)
            {
                if (!TriggerSettings.TryParseCron(trigger.Cron, out var error))
                    yield return new CrmError(path + ".cron", "invalidCron", $"Not a valid cron expression (seconds first): {error}");
                continue;
            }

            if (!TriggerSettings.TryParseTimeOfDay(trigger.At, out _))
                yield return new CrmError(path + ".at", "invalidTime", $"'{trigger.At}' is not a time of day written HH:mm, e.g. '09:00'.");
            if (Math.Abs((long)trigger.OffsetDays) > MaxOffsetDays)
                yield return new CrmError(path + ".offsetDays", "outOfRange", $"The offset must be between -{MaxOffsetDays} and {MaxOffsetDays} days.");
            if (string.IsNullOrEmpty(trigger.Entity))
            {
                yield return new CrmError(path + ".entity", "required", "A date-relative trigger needs the entity whose records it watches.");
                continue;
            }
            var entity = model.FindEntity(trigger.Entity);
            if (entity is null || entity.Retired)
            {
                yield return new CrmError(path + ".entity", "unknownEntity", $"There is no entity named '{trigger.Entity}'.");
                continue;
            }
            var field = string.IsNullOrEmpty(trigger.Field) ? null : entity.FindField(trigger.Field);
            if (field is null || field.Retired)
                yield return new CrmError(path + ".field", "unknownField", $"'{trigger.Field}' is not a field of '{entity.Name}'.");
            else if (field.Type is not (FieldType.Date or FieldType.Datetime))
                yield return new CrmError(path + ".field", "notADateField", $"The field '{field.Name}' is not a date or datetime field.");
            else if (field.Type == FieldType.Datetime && trigger.At is not null)
                yield return new CrmError(path + ".at", "settingNotAllowed", "'at' applies to date fields only; a datetime field carries its own time.");
        }
    }
}
