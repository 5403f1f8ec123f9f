using System.Text.Json;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Rules.Conditions;
using NoCodeCrm.Engine.Rules.Scripting;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Rules.Pipeline;

/// <summary>
/// The rules of one entity in one model version, compiled once: default expressions, calculated fields and validation
/// rules, applied in that order to a record about to be written. Entities without rules have none of these (null).
/// </summary>
internal sealed class EntityRules
{
    private readonly (CompiledField Field, int Index, RuleScript Script)[] _defaults;
    private readonly (CompiledField Field, int Index, RuleScript Script)[] _formulas;
    private readonly (ValidationRuleDefinition Rule, CompiledCondition Condition, string Path)[] _validations;
    private readonly string[] _lookupPaths;
    private readonly string _defaultLanguage;

    private EntityRules(
        (CompiledField, int, RuleScript)[] defaults, (CompiledField, int, RuleScript)[] formulas,
        (ValidationRuleDefinition, CompiledCondition, string)[] validations, string[] lookupPaths, string defaultLanguage)
    {
        _defaults = defaults;
        _formulas = formulas;
        _validations = validations;
        _lookupPaths = lookupPaths;
        _defaultLanguage = defaultLanguage;
    }

    public static EntityRules? Build(CompiledModel model, CompiledEntity entity, ScriptEnginePool pool)
    {
        var defaults = Scripts(entity, f => f.DefaultExpression, "default");
        var formulas = Scripts(entity, f => f.Formula, "formula");
        var validations = entity.Definition.Rules
            .Select(r => (r, ConditionCompiler.Compile(model.Model, entity.Definition, r.Condition, r.Name, pool), r.Field is null ? "$" : "$." + r.Field))
            .ToArray();
        if (defaults.Length == 0 && formulas.Length == 0 && validations.Length == 0) return null;
        var lookups = defaults.Concat(formulas).SelectMany(s => s.Item3.RelatedLookups)
            .Concat(validations.SelectMany(v => v.Item2.LookupPaths))
            .Distinct(StringComparer.Ordinal).ToArray();
        return new EntityRules(defaults, formulas, validations, lookups, model.Model.Settings.DefaultLanguage);
    }

    private static (CompiledField, int, RuleScript)[] Scripts(CompiledEntity entity, Func<FieldDefinition, string?> source, string what) =>
        entity.Fields.Where(f => source(f.Definition) is not null)
            .Select(f => (f, entity.ValueIndex[f.Name],
                RuleScript.TryPrepare($"{entity.Name}.{f.Name} ({what})", source(f.Definition)!, out _)
                ?? throw new InvalidOperationException($"The {what} of {entity.Name}.{f.Name} does not parse; publishing should have refused it.")))
            .ToArray();

    /// <summary>A new record's values before it is written: what the body gave, literal defaults, then these rules.</summary>
    public static StoredRecord Candidate(CompiledEntity entity, RecordInput input, Guid id, Guid? owner, CrmPrincipal principal)
    {
        var values = new object?[SystemColumns.EntityNames.Count + entity.Fields.Count];
        var now = DateTime.UtcNow;
        values[entity.ValueIndex[SystemColumns.Id]] = id;
        values[entity.ValueIndex[SystemColumns.Version]] = 1;
        values[entity.ValueIndex[SystemColumns.CreatedAt]] = now;
        values[entity.ValueIndex[SystemColumns.UpdatedAt]] = now;
        values[entity.ValueIndex[SystemColumns.CreatedBy]] = principal.UserId;
        values[entity.ValueIndex[SystemColumns.UpdatedBy]] = principal.UserId;
        values[entity.ValueIndex[SystemColumns.Owner]] = owner;
        foreach (var field in entity.Fields)
        {
            values[entity.ValueIndex[field.Name]] = input.Values.TryGetValue(field.Name, out var given) ? given
                : field.Definition.Default is { ValueKind: not JsonValueKind.Null } literal ? field.Handler.Read(literal, field.Definition).Value
                : null;
        }
        return new StoredRecord(entity, values);
    }

