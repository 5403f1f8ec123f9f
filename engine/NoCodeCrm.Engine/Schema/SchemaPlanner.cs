using NoCodeCrm.Engine.Fields;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Schema;

/// <summary>Turns schema changes into ordered DDL and the data checks that guard it; one handler per kind of change.</summary>
public sealed class SchemaPlanner(SchemaNames names, CrmModel target)
{
    private readonly List<string> _tables = [];
    private readonly List<string> _columns = [];
    private readonly List<string> _constraints = [];
    private readonly List<DataCheck> _checks = [];
    private readonly List<Errors.CrmError> _errors = [];
    private readonly string _collation = SchemaNames.Collation(target.Settings);

    public static SchemaPlan Plan(SchemaNames names, CrmModel target, IEnumerable<SchemaChange> changes)
    {
        var planner = new SchemaPlanner(names, target);
        foreach (var change in changes)
        {
            switch (change)
            {
                case CreateTableChange create: planner.CreateTable(create); break;
                case AddFieldChange add: planner.AddField(add.Table, add.Field); break;
                case AlterFieldChange alter: planner.AlterField(alter.Table, alter.Before, alter.After); break;
                case ChangeCollationChange collation: planner.ChangeCollation(collation.Table, collation.Field); break;
                default: throw new InvalidOperationException($"No handler for {change.GetType().Name}.");
            }
        }
        // Tables first, then columns, then keys and indexes: a lookup may point at a table created in the same publish.
        return new SchemaPlan([.. planner._tables, .. planner._columns, .. planner._constraints], planner._checks, planner._errors);
    }

    private void CreateTable(CreateTableChange change)
    {
        var table = names.Table(change.Table);
        if (!change.IsRelation)
        {
            var columns = string.Join(",\n  ", SystemColumns.Entity.Select(c => $"{Sql.Quote(c.Name)} {c.Definition}"));
            _tables.Add($"CREATE TABLE {table} (\n  {columns}\n)");
            _constraints.Add($"CREATE INDEX {Sql.Quote(SchemaNames.IndexName("ix", change.Table, "owner"))} ON {table} ({Sql.Quote(SystemColumns.Owner)})");
            _constraints.Add($"CREATE INDEX {Sql.Quote(SchemaNames.IndexName("ix", change.Table, SystemColumns.OwningTeam))} ON {table} ({Sql.Quote(SystemColumns.OwningTeam)})");
            _constraints.Add($"CREATE INDEX {Sql.Quote(SchemaNames.IndexName("ix", change.Table, SystemColumns.OwningDepartment))} ON {table} ({Sql.Quote(SystemColumns.OwningDepartment)})");
            return;
        }
        _tables.Add($"""
            CREATE TABLE {table} (
              "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
              "source_id" uuid NOT NULL REFERENCES {names.Table(change.From!)} ("id") ON DELETE CASCADE,
              "target_id" uuid NOT NULL REFERENCES {names.Table(change.To!)} ("id") ON DELETE CASCADE,
              "version" integer NOT NULL DEFAULT 1,
              "created_at" timestamptz NOT NULL DEFAULT now(),
              "created_by" uuid,
              "updated_at" timestamptz NOT NULL DEFAULT now(),
              "updated_by" uuid,
              UNIQUE ("source_id", "target_id")
            )
            """);
        _constraints.Add($"CREATE INDEX {Sql.Quote(SchemaNames.IndexName("ix", change.Table, "target_id"))} ON {table} (\"target_id\")");
    }

    private string ColumnDefinition(string table, FieldDefinition field)
    {
        var handler = FieldTypes.Get(field.Type);
        var definition = handler.ColumnType(field);
        if (handler.IsText) definition += " COLLATE " + _collation;
        if (field.Type == FieldType.Autonumber) definition += " DEFAULT " + AutonumberDefault(table, field);
        return definition;
    }

