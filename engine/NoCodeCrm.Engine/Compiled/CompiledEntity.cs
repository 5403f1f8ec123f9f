using System.Collections.Frozen;
using NJsonSchema;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Compiled;

/// <summary>An entity ready for the hot path: its live fields, JSON Schemas and canonical SQL texts.</summary>
public sealed class CompiledEntity
{
    public CompiledEntity(EntityDefinition definition, CrmModel model, SchemaNames names)
    {
        Definition = definition;
        Table = names.Table(definition.Name);
        Fields = definition.Fields.Where(f => !f.Retired).Select(f => new CompiledField(f, NoCodeCrm.Engine.Fields.FieldTypes.Get(f.Type))).ToArray();
        FieldsByName = Fields.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
        WritableFields = Fields.Where(f => f.IsWritable).ToArray();
        ValueIndex = SystemColumns.EntityNames.Concat(Fields.Select(f => f.Name))
            .Select((name, index) => (name, index)).ToFrozenDictionary(p => p.name, p => p.index, StringComparer.Ordinal);
        ReferencedBy = model.Entities.Where(e => !e.Retired)
            .SelectMany(e => e.Fields.Where(f => !f.Retired && f.Type == FieldType.Lookup && f.Target == definition.Name)
                .Select(f => new LookupReference(e.Name, f.Name, f.OnDelete ?? OnDeleteBehavior.Restrict)))
            .ToArray();

        var language = model.Settings.DefaultLanguage;
        CreateSchema = BuildSchema(language, forCreate: true);
        PatchSchema = BuildSchema(language, forCreate: false);

        var systemColumns = SystemColumns.EntityNames.Select(Sql.Quote);
        SelectList = string.Join(", ", systemColumns.Concat(Fields.Select(f => f.Column)).Select(c => "t0." + c));
        var returning = string.Join(", ", systemColumns.Concat(Fields.Select(f => f.Column)));
        var writable = WritableFields.Select(f => f.Column).ToArray();
        var team = Security.OwningUnits.Of(names, "team_id", "@owner");
        var department = Security.OwningUnits.Of(names, "department_id", "@owner");
        InsertSql = $"INSERT INTO {Table} AS t0 (\"id\", \"owner\", \"owning_team\", \"owning_department\", \"created_by\", \"updated_by\"{string.Concat(writable.Select(c => ", " + c))}) " +
                    $"VALUES (@id, @owner, {team}, {department}, @user, @user{string.Concat(WritableFields.Select((_, i) => $", @p{i}"))}) RETURNING {returning}";
        UpdateSql = $"UPDATE {Table} SET \"version\" = \"version\" + 1, \"updated_at\" = now(), \"updated_by\" = @user, \"owner\" = @owner" +
                    $", \"owning_team\" = {team}, \"owning_department\" = {department}" +
                    string.Concat(WritableFields.Select((f, i) => $", {f.Column} = @p{i}")) +
                    $" WHERE \"id\" = @id RETURNING {returning}";
        SelectByIdSql = $"SELECT {SelectList} FROM {Table} t0 WHERE t0.\"id\" = @id";
        LockByIdSql = $"SELECT {SelectList} FROM {Table} t0 WHERE t0.\"id\" = @id FOR UPDATE";
    }

    public EntityDefinition Definition { get; }
    public string Name => Definition.Name;
    public string Table { get; }
    public IReadOnlyList<CompiledField> Fields { get; }
    public FrozenDictionary<string, CompiledField> FieldsByName { get; }
    public IReadOnlyList<CompiledField> WritableFields { get; }
    /// <summary>Position of each system column and field in a record's values.</summary>
    public FrozenDictionary<string, int> ValueIndex { get; }
    public IReadOnlyList<LookupReference> ReferencedBy { get; }
    public JsonSchema CreateSchema { get; }
    public JsonSchema PatchSchema { get; }
    /// <summary>System columns then live fields, aliased <c>t0</c>; every read returns them in this order.</summary>
    public string SelectList { get; }
    public string InsertSql { get; }
    public string UpdateSql { get; }
    public string SelectByIdSql { get; }
    public string LockByIdSql { get; }

    public CompiledField? FindField(string name) => FieldsByName.GetValueOrDefault(name);

    private JsonSchema BuildSchema(string language, bool forCreate)
    {
        var schema = new JsonSchema
        {
            Type = JsonObjectType.Object,
            AllowAdditionalProperties = false,
            Title = Definition.Label?.Get(language) ?? Definition.Name,
        };
        schema.Properties["id"] = new JsonSchemaProperty { Type = JsonObjectType.String, Format = "uuid" };
        schema.Properties["owner"] = new JsonSchemaProperty { Type = JsonObjectType.String | JsonObjectType.Null, Format = "uuid" };
        foreach (var field in WritableFields)
        {
            var property = field.Handler.BuildSchema(field.Definition, language);
            if (forCreate && field.Definition.Required && field.Definition.Default is null && field.Definition.DefaultExpression is null && field.Definition.Formula is null)
                schema.RequiredProperties.Add(field.Name);
            schema.Properties[field.Name] = property;
        }
        return schema;
    }
}
