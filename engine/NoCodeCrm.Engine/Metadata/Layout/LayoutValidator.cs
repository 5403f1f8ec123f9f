using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Query;

namespace NoCodeCrm.Engine.Metadata.Layout;

/// <summary>Checks forms and views at publish: known entity, known fields and field paths, parsable sort and filter, one default view per entity.</summary>
public static class LayoutValidator
{
    public static void Validate(CrmModel model, List<CrmError> errors)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(errors);
        var formNames = new HashSet<string>(StringComparer.Ordinal);
        for (var f = 0; f < model.Forms.Length; f++)
            ValidateForm(model, model.Forms[f], $"$.forms[{f}]", formNames, errors);

        var viewNames = new HashSet<string>(StringComparer.Ordinal);
        var defaults = new HashSet<string>(StringComparer.Ordinal);
        for (var v = 0; v < model.Views.Length; v++)
        {
            var view = model.Views[v];
            var path = $"$.views[{v}]";
            if (!viewNames.Add(view.Name))
                errors.Add(new CrmError(path + ".name", "duplicateName", $"The view '{view.Name}' is defined twice."));
            var entity = FindEntity(model, view.Entity, path + ".entity", errors);
            if (entity is null) continue;
            if (view.Default && !defaults.Add(view.Entity))
                errors.Add(new CrmError(path + ".default", "duplicateDefault", $"'{view.Entity}' already has a default view."));
            for (var c = 0; c < view.Columns.Length; c++)
                CheckPath(model, entity, view.Columns[c], $"{path}.columns[{c}]", errors);
            if (view.Sort is { } sort)
                CheckQuery(() => OrderByParser.Parse(sort).Select(i => i.Path), model, entity, path + ".sort", errors);
            if (view.Filter is { } filter)
                CheckQuery(() => Paths(FilterParser.Parse(filter)), model, entity, path + ".filter", errors);
        }
    }

    private static void ValidateForm(CrmModel model, FormDefinition form, string path, HashSet<string> names, List<CrmError> errors)
    {
        if (!names.Add(form.Name))
            errors.Add(new CrmError(path + ".name", "duplicateName", $"The form '{form.Name}' is defined twice."));
        var entity = FindEntity(model, form.Entity, path + ".entity", errors);
        if (entity is null) return;
        var placed = new HashSet<string>(StringComparer.Ordinal);
        for (var t = 0; t < form.Tabs.Length; t++)
        {
            var tab = form.Tabs[t];
            for (var s = 0; s < tab.Sections.Length; s++)
            {
                var section = tab.Sections[s];
                for (var i = 0; i < section.Fields.Length; i++)
                {
                    var fieldPath = $"{path}.tabs[{t}].sections[{s}].fields[{i}]";
                    var name = section.Fields[i];
                    var field = entity.FindField(name);
                    // A retired field may stay on a form (the page skips it), so retiring never needs a layout edit first.
                    if (field is null)
                        errors.Add(new CrmError(fieldPath, "unknownField", $"'{name}' is not a field of '{entity.Name}'."));
                    else if (!placed.Add(name))
                        errors.Add(new CrmError(fieldPath, "duplicateField", $"'{name}' is already on this form."));
                }
            }
        }
        for (var r = 0; r < form.RelatedLists.Length; r++)
        {
            var related = form.RelatedLists[r];
            var relatedPath = $"{path}.relatedLists[{r}]";
            var other = FindEntity(model, related.Entity, relatedPath + ".entity", errors);
            if (other is null) continue;
            var lookup = other.FindField(related.Field);
            if (lookup is null || lookup.Retired || lookup.Type != FieldType.Lookup || lookup.Target != entity.Name)
                errors.Add(new CrmError(relatedPath + ".field", "invalidRelatedField", $"'{related.Field}' is not a lookup of '{other.Name}' to '{entity.Name}'."));
        }
    }

    private static EntityDefinition? FindEntity(CrmModel model, string name, string path, List<CrmError> errors)
    {
        var entity = model.FindEntity(name);
        if (entity is not null && !entity.Retired) return entity;
        errors.Add(new CrmError(path, "unknownEntity", $"There is no entity named '{name}'."));
        return null;
    }

    private static void CheckQuery(Func<IEnumerable<FieldPath>> parse, CrmModel model, EntityDefinition entity, string path, List<CrmError> errors)
    {
        try
        {
            foreach (var fieldPath in parse())
                CheckPath(model, entity, fieldPath.ToString(), path, errors);
        }
        catch (QuerySyntaxException ex)
        {
            errors.Add(new CrmError(path, "invalidQuery", ex.Message));
        }
    }

    // A column or query path walks lookups to the field it ends in: company/name is the name of the person's company.
    private static void CheckPath(CrmModel model, EntityDefinition entity, string text, string path, List<CrmError> errors)
    {
        var segments = text.Split('/');
        var current = entity;
        for (var i = 0; i < segments.Length; i++)
        {
            var name = segments[i];
            var last = i == segments.Length - 1;
            if (last && SystemFields.All.ContainsKey(name)) return;
            var field = current.FindField(name);
            if (field is null)
            {
                errors.Add(new CrmError(path, "unknownField", $"'{text}': '{name}' is not a field of '{current.Name}'."));
                return;
            }
            if (last) return;
            if (field.Type != FieldType.Lookup || field.Target is null || model.FindEntity(field.Target) is not { } next)
            {
                errors.Add(new CrmError(path, "notALookup", $"'{text}': '{name}' is not a lookup, so the path cannot go past it."));
                return;
            }
            current = next;
        }
    }

    private static IEnumerable<FieldPath> Paths(FilterExpression expression) => expression switch
    {
        ComparisonFilter c => [c.Path],
        HasFilter h => [h.Path],
        InFilter i => [i.Path],
        TextMatchFilter t => [t.Path],
        NotFilter n => Paths(n.Operand),
        LogicalFilter l => Paths(l.Left).Concat(Paths(l.Right)),
        _ => [],
    };
}
