using System.Text.Json;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Conditions;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Rules;
using NoCodeCrm.Engine.Rules.Conditions;

namespace NoCodeCrm.Engine.Tests.Rules;

/// <summary>Condition trees compiled to .NET delegates: every operator, typed values, lookup paths and relative dates.</summary>
public sealed class ConditionTests
{
    private static readonly RuleEngine Rules = new();

    private static ConditionDefinition Parse(string json) => JsonSerializer.Deserialize<ConditionDefinition>(json, ModelJson.Options)!;

    private static CompiledCondition Compile(string json) =>
        Rules.CompileCondition(RuleTestModel.Model, RuleTestModel.Deal, Parse(json), "test");

    private static bool Holds(string json, StoredRecord record, StoredRecord? previous = null) =>
        Compile(json).Evaluate(RuleTestModel.Context(record, previous));

    private static StoredRecord Deal(params (string, object?)[] values) => RuleTestModel.Record(RuleTestModel.Deal, values);

    [Theory]
    [InlineData("""{"field":"amount","operator":"gt","value":1000}""", true)]
    [InlineData("""{"field":"amount","operator":"ge","value":1500}""", true)]
    [InlineData("""{"field":"amount","operator":"lt","value":1500}""", false)]
    [InlineData("""{"field":"amount","operator":"le","value":1500.00}""", true)]
    [InlineData("""{"field":"amount","operator":"eq","value":1500}""", true)]
    [InlineData("""{"field":"amount","operator":"ne","value":1500}""", false)]
    [InlineData("""{"field":"probability","operator":"in","value":[10,60]}""", true)]
    [InlineData("""{"field":"probability","operator":"notIn","value":[10,60]}""", false)]
    [InlineData("""{"field":"stage","operator":"eq","value":"won"}""", true)]
    [InlineData("""{"field":"stage","operator":"in","value":["lost","open"]}""", false)]
    [InlineData("""{"field":"title","operator":"contains","value":"istanbul"}""", true)]
    [InlineData("""{"field":"title","operator":"startsWith","value":"İSTANBUL"}""", false)]
    [InlineData("""{"field":"title","operator":"startsWith","value":"BÜYÜK"}""", true)]
    [InlineData("""{"field":"title","operator":"endsWith","value":"şubesi"}""", true)]
    [InlineData("""{"field":"title","operator":"endsWith","value":"subesi"}""", false)]
    [InlineData("""{"field":"title","operator":"eq","value":"büyük istanbul şubesi"}""", false)]
    [InlineData("""{"field":"tags","operator":"has","value":"vip"}""", true)]
    [InlineData("""{"field":"tags","operator":"has","value":"risk"}""", false)]
    [InlineData("""{"field":"tags","operator":"in","value":["risk","new"]}""", true)]
    [InlineData("""{"field":"tags","operator":"notIn","value":["risk"]}""", true)]
    [InlineData("""{"field":"approved","operator":"eq","value":false}""", true)]
    [InlineData("""{"field":"approver","operator":"isNull"}""", true)]
    [InlineData("""{"field":"company","operator":"isNotNull"}""", false)]
    [InlineData("""{"field":"owner","operator":"eq","value":"currentUser"}""", true)]
    [InlineData("""{"field":"close_date","operator":"lt","value":"2025-07-01"}""", true)]
    [InlineData("""{"field":"closed_at","operator":"gt","value":"2025-06-01T00:00:00Z"}""", true)]
    public void Each_operator_compares_typed_values(string condition, bool expected)
    {
        var record = Deal(("amount", 1500m), ("probability", 60L), ("stage", "won"), ("title", "Büyük İstanbul Şubesi"),
            ("tags", new[] { "vip", "new" }), ("approved", false), ("close_date", new DateOnly(2025, 6, 30)),
            ("closed_at", new DateTime(2025, 6, 10, 8, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(expected, Holds(condition, record));
    }

    [Fact]
    public void Absent_values_satisfy_only_ne_notIn_and_isNull()
    {
        var empty = Deal();
        Assert.False(Holds("""{"field":"amount","operator":"gt","value":0}""", empty));
        Assert.False(Holds("""{"field":"amount","operator":"lt","value":0}""", empty));
        Assert.False(Holds("""{"field":"stage","operator":"eq","value":"won"}""", empty));
        Assert.True(Holds("""{"field":"stage","operator":"ne","value":"won"}""", empty));
        Assert.True(Holds("""{"field":"stage","operator":"notIn","value":["won"]}""", empty));
        Assert.True(Holds("""{"field":"tags","operator":"isNull"}""", Deal(("tags", Array.Empty<string>()))));
    }

    [Fact]
    public void All_any_and_not_combine_conditions()
    {
        const string condition = """
            {"all":[{"field":"amount","operator":"gt","value":1000},
                    {"any":[{"field":"stage","operator":"eq","value":"won"},{"not":{"field":"approved","operator":"eq","value":true}}]}]}
            """;
        Assert.True(Holds(condition, Deal(("amount", 2000m), ("stage", "open"), ("approved", false))));
        Assert.False(Holds(condition, Deal(("amount", 2000m), ("stage", "open"), ("approved", true))));
        Assert.True(Holds(condition, Deal(("amount", 2000m), ("stage", "won"), ("approved", true))));
        Assert.False(Holds(condition, Deal(("amount", 10m), ("stage", "won"))));
    }

    [Fact]
    public void Changed_compares_with_the_previous_version_and_never_holds_on_create()
    {
        const string condition = """{"field":"stage","operator":"changed"}""";
        Assert.True(Holds(condition, Deal(("stage", "won")), Deal(("stage", "open"))));
        Assert.False(Holds(condition, Deal(("stage", "won")), Deal(("stage", "won"))));
        Assert.False(Holds(condition, Deal(("stage", "won"))));
        Assert.True(Holds("""{"field":"tags","operator":"changed"}""", Deal(("tags", new[] { "vip" })), Deal(("tags", new[] { "new" }))));
        Assert.False(Holds("""{"field":"tags","operator":"changed"}""", Deal(("tags", new[] { "vip" })), Deal(("tags", new[] { "vip" }))));
    }

    [Fact]
    public void Relative_dates_count_from_the_moment_of_evaluation()
    {
        // Now is 2025-06-15 10:30 UTC.
        Assert.True(Holds("""{"field":"close_date","operator":"eq","value":"today"}""", Deal(("close_date", new DateOnly(2025, 6, 15)))));
        Assert.True(Holds("""{"field":"close_date","operator":"ge","value":{"daysAgo":90}}""", Deal(("close_date", new DateOnly(2025, 3, 17)))));
        Assert.False(Holds("""{"field":"close_date","operator":"ge","value":{"daysAgo":90}}""", Deal(("close_date", new DateOnly(2025, 3, 16)))));
        Assert.True(Holds("""{"field":"close_date","operator":"le","value":{"monthsAhead":1}}""", Deal(("close_date", new DateOnly(2025, 7, 15)))));
        Assert.True(Holds("""{"field":"closed_at","operator":"lt","value":{"daysAgo":1}}""", Deal(("closed_at", new DateTime(2025, 6, 14, 10, 0, 0, DateTimeKind.Utc)))));
        Assert.False(Holds("""{"field":"closed_at","operator":"lt","value":{"daysAgo":1}}""", Deal(("closed_at", new DateTime(2025, 6, 14, 11, 0, 0, DateTimeKind.Utc)))));
        Assert.True(Holds("""{"field":"closed_at","operator":"ge","value":"today"}""", Deal(("closed_at", new DateTime(2025, 6, 15, 0, 0, 0, DateTimeKind.Utc)))));
    }

    [Fact]
    public void Lookup_paths_read_expanded_records_and_are_listed_for_the_loader()
    {
        var condition = Compile("""{"all":[{"field":"company/sector","operator":"eq","value":"retail"},{"field":"company/parent/city","operator":"contains","value":"izmir"}]}""");
        Assert.Equal(["company", "company/parent"], condition.LookupPaths);

        var parent = RuleTestModel.Record(RuleTestModel.Company, ("city", "İZMİR"));
        var company = RuleTestModel.Record(RuleTestModel.Company, ("sector", "retail"), ("parent", parent.Id));
        company.Expanded = new() { ["parent"] = parent };
        var deal = Deal(("company", company.Id));
        deal.Expanded = new() { ["company"] = company };
        Assert.True(condition.Evaluate(RuleTestModel.Context(deal)));

        company.Expanded["parent"] = null;
        Assert.False(condition.Evaluate(RuleTestModel.Context(deal)));
        Assert.False(condition.Evaluate(RuleTestModel.Context(Deal())));
    }

    [Fact]
    public void A_script_node_is_the_escape_hatch()
    {
        var condition = """{"all":[{"field":"stage","operator":"eq","value":"won"},{"script":"record.amount * 0.2 > 100"}]}""";
        Assert.True(Holds(condition, Deal(("stage", "won"), ("amount", 600m))));
        Assert.False(Holds(condition, Deal(("stage", "won"), ("amount", 400m))));
        Assert.Equal(["company"], Compile("""{"script":"related.company !== null && related.company.sector === 'retail'"}""").LookupPaths);
    }

    [Fact]
    public void A_condition_is_compiled_once_per_model_version()
    {
        var definition = Parse("""{"field":"amount","operator":"gt","value":1}""");
        Assert.Same(Rules.CompileCondition(RuleTestModel.Model, RuleTestModel.Deal, definition, "x"),
                     Rules.CompileCondition(RuleTestModel.Model, RuleTestModel.Deal, definition, "x"));
    }

    [Theory]
    [InlineData("""{"field":"nope","operator":"eq","value":1}""", "$.field", "unknownField")]
    [InlineData("""{"field":"amount","operator":"like","value":1}""", "$.operator", "unknownOperator")]
    [InlineData("""{"field":"amount","operator":"gt","value":"much"}""", "$.value", "invalidValue")]
    [InlineData("""{"field":"probability","operator":"eq","value":1.5}""", "$.value", "invalidValue")]
    [InlineData("""{"field":"stage","operator":"eq","value":"maybe"}""", "$.value", "invalidValue")]
    [InlineData("""{"field":"stage","operator":"gt","value":"won"}""", "$.operator", "operatorNotAllowed")]
    [InlineData("""{"field":"tags","operator":"has","value":"gold"}""", "$.value", "invalidValue")]
    [InlineData("""{"field":"amount","operator":"contains","value":"1"}""", "$.operator", "operatorNotAllowed")]
    [InlineData("""{"field":"close_date","operator":"lt","value":{"weeksAgo":2}}""", "$.value", "invalidValue")]
    [InlineData("""{"field":"close_date","operator":"lt","value":"2025-02-30"}""", "$.value", "invalidValue")]
    [InlineData("""{"field":"amount","operator":"isNull","value":1}""", "$.value", "valueNotAllowed")]
    [InlineData("""{"field":"amount","operator":"gt"}""", "$.value", "required")]
    [InlineData("""{"field":"title/name","operator":"eq","value":"x"}""", "$.field", "unknownLookup")]
    [InlineData("""{"field":"company/sector","operator":"changed"}""", "$.field", "notAllowed")]
    [InlineData("""{"all":[{"field":"amount","operator":"gt","value":1},{"field":"x","operator":"eq","value":1}]}""", "$.all[1].field", "unknownField")]
    [InlineData("""{"not":{"script":"record.amount >"}}""", "$.not.script", "scriptSyntax")]
    [InlineData("""{"script":"related.title.name == 'x'"}""", "$.script", "unknownLookup")]
    [InlineData("""{"field":"amount","operator":"gt","value":1,"script":"true"}""", "$", "invalidCondition")]
    [InlineData("""{}""", "$", "invalidCondition")]
    public void Bad_conditions_are_refused_with_the_json_path_of_the_mistake(string json, string path, string code)
    {
        var errors = new List<CrmError>();
        RuleEngine.ValidateCondition(RuleTestModel.Model.Model, RuleTestModel.Deal.Definition, Parse(json), "$", errors);
        Assert.Contains(errors, e => e.Path == path && e.Code == code);
        var thrown = Assert.Throws<CrmException>(() => Compile(json));
        Assert.Equal(CrmErrorKind.Validation, thrown.Kind);
    }
}
