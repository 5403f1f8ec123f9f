using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Conditions;
using NoCodeCrm.Engine.Metadata.Retention;
using NoCodeCrm.Engine.Rules;

namespace NoCodeCrm.Engine.Compliance.Retention;

/// <summary>Checks the retention policies JSON Schema cannot: unique names, entities, date fields and conditions that exist, something to anonymise.</summary>
public static class RetentionValidator
{
    /// <summary>The system date columns a period may count from besides the entity's date and date-time fields.</summary>
    public static readonly IReadOnlyList<string> SystemDateFields = ["created_at", "updated_at"];

    public static void Validate(CrmModel model, List<CrmError> errors)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(errors);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < model.Retention.Length; i++)
        {
            var policy = model.Retention[i];
            var path = $"$.retention[{i}]";
            if (!names.Add(policy.Name))
                errors.Add(new CrmError(path + ".name", "duplicateName", $"There is already a retention policy named '{policy.Name}'."));
            if (policy.AfterDays <= 0)
                errors.Add(new CrmError(path + ".afterDays", "invalidPeriod", "The period is a whole number of days greater than zero."));
            if (policy.LegalBasis is { } basis && string.IsNullOrWhiteSpace(basis))
                errors.Add(new CrmError(path + ".legalBasis", "required", "Leave the legal basis out or name it."));
            var entity = model.FindEntity(policy.Entity);
            if (entity is null || entity.Retired)
            {
                errors.Add(new CrmError(path + ".entity", "unknownEntity", $"There is no entity named '{policy.Entity}'."));
                continue;
            }
            if (policy.DateField is { } dateField && !SystemDateFields.Contains(dateField))
            {
                var field = entity.FindField(dateField);
                if (field is null || field.Retired)
                    errors.Add(new CrmError(path + ".dateField", "unknownField", $"{entity.Name} has no field '{dateField}'."));
                else if (field.Type is not (FieldType.Date or FieldType.Datetime))
                    errors.Add(new CrmError(path + ".dateField", "notADate", $"The period counts from a date or date-time field (or created_at / updated_at); '{dateField}' is not one."));
            }
            if (policy.Action == RetentionAction.Anonymise && !entity.Fields.Any(f => !f.Retired && f.PersonalData && f.LegalRetention is null))
                errors.Add(new CrmError(path + ".action", "nothingToAnonymise",
                    $"{entity.Name} has no personal-data field without a legal retention reason; there is nothing to anonymise."));
            if (policy.Condition is { } condition)
            {
                RuleEngine.ValidateCondition(model, entity, condition, path + ".condition", errors);
                RefuseChanged(condition, path + ".condition", errors);
            }
        }
    }

    /// <summary>A retention run looks at records as they are, with no write before them: "changed" would never hold.</summary>
    private static void RefuseChanged(ConditionDefinition node, string path, List<CrmError> errors)
    {
        if (node.Operator == "changed")
            errors.Add(new CrmError(path + ".operator", "notAllowed", "A retention condition looks at stored records; 'changed' only applies to writes."));
        for (var i = 0; i < node.All.Length; i++) RefuseChanged(node.All[i], $"{path}.all[{i}]", errors);
        for (var i = 0; i < node.Any.Length; i++) RefuseChanged(node.Any[i], $"{path}.any[{i}]", errors);
        if (node.Not is { } inner) RefuseChanged(inner, path + ".not", errors);
    }
}
