using System.Globalization;
using System.Text.RegularExpressions;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Fields;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Metadata.Validation;

/// <summary>The semantic checks JSON Schema cannot make: names, references, type settings and defaults. Collects every error.</summary>
public static partial class ModelValidator
{
    /// <summary>PostgreSQL's limit is 1,600 columns, dropped ones included; this keeps room for system columns and purges.</summary>
    public const int MaxFieldsPerEntity = 1_400;

    public static IReadOnlyList<CrmError> Validate(CrmModel model)
    {
        var errors = new List<CrmError>();
        ValidateSettings(model.Settings, errors);
        NoCodeCrm.Engine.Consent.ConsentValidator.ValidateSettings(model, errors);

        var tableNames = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var e = 0; e < model.Entities.Length; e++)
        {
            var entity = model.Entities[e];
            var path = $"$.entities[{e}]";
            CheckName(entity.Name, path + ".name", "entity", errors);
            if (!tableNames.TryAdd(entity.Name, path))
                errors.Add(new CrmError(path + ".name", "duplicateName", $"The name '{entity.Name}' is already used by {tableNames[entity.Name]}."));
            ValidateFields(model, entity.Fields, path, isLink: false, errors);
            NoCodeCrm.Engine.Rollups.RollupValidator.ValidateEntity(model, entity, path, errors);
            if (entity.Fields.Length > MaxFieldsPerEntity)
                errors.Add(new CrmError(path + ".fields", "tooManyFields", $"An entity may have at most {MaxFieldsPerEntity} fields (PostgreSQL's column limit)."));
            if (entity.PrimaryField is { } primary)
            {
                var field = entity.FindField(primary);
                if (field is null || field.Retired)
                    errors.Add(new CrmError(path + ".primaryField", "unknownField", $"The primary field '{primary}' is not a field of '{entity.Name}'."));
                else if (!FieldTypes.Get(field.Type).IsText)
                    errors.Add(new CrmError(path + ".primaryField", "invalidPrimaryField", "The primary field must be a text or autonumber field."));
            }
        }

