using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Rules.Conditions;
using NoCodeCrm.Engine.Rules.Scripting;

namespace NoCodeCrm.Engine.Rules;

/// <summary>Publish-time checks of rule metadata: validation rules, formulas and default expressions, each error with its JSON path.</summary>
public static class RuleMetadataValidator
{
    /// <summary>Longest script accepted in the document.</summary>
    public const int MaxScriptLength = 20_000;

    public static void Validate(CrmModel model, List<CrmError> errors)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(errors);
        for (var e = 0; e < model.Entities.Length; e++)
        {
            var entity = model.Entities[e];
            var path = $"$.entities[{e}]";
            for (var f = 0; f < entity.Fields.Length; f++)
                ValidateField(entity, entity.Fields[f], $"{path}.fields[{f}]", errors);
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var r = 0; r < entity.Rules.Length; r++)
            {
                var rule = entity.Rules[r];
                var rulePath = $"{path}.rules[{r}]";
                if (!ApiName.IsValid(rule.Name))
                    errors.Add(new CrmError(rulePath + ".name", "invalidName", "A rule name uses 1 to 63 lower-case letters, digits and single underscores, starting with a letter."));
                else if (!names.Add(rule.Name))
                    errors.Add(new CrmError(rulePath + ".name", "duplicateName", $"The rule '{rule.Name}' is defined twice."));
                if (rule.Field is { } field && entity.FindField(field) is not { Retired: false })
                    errors.Add(new CrmError(rulePath + ".field", "unknownField", $"'{entity.Name}' has no field '{Shorten(field)}'."));
                if (rule.Condition is null)
                    errors.Add(new CrmError(rulePath + ".condition", "required", "A validation rule needs a condition (true means the record is invalid)."));
                else
                    ConditionCompiler.Validate(model, entity, rule.Condition, rulePath + ".condition", errors);
            }
        }
    }

    private static void ValidateField(EntityDefinition entity, FieldDefinition field, string path, List<CrmError> errors)
    {
        if (field.Formula is { } formula)
        {
            if (field.Type is FieldType.Lookup or FieldType.Autonumber)
                errors.Add(new CrmError(path + ".formula", "settingNotAllowed", $"A {Json(field.Type)} field cannot be calculated."));
            if (field.Default is not null || field.DefaultExpression is not null)
                errors.Add(new CrmError(path + ".formula", "conflictingSettings", "A calculated field takes no default: its formula gives every value."));
            CheckScript(entity, formula, path + ".formula", errors);
        }
        if (field.DefaultExpression is { } expression)
        {
            if (field.Type is FieldType.Lookup or FieldType.Autonumber)
                errors.Add(new CrmError(path + ".defaultExpression", "settingNotAllowed", $"A {Json(field.Type)} field takes no default expression."));
            if (field.Default is not null)
                errors.Add(new CrmError(path + ".defaultExpression", "conflictingSettings", "Give either a default or a defaultExpression, not both."));
            CheckScript(entity, expression, path + ".defaultExpression", errors);
        }
    }

    private static void CheckScript(EntityDefinition entity, string script, string path, List<CrmError> errors)
    {
        foreach (var problem in ScriptCheck.Check(script, MaxScriptLength))
            errors.Add(new CrmError(path, "scriptSyntax", $"Line {problem.Line}, column {problem.Column}: {problem.Message}"));
        foreach (var lookup in RuleScript.RelatedLookupsOf(script))
            if (entity.FindField(lookup) is not { Retired: false, Type: FieldType.Lookup })
                errors.Add(new CrmError(path, "unknownLookup", $"The script reads related.{lookup}, but '{entity.Name}' has no lookup field '{lookup}'."));
    }

    private static string Json(FieldType type) => Fields.FieldTypeHandler.Json(type);
    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
