using Scriban.Runtime;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Templates;

/// <summary>
/// Builds the <c>record</c> object templates see: system columns and live fields by API name; a choice also as
/// <c>&lt;field&gt;_label</c> (multiChoice: <c>&lt;field&gt;_labels</c>) in the render language unless a real field has that
/// name; a lookup as the looked-up record (its own lookups only as <c>{id}</c>), null when empty.
/// </summary>
internal static class TemplateRecords
{
    public static ScriptObject Build(StoredRecord record, IReadOnlyDictionary<string, StoredRecord?>? lookups, string language, string fallbackLanguage)
    {
        var entity = record.Entity;
        var result = new ScriptObject();
        result[SystemColumns.Id] = record.Id.ToString();
        result[SystemColumns.Version] = record.Version;
        result[SystemColumns.CreatedAt] = TemplateValues.From(record[SystemColumns.CreatedAt]);
        result[SystemColumns.UpdatedAt] = TemplateValues.From(record[SystemColumns.UpdatedAt]);
        result[SystemColumns.Owner] = TemplateValues.From(record.Owner);
        foreach (var field in entity.Fields)
        {
            if (record.Hidden?.Contains(field.Name) == true) continue;
            var value = record[field.Name];
            switch (field.Type)
            {
                case FieldType.Choice:
                    result[field.Name] = value as string;
                    AddLabel(result, entity, field.Name + "_label", value is string choice ? Label(field, choice, language, fallbackLanguage) : null);
                    break;
                case FieldType.MultiChoice:
                    var values = value as IEnumerable<string> ?? [];
                    result[field.Name] = TemplateValues.From(values.ToArray());
                    AddLabel(result, entity, field.Name + "_labels", TemplateValues.From(values.Select(v => Label(field, v, language, fallbackLanguage)).ToArray()));
                    break;
                case FieldType.Lookup:
                    result[field.Name] = Lookup(field, value, lookups, language, fallbackLanguage);
                    break;
                default:
                    result[field.Name] = TemplateValues.From(value);
                    break;
            }
        }
        return TemplateValues.Freeze(result);
    }

    private static ScriptObject? Lookup(CompiledField field, object? value, IReadOnlyDictionary<string, StoredRecord?>? lookups, string language, string fallbackLanguage)
    {
        if (value is not Guid id) return null;
        if (lookups is not null && lookups.TryGetValue(field.Name, out var target))
            return target is null ? null : Build(target, null, language, fallbackLanguage);
        // Not loaded (a lookup of a looked-up record): the id is still there, so "record.company.parent_company.id" works.
        return TemplateValues.Freeze(new ScriptObject { [SystemColumns.Id] = id.ToString() });
    }

    // A real field of that name wins: the designer may have a field called segment_label.
    private static void AddLabel(ScriptObject result, CompiledEntity entity, string name, object? label)
    {
        if (!entity.FieldsByName.ContainsKey(name)) result[name] = label;
    }

    private static string Label(CompiledField field, string value, string language, string fallbackLanguage)
    {
        foreach (var option in field.Definition.Options)
            if (option.Value == value) return option.Label?.Get(language, fallbackLanguage) ?? value;
        return value;
    }
}