        for (var r = 0; r < model.Relations.Length; r++)
        {
            var relation = model.Relations[r];
            var path = $"$.relations[{r}]";
            CheckName(relation.Name, path + ".name", "relation", errors);
            if (!tableNames.TryAdd(relation.Name, path))
                errors.Add(new CrmError(path + ".name", "duplicateName", $"The name '{relation.Name}' is already used by {tableNames[relation.Name]}."));
            CheckEntityReference(model, relation.From, path + ".from", errors);
            CheckEntityReference(model, relation.To, path + ".to", errors);
            ValidateFields(model, relation.Fields, path, isLink: true, errors);
            NoCodeCrm.Engine.Rollups.RollupValidator.ValidateLinkFields(relation.Fields, path, errors);
        }
        NoCodeCrm.Engine.Rules.RuleMetadataValidator.Validate(model, errors);
        errors.AddRange(Scheduling.ScheduleTriggerValidator.Validate(model));
        NoCodeCrm.Engine.Templates.TemplateValidator.Validate(model, errors);
        NoCodeCrm.Engine.Automation.AutomationValidator.Validate(model, errors);
        NoCodeCrm.Engine.Security.RoleValidator.Validate(model, errors);
        NoCodeCrm.Engine.Compliance.ProcessingValidator.Validate(model, errors);
        NoCodeCrm.Engine.Pipelines.PipelineValidator.Validate(model, errors);
        NoCodeCrm.Engine.Compliance.Retention.RetentionValidator.Validate(model, errors);
        Layout.LayoutValidator.Validate(model, errors);
        NoCodeCrm.Engine.Workflows.WorkflowValidator.Validate(model, errors);
        return errors;
    }

    private static void ValidateSettings(ModelSettings settings, List<CrmError> errors)
    {
        for (var i = 0; i < settings.Languages.Length; i++)
            if (!LanguagePattern().IsMatch(settings.Languages[i]))
                errors.Add(new CrmError($"$.settings.languages[{i}]", "invalidLanguage", $"'{settings.Languages[i]}' is not a language code like 'tr' or 'en'."));
        if (!LanguagePattern().IsMatch(settings.DefaultLanguage))
            errors.Add(new CrmError("$.settings.defaultLanguage", "invalidLanguage", $"'{settings.DefaultLanguage}' is not a language code like 'tr' or 'en'."));
        else if (!settings.Languages.Contains(settings.DefaultLanguage))
            errors.Add(new CrmError("$.settings.defaultLanguage", "unknownLanguage", "The default language must be one of the model's languages."));
    }

    private static void ValidateFields(CrmModel model, System.Collections.Immutable.ImmutableArray<FieldDefinition> fields, string ownerPath, bool isLink, List<CrmError> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var f = 0; f < fields.Length; f++)
        {
            var field = fields[f];
            var path = $"{ownerPath}.fields[{f}]";
            CheckName(field.Name, path + ".name", "field", errors);
            if (SystemColumns.Reserved.Contains(field.Name))
                errors.Add(new CrmError(path + ".name", "reservedName", $"'{field.Name}' is a system column; choose another name."));
            if (Query.QuerySyntax.IsReservedWord(field.Name))
                errors.Add(new CrmError(path + ".name", "reservedName", $"'{field.Name}' is a word of the filter language; choose another name."));
            if (!names.Add(field.Name))
                errors.Add(new CrmError(path + ".name", "duplicateName", $"The field '{field.Name}' is defined twice."));
            if (isLink && field.Type is FieldType.Lookup or FieldType.Autonumber or FieldType.MultiChoice)
                errors.Add(new CrmError(path + ".type", "notAllowedOnLink", $"A many-to-many link cannot carry a {FieldTypeHandler.Json(field.Type)} field."));

            var handler = FieldTypes.Get(field.Type);
            foreach (var (subPath, code, message) in handler.ValidateDefinition(field))
                errors.Add(new CrmError($"{path}.{subPath}", code, message));
            if (field.Searchable && field.Type is FieldType.Boolean)
                errors.Add(new CrmError(path + ".searchable", "settingNotAllowed", "A boolean field cannot be indexed for search."));
            if (field.Type == FieldType.Lookup && field.Target is not null)
            {
                CheckEntityReference(model, field.Target, path + ".target", errors);
                if (field.Required && field.OnDelete == OnDeleteBehavior.SetNull)
                    errors.Add(new CrmError(path + ".onDelete", "conflictingSettings", "A required lookup cannot be set to null when its target is deleted; use restrict or cascade."));
            }
            if (field.Default is { } defaultValue && defaultValue.ValueKind != System.Text.Json.JsonValueKind.Null)
            {
                if (field.Type == FieldType.Autonumber)
                    errors.Add(new CrmError(path + ".default", "settingNotAllowed", "An autonumber takes no default."));
                else if (handler.Read(defaultValue, field) is { IsValid: false } invalid)
                    errors.Add(new CrmError(path + ".default", "invalidDefault", $"The default is not a valid value: {invalid.Error}"));
                else if (field.Pattern is not null && defaultValue.ValueKind == System.Text.Json.JsonValueKind.String &&
                         !Regex.IsMatch(defaultValue.GetString()!, field.Pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100)))
                    errors.Add(new CrmError(path + ".default", "invalidDefault", "The default does not match the field's pattern."));
            }
        }
    }

    private static void CheckEntityReference(CrmModel model, string name, string path, List<CrmError> errors)
    {
        var target = model.FindEntity(name);
        if (target is null)
            errors.Add(new CrmError(path, "unknownEntity", $"There is no entity named '{name}'."));
        else if (target.Retired)
            errors.Add(new CrmError(path, "retiredEntity", $"The entity '{name}' is retired; restore it first."));
    }

    private static void CheckName(string name, string path, string what, List<CrmError> errors)
    {
        if (!ApiName.IsValid(name))
            errors.Add(new CrmError(path, "invalidName",
                $"'{Shorten(name)}' is not a valid {what} name: use 1 to 63 lower-case letters, digits and single underscores, starting with a letter."));
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    [GeneratedRegex("^[a-z]{2,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();

    internal static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
