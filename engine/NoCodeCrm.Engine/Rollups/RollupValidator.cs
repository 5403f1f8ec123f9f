using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Fields;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Rollups;
using NoCodeCrm.Engine.Query;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Rollups;

/// <summary>The publish-time checks of rollup fields: the child entity, the lookup, the aggregate against both field types, the filter and the window.</summary>
public static class RollupValidator
{
    /// <summary>Checks every rollup field of an entity; <paramref name="entityPath"/> is like <c>$.entities[3]</c>.</summary>
    public static void ValidateEntity(CrmModel model, EntityDefinition entity, string entityPath, List<CrmError> errors)
    {
        for (var f = 0; f < entity.Fields.Length; f++)
        {
            var field = entity.Fields[f];
            if (field.Rollup is { } rollup && !field.Retired)
                Validate(model, entity, field, rollup, $"{entityPath}.fields[{f}]", errors);
        }
    }

    /// <summary>Many-to-many links carry data of their own, never aggregates.</summary>
    public static void ValidateLinkFields(System.Collections.Immutable.ImmutableArray<FieldDefinition> fields, string ownerPath, List<CrmError> errors)
    {
        for (var f = 0; f < fields.Length; f++)
            if (fields[f].Rollup is not null)
                errors.Add(new CrmError($"{ownerPath}.fields[{f}].rollup", "notAllowedOnLink", "A many-to-many link cannot carry a rollup field."));
    }

    private static void Validate(CrmModel model, EntityDefinition parent, FieldDefinition field, RollupDefinition rollup, string path, List<CrmError> errors)
    {
        var rollupPath = path + ".rollup";
        if (!IsNumeric(field.Type) && !IsTemporal(field.Type))
            errors.Add(new CrmError(path + ".type", "invalidRollupType",
                $"A rollup field must be a number (integer, decimal, currency, percent), date or datetime field, not {FieldTypeHandler.Json(field.Type)}."));
        if (field.Required)
            errors.Add(new CrmError(path + ".required", "conflictingSettings", "A rollup field is computed by the engine and cannot be required."));
        if (field.Unique)
            errors.Add(new CrmError(path + ".unique", "conflictingSettings", "A rollup field is computed by the engine and cannot be unique."));
        if (field.Default is { ValueKind: not System.Text.Json.JsonValueKind.Null })
            errors.Add(new CrmError(path + ".default", "conflictingSettings", "A rollup field is computed by the engine and takes no default."));

        var child = model.FindEntity(rollup.Entity);
        if (child is null || child.Retired)
        {
            errors.Add(new CrmError(rollupPath + ".entity", child is null ? "unknownEntity" : "retiredEntity",
                child is null ? $"There is no entity named '{rollup.Entity}'." : $"The entity '{rollup.Entity}' is retired; restore it first."));
            return;
        }

        var via = Live(child, rollup.Via);
        if (via is null)
            errors.Add(new CrmError(rollupPath + ".via", "unknownField", $"'{child.Name}' has no field '{rollup.Via}'."));
        else if (via.Type != FieldType.Lookup || via.Target != parent.Name)
            errors.Add(new CrmError(rollupPath + ".via", "notALookupToThisEntity", $"'{child.Name}.{via.Name}' must be a lookup to '{parent.Name}'."));

        ValidateAggregate(parent, field, rollup, child, rollupPath, errors);
        if (rollup.Filter is { } filter) ValidateFilter(model, child, filter, rollupPath + ".filter", errors);
        if (rollup.Window is { } window) ValidateWindow(child, window, rollupPath + ".window", errors);
    }