    /// <summary>An updated record's values before it is written: the locked previous version with the body's changes.</summary>
    public static StoredRecord Candidate(CompiledEntity entity, RecordInput input, StoredRecord previous, CrmPrincipal principal)
    {
        var values = (object?[])previous.Values.Clone();
        values[entity.ValueIndex[SystemColumns.UpdatedAt]] = DateTime.UtcNow;
        values[entity.ValueIndex[SystemColumns.UpdatedBy]] = principal.UserId;
        if (input.OwnerGiven) values[entity.ValueIndex[SystemColumns.Owner]] = input.Owner;
        foreach (var (name, value) in input.Values) values[entity.ValueIndex[name]] = value;
        return new StoredRecord(entity, values);
    }

    /// <summary>
    /// Fills default expressions (create only, for fields the body left out), recomputes every calculated field, then
    /// checks every validation rule; all failures come back at once as one 422.
    /// </summary>
    public async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CompiledModel model, ScriptEnginePool pool,
        StoredRecord candidate, StoredRecord? previous, RecordInput input, CrmPrincipal principal, CancellationToken ct)
    {
        if (_lookupPaths.Length > 0)
            await RuleContextLoader.ExpandAsync(connection, transaction, model, candidate, _lookupPaths, ct).ConfigureAwait(false);
        var context = new RuleContext(candidate, previous, principal, DateTimeOffset.UtcNow);
        var errors = new List<CrmError>();
        var failed = false;
        var engine = pool.Rent();
        context.Engine = engine;
        try
        {
            if (previous is null)
                foreach (var (field, index, script) in _defaults)
                    if (!input.Values.ContainsKey(field.Name)) failed |= !Assign(context, field, index, script, errors);
            foreach (var (field, index, script) in _formulas) failed |= !Assign(context, field, index, script, errors);
            // A record whose defaults or formulas failed is not checked further: rules would judge values that are not there.
            if (errors.Count == 0)
            {
                foreach (var (rule, condition, path) in _validations)
                {
                    try
                    {
                        if (condition.Evaluate(context))
                            errors.Add(new CrmError(path, "ruleViolated", Message(rule, principal.Language)));
                    }
                    catch (CrmException ex) when (ex.Code == "ruleFailed")
                    {
                        failed = true;
                        errors.Add(new CrmError(path, "ruleFailed", ex.Message));
                    }
                }
            }
        }
        finally
        {
            context.Engine = null;
            pool.Return(engine);
        }
        if (errors.Count == 0) return;
        var entity = candidate.Entity.Name;
        throw failed
            ? new CrmException(CrmErrorKind.Validation, "ruleFailed", errors.First(e => e.Code == "ruleFailed").Message, errors)
            : CrmException.Invalid($"The {entity} record breaks {(errors.Count == 1 ? "a rule" : $"{errors.Count} rules")}.", errors);
    }

    private static bool Assign(RuleContext context, CompiledField field, int index, RuleScript script, List<CrmError> errors)
    {
        var path = "$." + field.Name;
        object? result;
        try
        {
            result = SandboxedEngine.ToClr(context.Engine!.Run(script, context));
        }
        catch (CrmException ex) when (ex.Code == "ruleFailed")
        {
            errors.Add(new CrmError(path, "ruleFailed", ex.Message));
            return false;
        }
        var value = ScriptValueConverter.ToFieldValue(result, field);
        if (!value.IsValid)
        {
            errors.Add(new CrmError(path, "ruleFailed", $"Rule '{script.RuleName}' failed: {value.Error}"));
            return false;
        }
        if (value.Value is null && field.Definition.Required)
        {
            errors.Add(new CrmError(path, "required", $"'{field.Name}' is required, but rule '{script.RuleName}' gave no value."));
            return false;
        }
        context.Record.Values[index] = value.Value;
        context.RecordChanged();
        return true;
    }

    private string Message(ValidationRuleDefinition rule, string language) =>
        rule.Message?.Get(language, _defaultLanguage) ?? $"The record breaks the rule '{rule.Name}'.";
}