    private void AddField(string tableName, FieldDefinition field)
    {
        var table = names.Table(tableName);
        if (field.Type == FieldType.Autonumber)
            _tables.Add($"CREATE SEQUENCE IF NOT EXISTS {names.Sequence(tableName, field.Name)}");
        // Nullable and without a volatile default: adding the column is a catalogue change, not a table rewrite.
        _columns.Add($"ALTER TABLE {table} ADD COLUMN {Sql.Quote(field.Name)} {ColumnDefinition(tableName, field)}");
        AddKeysAndIndexes(tableName, field, checkData: false);
    }

    private void AddKeysAndIndexes(string tableName, FieldDefinition field, bool checkData)
    {
        var table = names.Table(tableName);
        var column = Sql.Quote(field.Name);
        var handler = FieldTypes.Get(field.Type);
        if (field.Type == FieldType.Lookup && field.Target is not null)
        {
            var action = field.OnDelete switch
            {
                OnDeleteBehavior.Cascade => "CASCADE",
                OnDeleteBehavior.SetNull => "SET NULL",
                _ => "RESTRICT",
            };
            _constraints.Add($"ALTER TABLE {table} ADD CONSTRAINT {Sql.Quote(SchemaNames.ForeignKeyName(tableName, field.Name))} " +
                $"FOREIGN KEY ({column}) REFERENCES {names.Table(field.Target)} (\"id\") ON DELETE {action}");
            _constraints.Add($"CREATE INDEX {Sql.Quote(SchemaNames.IndexName("ix", tableName, field.Name))} ON {table} ({column})");
        }
        else if (field.Type == FieldType.MultiChoice)
            _constraints.Add($"CREATE INDEX {Sql.Quote(SchemaNames.IndexName("ix", tableName, field.Name))} ON {table} USING gin ({column})");
        else if (field.Searchable)
        {
            _constraints.Add($"CREATE INDEX {Sql.Quote(SchemaNames.IndexName("ix", tableName, field.Name))} ON {table} ({column})");
            // Own-scope lists always carry "owner = me": led by the owner, a filter or sort on the field stays within the
            // user's rows instead of intersecting with (or walking past) everyone else's.
            // Team-scope lists carry "owning_team = any(my teams)" in the same way.
            if (target.FindRelation(tableName) is null)
            {
                _constraints.Add($"CREATE INDEX {Sql.Quote(SchemaNames.IndexName("ow", tableName, field.Name))} ON {table} ({Sql.Quote(SystemColumns.Owner)}, {column})");
                _constraints.Add($"CREATE INDEX {Sql.Quote(SchemaNames.IndexName("ot", tableName, field.Name))} ON {table} ({Sql.Quote(SystemColumns.OwningTeam)}, {column})");
            }
            if (handler.IsText)
                _constraints.Add($"CREATE INDEX {Sql.Quote(SchemaNames.IndexName("tg", tableName, field.Name))} ON {table} USING gin (lower({column}) gin_trgm_ops)");
        }
        if (field.Unique)
        {
            var key = field.Type == FieldType.Email ? $"lower({column})" : column;
            var deleted = target.FindRelation(tableName) is null ? " WHERE \"deleted_at\" IS NULL" : "";
            _constraints.Add($"CREATE UNIQUE INDEX {Sql.Quote(SchemaNames.IndexName("ux", tableName, field.Name))} ON {table} ({key}){deleted}");
            var live = deleted.Length > 0;
            string Key(string alias) => field.Type == FieldType.Email ? $"lower({alias}.{column})" : $"{alias}.{column}";
            // One hashed aggregate, not a correlated probe per row: the column has no index yet.
            var duplicate = $"{Key("t")} IN (SELECT {Key("d")} FROM {table} d WHERE d.{column} IS NOT NULL" +
                (live ? " AND d.\"deleted_at\" IS NULL" : "") + " GROUP BY 1 HAVING count(*) > 1)" + (live ? " AND t.\"deleted_at\" IS NULL" : "");
            if (checkData) _checks.Add(new DataCheck(FieldPath(tableName, field.Name), tableName, field.Name, duplicate,
                $"'{field.Name}' cannot be unique: some values occur more than once."));
        }
    }

