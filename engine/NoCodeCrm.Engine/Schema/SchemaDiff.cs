using NoCodeCrm.Engine.Fields;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Schema;

/// <summary>Compares the desired model with the current one and lists what the database must change; retiring changes nothing physical.</summary>
public static class SchemaDiff
{
    public static IReadOnlyList<SchemaChange> Compute(CrmModel before, CrmModel after)
    {
        var changes = new List<SchemaChange>();
        var collationChanged = before.Entities.Length > 0 && before.Settings.DefaultLanguage != after.Settings.DefaultLanguage;
        foreach (var entity in after.Entities)
            Compare(before.FindEntity(entity.Name)?.Fields, entity.Name, entity.Fields, new CreateTableChange(false, null, null) { Table = entity.Name }, collationChanged, changes);
        foreach (var relation in after.Relations)
            Compare(before.FindRelation(relation.Name)?.Fields, relation.Name, relation.Fields,
                new CreateTableChange(true, relation.From, relation.To) { Table = relation.Name }, collationChanged, changes);
        return changes;
    }

    private static void Compare(System.Collections.Immutable.ImmutableArray<FieldDefinition>? beforeFields, string table,
        System.Collections.Immutable.ImmutableArray<FieldDefinition> afterFields, CreateTableChange create, bool collationChanged, List<SchemaChange> changes)
    {
        if (beforeFields is null)
        {
            changes.Add(create);
            foreach (var field in afterFields) changes.Add(new AddFieldChange(field) { Table = table });
            return;
        }
        foreach (var field in afterFields)
        {
            var old = beforeFields.Value.FirstOrDefault(f => f.Name == field.Name);
            if (old is null) changes.Add(new AddFieldChange(field) { Table = table });
            else if (PhysicallyDifferent(old, field)) changes.Add(new AlterFieldChange(old, field) { Table = table });
            else if (collationChanged && FieldTypes.Get(field.Type).IsText) changes.Add(new ChangeCollationChange(field) { Table = table });
        }
    }

    private static bool PhysicallyDifferent(FieldDefinition a, FieldDefinition b) =>
        a.Type != b.Type || a.Unique != b.Unique || a.Searchable != b.Searchable || a.Target != b.Target ||
        a.OnDelete != b.OnDelete || a.Format != b.Format || a.Precision != b.Precision || a.Scale != b.Scale ||
        (a.MaxLength ?? int.MaxValue) > (b.MaxLength ?? int.MaxValue) ||
        !a.Options.Select(o => o.Value).SequenceEqual(b.Options.Select(o => o.Value));
}
