using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Publishing;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Tests.Schema;

public sealed class SchemaPlannerTests
{
    private static CrmModel Model(string json) => ModelJson.Parse(json);

    private const string Base = """
        {"settings":{"defaultLanguage":"tr","languages":["tr"]},
         "entities":[
           {"name":"company","fields":[{"name":"name","type":"text","searchable":true}]},
           {"name":"ticket","fields":[
             {"name":"number","type":"autonumber","format":"TK-{0000}"},
             {"name":"email","type":"email","unique":true},
             {"name":"company","type":"lookup","target":"company","onDelete":"cascade"},
             {"name":"tags","type":"multiChoice","options":[{"value":"a"}]}]}]}
        """;

    [Fact]
    public void A_new_model_creates_tables_first_then_columns_then_keys_and_indexes()
    {
        var plan = SchemaPlanner.Plan(SchemaNames.Default, Model(Base), SchemaDiff.Compute(CrmModel.Empty, Model(Base)));

        Assert.Equal(
        [
            "CREATE TABLE \"crm\".\"company\"",
            "CREATE TABLE \"crm\".\"ticket\"",
            "CREATE SEQUENCE IF NOT EXISTS \"crm\".\"seq__ticket__number\"",
            "ALTER TABLE \"crm\".\"company\" ADD COLUMN \"name\" text COLLATE \"tr-x-icu\"",
            "ALTER TABLE \"crm\".\"ticket\" ADD COLUMN \"number\" text COLLATE \"tr-x-icu\" DEFAULT \"crm_system\".autonumber('\"crm\".\"seq__ticket__number\"'::regclass, 'TK-', 4, '')",
            "ALTER TABLE \"crm\".\"ticket\" ADD COLUMN \"email\" text COLLATE \"tr-x-icu\"",
            "ALTER TABLE \"crm\".\"ticket\" ADD COLUMN \"company\" uuid",
            "ALTER TABLE \"crm\".\"ticket\" ADD COLUMN \"tags\" text[]",
            "CREATE INDEX \"ix__company__owner\" ON \"crm\".\"company\" (\"owner\")",
            "CREATE INDEX \"ix__company__owning_team\" ON \"crm\".\"company\" (\"owning_team\")",
            "CREATE INDEX \"ix__company__owning_department\" ON \"crm\".\"company\" (\"owning_department\")",
            "CREATE INDEX \"ix__company__name\" ON \"crm\".\"company\" (\"name\")",
            "CREATE INDEX \"ow__company__name\" ON \"crm\".\"company\" (\"owner\", \"name\")",
            "CREATE INDEX \"ot__company__name\" ON \"crm\".\"company\" (\"owning_team\", \"name\")",
            "CREATE INDEX \"tg__company__name\" ON \"crm\".\"company\" USING gin (lower(\"name\") gin_trgm_ops)",
            "CREATE INDEX \"ix__ticket__owner\" ON \"crm\".\"ticket\" (\"owner\")",
            "CREATE INDEX \"ix__ticket__owning_team\" ON \"crm\".\"ticket\" (\"owning_team\")",
            "CREATE INDEX \"ix__ticket__owning_department\" ON \"crm\".\"ticket\" (\"owning_department\")",
            "CREATE UNIQUE INDEX \"ux__ticket__email\" ON \"crm\".\"ticket\" (lower(\"email\")) WHERE \"deleted_at\" IS NULL",
            "ALTER TABLE \"crm\".\"ticket\" ADD CONSTRAINT \"fk__ticket__company\" FOREIGN KEY (\"company\") REFERENCES \"crm\".\"company\" (\"id\") ON DELETE CASCADE",
            "CREATE INDEX \"ix__ticket__company\" ON \"crm\".\"ticket\" (\"company\")",
            "CREATE INDEX \"ix__ticket__tags\" ON \"crm\".\"ticket\" USING gin (\"tags\")",
        ], plan.Statements.Select(s => s.StartsWith("CREATE TABLE", StringComparison.Ordinal) ? s[..s.IndexOf(" (", StringComparison.Ordinal)] : s));
        Assert.Empty(plan.Checks);
        Assert.Empty(plan.Errors);
    }

    [Fact]
    public void Leaving_a_field_out_retires_it_and_changes_nothing_physical()
    {
        var before = Model(Base) with { Version = 1 };
        var next = Model(Base.Replace("""{"name":"tags","type":"multiChoice","options":[{"value":"a"}]}""", """{"name":"extra","type":"integer"}""", StringComparison.Ordinal));
        var merged = RetiredCarryOver.Apply(before, next);

        var tags = merged.FindEntity("ticket")!.FindField("tags")!;
        Assert.True(tags.Retired);
        var changes = SchemaDiff.Compute(before, merged);
        Assert.Equal(["extra"], changes.OfType<AddFieldChange>().Select(c => c.Field.Name));
        Assert.DoesNotContain(changes, c => c is AlterFieldChange);
    }

    [Fact]
    public void A_type_change_asks_the_data_first_and_an_impossible_one_is_an_error()
    {
        var before = Model(Base);
        var toInteger = Model(Base.Replace("\"type\":\"email\",\"unique\":true", "\"type\":\"integer\"", StringComparison.Ordinal));
        var plan = SchemaPlanner.Plan(SchemaNames.Default, toInteger, SchemaDiff.Compute(before, toInteger));
        var check = Assert.Single(plan.Checks);
        Assert.Equal("$.entities[1].fields[1]", check.Path);
        Assert.Contains("!~ '^[+-]?[0-9]{1,18}$'", check.FailurePredicate, StringComparison.Ordinal);
        Assert.Contains(plan.Statements, s => s.Contains("TYPE bigint USING trim(\"email\")::bigint", StringComparison.Ordinal));

        var lookupToDate = Model(Base.Replace("{\"name\":\"company\",\"type\":\"lookup\",\"target\":\"company\",\"onDelete\":\"cascade\"}", "{\"name\":\"company\",\"type\":\"date\"}", StringComparison.Ordinal));
        var impossible = SchemaPlanner.Plan(SchemaNames.Default, lookupToDate, SchemaDiff.Compute(before, lookupToDate));
        Assert.Equal("unsupportedTypeChange", Assert.Single(impossible.Errors).Code);
    }

    [Fact]
    public void Long_physical_names_stay_within_63_characters_and_stay_distinct()
    {
        var a = SchemaNames.Derived("ux", new string('a', 60), new string('b', 60));
        var b = SchemaNames.Derived("ux", new string('a', 60), new string('b', 59) + "c");
        Assert.True(a.Length <= 63);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Identifiers_that_are_not_api_names_never_reach_sql()
    {
        Assert.Throws<ArgumentException>(() => Sql.Quote("person\"; DROP TABLE x; --"));
        Assert.Throws<ArgumentException>(() => Sql.Quote("Person"));
        Assert.Equal("'it''s'", Sql.Literal("it's"));
    }

    [Fact]
    public void Tightening_max_length_checks_the_data_without_rebuilding_indexes()
    {
        var before = Model(Base);
        var after = Model(Base.Replace("\"type\":\"email\",\"unique\":true", "\"type\":\"email\",\"unique\":true,\"maxLength\":50", StringComparison.Ordinal));
        var plan = SchemaPlanner.Plan(SchemaNames.Default, after, SchemaDiff.Compute(before, after));
        Assert.Empty(plan.Statements);
        Assert.Equal("length(\"email\") > 50", Assert.Single(plan.Checks).FailurePredicate.Split(" OR ")[0].Trim('(', ')'));
    }
}