    private void DropKeysAndIndexes(string tableName, FieldDefinition field)
    {
        var table = names.Table(tableName);
        if (field.Type == FieldType.Lookup)
            _columns.Add($"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {Sql.Quote(SchemaNames.ForeignKeyName(tableName, field.Name))}");
        foreach (var kind in new[] { "ix", "ow", "ot", "tg", "ux" })
            _columns.Add($"DROP INDEX IF EXISTS {Sql.Qualified(names.DataSchema, SchemaNames.IndexName(kind, tableName, field.Name))}");
    }

    private void AlterField(string tableName, FieldDefinition before, FieldDefinition after)
    {
        var table = names.Table(tableName);
        var column = Sql.Quote(after.Name);
        var path = FieldPath(tableName, after.Name);
        var conversion = TypeConversion.Find(before, after, column, names.SystemSchema);
        if (conversion is null)
        {
            _errors.Add(new Errors.CrmError(path + ".type", "unsupportedTypeChange",
                $"A {FieldTypeHandler.Json(before.Type)} field cannot become a {FieldTypeHandler.Json(after.Type)} field; add a new field and copy the data instead."));
            return;
        }
        if (conversion.FailurePredicate is not null)
            _checks.Add(new DataCheck(path, tableName, after.Name, conversion.FailurePredicate,
                $"Changing '{after.Name}' ({conversion.Description}) would lose these values."));

        var beforeColumn = FieldTypes.Get(before.Type).ColumnType(before);
        var afterColumn = FieldTypes.Get(after.Type).ColumnType(after);
        // Rebuilding indexes on a big table is costly: only when the column or an indexed setting really changes.
        var rebuildIndexes = beforeColumn != afterColumn || before.Type != after.Type || before.Unique != after.Unique ||
                             before.Searchable != after.Searchable || before.Target != after.Target || before.OnDelete != after.OnDelete;
        if (rebuildIndexes) DropKeysAndIndexes(tableName, before);
        if (before.Type == FieldType.Autonumber)
            _columns.Add($"ALTER TABLE {table} ALTER COLUMN {column} DROP DEFAULT");
        if (beforeColumn != afterColumn || before.Type != after.Type)
        {
            var collate = FieldTypes.Get(after.Type).IsText ? " COLLATE " + _collation : "";
            _columns.Add($"ALTER TABLE {table} ALTER COLUMN {column} TYPE {afterColumn}{collate} USING {conversion.Using}");
        }
        if (after.Type == FieldType.Autonumber)
        {
            _tables.Add($"CREATE SEQUENCE IF NOT EXISTS {names.Sequence(tableName, after.Name)}");
            _columns.Add($"ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT {AutonumberDefault(tableName, after)}");
        }
        if (rebuildIndexes) AddKeysAndIndexes(tableName, after, checkData: !before.Unique || before.Type != after.Type);
    }

    private void ChangeCollation(string tableName, FieldDefinition field)
    {
        DropKeysAndIndexes(tableName, field);
        _columns.Add($"ALTER TABLE {names.Table(tableName)} ALTER COLUMN {Sql.Quote(field.Name)} TYPE {FieldTypes.Get(field.Type).ColumnType(field)} COLLATE {_collation}");
        AddKeysAndIndexes(tableName, field, checkData: true);
    }

    private string AutonumberDefault(string table, FieldDefinition field)
    {
        var (prefix, digits, suffix) = AutonumberFieldType.Parse(field.Format!)!.Value;
        var sequence = names.Sequence(table, field.Name);
        return $"{Sql.Quote(names.SystemSchema)}.autonumber({Sql.Literal(sequence)}::regclass, {Sql.Literal(prefix)}, {digits}, {Sql.Literal(suffix)})";
    }

    private string FieldPath(string table, string field)
    {
        var entityIndex = target.Entities.IndexOf(target.FindEntity(table)!);
        if (entityIndex >= 0)
            return $"$.entities[{entityIndex}].fields[{target.Entities[entityIndex].Fields.IndexOf(target.Entities[entityIndex].FindField(field)!)}]";
        var relationIndex = target.Relations.IndexOf(target.FindRelation(table)!);
        var relation = target.Relations[relationIndex];
        return $"$.relations[{relationIndex}].fields[{relation.Fields.IndexOf(relation.Fields.First(f => f.Name == field))}]";
    }
}