    private static void ValidateAggregate(EntityDefinition parent, FieldDefinition field, RollupDefinition rollup, EntityDefinition child, string rollupPath, List<CrmError> errors)
    {
        var aggregate = Json(rollup.Aggregate);
        if (rollup.Aggregate == RollupAggregate.Count)
        {
            if (rollup.Field is not null)
                errors.Add(new CrmError(rollupPath + ".field", "settingNotAllowed", "count counts the related records; it takes no field."));
            if (!IsNumeric(field.Type))
                errors.Add(new CrmError(rollupPath + ".aggregate", "aggregateTypeMismatch", $"count gives a number; '{parent.Name}.{field.Name}' must be an integer or decimal field."));
            return;
        }
        if (rollup.Field is null)
        {
            errors.Add(new CrmError(rollupPath + ".field", "required", $"{aggregate} needs the child field to aggregate."));
            return;
        }
        var source = Live(child, rollup.Field);
        if (source is null)
        {
            errors.Add(new CrmError(rollupPath + ".field", "unknownField", $"'{child.Name}' has no field '{rollup.Field}'."));
            return;
        }
        if (source.Rollup is not null)
            errors.Add(new CrmError(rollupPath + ".field", "rollupOfRollup", $"'{child.Name}.{source.Name}' is itself a rollup; rollups of rollups are not supported."));
        var numeric = IsNumeric(source.Type);
        var temporal = IsTemporal(source.Type);
        var fits = rollup.Aggregate switch
        {
            RollupAggregate.Sum or RollupAggregate.Avg => numeric && IsNumeric(field.Type),
            _ => (numeric && IsNumeric(field.Type)) || (temporal && IsTemporal(field.Type)),
        };
        if (!fits)
            errors.Add(new CrmError(rollupPath + ".aggregate", "aggregateTypeMismatch",
                $"{aggregate} of a {FieldTypeHandler.Json(source.Type)} field cannot be stored in a {FieldTypeHandler.Json(field.Type)} field" +
                (rollup.Aggregate is RollupAggregate.Sum or RollupAggregate.Avg ? "; sum and avg need numbers on both sides." : "; numbers go to numbers, dates to dates.")));
    }

    private static void ValidateFilter(CrmModel model, EntityDefinition child, string filter, string path, List<CrmError> errors)
    {
        FilterExpression expression;
        try
        {
            expression = FilterParser.Parse(filter);
        }
        catch (QuerySyntaxException ex)
        {
            errors.Add(new CrmError(path, "invalidFilter", ex.Message));
            return;
        }
        var before = errors.Count;
        foreach (var fieldPath in RollupFilterPaths.Of(expression))
        {
            if (!fieldPath.IsSimple)
                errors.Add(new CrmError(path, "invalidFilter", $"'{fieldPath}' goes through a lookup; a rollup filter may use only the fields of '{child.Name}'."));
            else if (Live(child, fieldPath.Last) is { Rollup: not null })
                errors.Add(new CrmError(path, "rollupOfRollup", $"'{fieldPath}' is itself a rollup; a rollup filter cannot use it."));
        }
        // Names, operators and literal types are bound exactly as $filter binds them, so a filter that publishes also runs.
        if (errors.Count > before || child.Fields.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count() != child.Fields.Length) return;
        try
        {
            var compiled = new CompiledModel(new CrmModel { Settings = model.Settings, Entities = [child] }, SchemaNames.Default);
            new SqlQueryBuilder(compiled, compiled.Entities[child.Name]).Where(expression);
        }
        catch (CrmException ex)
        {
            errors.Add(new CrmError(path, "invalidFilter", ex.Message));
        }
    }

    private static void ValidateWindow(EntityDefinition child, RollupWindow window, string path, List<CrmError> errors)
    {
        var field = Live(child, window.Field);
        if (field is null)
            errors.Add(new CrmError(path + ".field", "unknownField", $"'{child.Name}' has no field '{window.Field}'."));
        else if (!IsTemporal(field.Type) || field.Rollup is not null)
            errors.Add(new CrmError(path + ".field", "invalidWindowField", $"'{child.Name}.{field.Name}' must be a date or datetime field that is not a rollup."));
        if ((window.Days is null) == (window.Months is null))
            errors.Add(new CrmError(path, "invalidWindow", "Give the window in either days or months."));
        else if (window.Days is < 1 || window.Months is < 1)
            errors.Add(new CrmError(path, "invalidWindow", "The window must be at least one day or month long."));
    }

    private static FieldDefinition? Live(EntityDefinition entity, string name) =>
        entity.FindField(name) is { Retired: false } field ? field : null;

    internal static bool IsNumeric(FieldType type) => type is FieldType.Integer or FieldType.Decimal or FieldType.Currency or FieldType.Percent;

    internal static bool IsTemporal(FieldType type) => type is FieldType.Date or FieldType.Datetime;

    internal static string Json(RollupAggregate aggregate) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(aggregate.ToString());
}
