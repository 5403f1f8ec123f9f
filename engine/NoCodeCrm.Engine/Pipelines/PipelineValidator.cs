using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Pipelines;

namespace NoCodeCrm.Engine.Pipelines;

/// <summary>
/// Checks the pipelines of a document: the entity and its stage field exist, stages are options of that field, transitions
/// and required fields name what exists, and pipelines sharing a stage field tell their records apart with selectors.
/// </summary>
public static class PipelineValidator
{
    public static void Validate(CrmModel model, List<CrmError> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var selectors = new Dictionary<(string Entity, string Field), List<(int Index, PipelineSelector? Selector)>>();
        for (var i = 0; i < model.Pipelines.Length; i++)
        {
            var pipeline = model.Pipelines[i];
            var path = $"$.pipelines[{i}]";
            if (!names.Add(pipeline.Name))
                errors.Add(new CrmError(path + ".name", "duplicateName", $"There is already a pipeline named '{pipeline.Name}'."));
            if (model.FindEntity(pipeline.Entity) is not { } entity)
            {
                errors.Add(new CrmError(path + ".entity", "unknownEntity", $"There is no entity '{pipeline.Entity}'."));
                continue;
            }
            var field = Live(entity, pipeline.Field);
            if (field is null)
                errors.Add(new CrmError(path + ".field", "unknownField", $"{entity.Name} has no field '{pipeline.Field}'."));
            else if (field.Type != FieldType.Choice)
                errors.Add(new CrmError(path + ".field", "invalidStageField", $"The stage field must be a choice field; '{field.Name}' is {field.Type.ToString().ToLowerInvariant()}."));
            else if (selectors.TryGetValue((entity.Name, field.Name), out var sharing))
                sharing.Add((i, pipeline.Selector));
            else
                selectors[(entity.Name, field.Name)] = [(i, pipeline.Selector)];
            CheckSelector(entity, pipeline, path, errors);
            CheckOptionalField(entity, pipeline.AmountField, path + ".amountField", IsNumber, "a number or currency", errors);
            CheckOptionalField(entity, pipeline.CloseDateField, path + ".closeDateField", t => t is FieldType.Date or FieldType.Datetime, "a date", errors);
            CheckStages(entity, field?.Type == FieldType.Choice ? field : null, pipeline, path, errors);
        }

        foreach (var ((entity, field), sharing) in selectors)
        {
            if (sharing.Count < 2) continue;
            var values = new HashSet<(string, string)>();
            foreach (var (index, selector) in sharing)
            {
                if (selector is null)
                    errors.Add(new CrmError($"$.pipelines[{index}].selector", "selectorRequired",
                        $"Several pipelines keep their stage in {entity}.{field}: each needs a selector saying which records it covers."));
                else if (!values.Add((selector.Field, selector.Value)))
                    errors.Add(new CrmError($"$.pipelines[{index}].selector", "duplicateSelector",
                        $"Another pipeline on {entity}.{field} already covers records with {selector.Field} = '{selector.Value}'."));
            }
        }
    }

    internal static bool IsNumber(FieldType type) => type is FieldType.Integer or FieldType.Decimal or FieldType.Currency or FieldType.Percent;

    private static FieldDefinition? Live(EntityDefinition entity, string name) =>
        entity.Fields.FirstOrDefault(f => f.Name == name && !f.Retired);

    private static void CheckSelector(EntityDefinition entity, PipelineDefinition pipeline, string path, List<CrmError> errors)
    {
        if (pipeline.Selector is not { } selector) return;
        var field = Live(entity, selector.Field);
        if (field is null)
            errors.Add(new CrmError(path + ".selector.field", "unknownField", $"{entity.Name} has no field '{selector.Field}'."));
        else if (field.Type is not (FieldType.Choice or FieldType.Text))
            errors.Add(new CrmError(path + ".selector.field", "invalidSelectorField", "A selector compares a choice or text field."));
        else if (field.Name == pipeline.Field)
            errors.Add(new CrmError(path + ".selector.field", "invalidSelectorField", "A pipeline cannot be selected by its own stage field."));
        else if (field.Type == FieldType.Choice && field.Options.All(o => o.Value != selector.Value))
            errors.Add(new CrmError(path + ".selector.value", "unknownOption", $"'{selector.Value}' is not an option of {entity.Name}.{field.Name}."));
    }

    private static void CheckOptionalField(EntityDefinition entity, string? name, string path, Func<FieldType, bool> fits, string kind, List<CrmError> errors)
    {
        if (name is null) return;
        var field = Live(entity, name);
        if (field is null) errors.Add(new CrmError(path, "unknownField", $"{entity.Name} has no field '{name}'."));
        else if (!fits(field.Type)) errors.Add(new CrmError(path, "invalidFieldType", $"'{name}' must be {kind} field."));
    }

    private static void CheckStages(EntityDefinition entity, FieldDefinition? stageField, PipelineDefinition pipeline, string path, List<CrmError> errors)
    {
        var stages = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < pipeline.Stages.Length; s++)
        {
            var stage = pipeline.Stages[s];
            var here = $"{path}.stages[{s}]";
            if (!stages.Add(stage.Name))
                errors.Add(new CrmError(here + ".name", "duplicateStage", $"The stage '{stage.Name}' appears twice."));
            if (stageField is not null && stageField.Options.All(o => o.Value != stage.Name))
                errors.Add(new CrmError(here + ".name", "unknownOption", $"'{stage.Name}' is not an option of {entity.Name}.{stageField.Name}: add it there first."));
            if (stage.Probability is < 0 or > 1)
                errors.Add(new CrmError(here + ".probability", "invalidProbability", "A probability lies between 0 and 1."));
            for (var r = 0; r < stage.RequiredFields.Length; r++)
                if (Live(entity, stage.RequiredFields[r]) is null)
                    errors.Add(new CrmError($"{here}.requiredFields[{r}]", "unknownField", $"{entity.Name} has no field '{stage.RequiredFields[r]}'."));
        }
        if (pipeline.Stages.Length > 0 && pipeline.Stages.All(s => s.Outcome is not null))
            errors.Add(new CrmError(path + ".stages", "noOpenStage", "A pipeline needs at least one open stage (without an outcome)."));
        for (var s = 0; s < pipeline.Stages.Length; s++)
        {
            if (pipeline.Stages[s].Transitions is not { } transitions) continue;
            for (var t = 0; t < transitions.Length; t++)
                if (!stages.Contains(transitions[t]))
                    errors.Add(new CrmError($"{path}.stages[{s}].transitions[{t}]", "unknownStage", $"'{transitions[t]}' is not a stage of this pipeline."));
        }
    }
}
