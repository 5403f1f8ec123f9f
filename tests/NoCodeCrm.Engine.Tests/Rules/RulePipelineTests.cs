using System.Text.Json;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Publishing;
using NoCodeCrm.Engine.Query;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Rules;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;
using NoCodeCrm.Engine.Tests.Infrastructure;

namespace NoCodeCrm.Engine.Tests.Rules;

/// <summary>Rules in the record pipeline against real PostgreSQL: default expressions → calculated fields → validation rules.</summary>
public sealed class RulePipelineTests : IAsyncLifetime
{
    private const string Document = """
        {"settings":{"defaultLanguage":"en","languages":["en","tr"]},
         "entities":[
          {"name":"company","fields":[
            {"name":"name","type":"text","required":true},
            {"name":"sector","type":"choice","options":[{"value":"retail"},{"value":"finance"}]},
            {"name":"parent","type":"lookup","target":"company","onDelete":"setNull"}]},
          {"name":"offer","fields":[
            {"name":"title","type":"text","required":true},
            {"name":"quantity","type":"integer"},
            {"name":"unit_price","type":"currency"},
            {"name":"discount_percent","type":"percent"},
            {"name":"approved","type":"boolean"},
            {"name":"total","type":"currency","formula":"crm.round((record.quantity || 0) * (record.unit_price || 0) * (1 - (record.discount_percent || 0) / 100), 2)"},
            {"name":"title_key","type":"text","formula":"crm.fold(record.title)"},
            {"name":"valid_until","type":"date","defaultExpression":"crm.addDays(now, 30)"},
            {"name":"code","type":"text","required":true,"defaultExpression":"'OF-' + crm.upperTr(record.title).substring(0, 3)"},
            {"name":"company","type":"lookup","target":"company","onDelete":"setNull"}],
           "rules":[
            {"name":"discount_limit","field":"discount_percent",
             "condition":{"all":[{"field":"discount_percent","operator":"gt","value":20},{"not":{"field":"approved","operator":"eq","value":true}}]},
             "message":{"en":"Discounts above 20% need approval.","tr":"%20 üzeri indirim onay gerektirir."}},
            {"name":"quantity_positive","field":"quantity",
             "condition":{"field":"quantity","operator":"le","value":0},
             "message":{"en":"The quantity must be positive.","tr":"Miktar pozitif olmalı."}},
            {"name":"retail_group_cap","field":"total",
             "condition":{"all":[{"field":"company/parent/sector","operator":"eq","value":"retail"},{"field":"total","operator":"gt","value":10000}]},
             "message":{"en":"Retail group offers are capped at 10,000."}},
            {"name":"no_finance_by_script",
             "condition":{"script":"related.company !== null && related.company.sector === 'finance' && record.quantity > 100"}}]}]}
        """;

    private NpgsqlDataSource _dataSource = null!;
    private ModelRegistry _registry = null!;
    private RecordService _records = null!;
    private RecordQueryService _query = null!;
    private MetadataPublisher _publisher = null!;
    private readonly CrmPrincipal _english = CrmPrincipal.Administrator("en");
    private readonly CrmPrincipal _turkish = CrmPrincipal.Administrator("tr");

    public async Task InitializeAsync()
    {
        _dataSource = new NpgsqlDataSourceBuilder(await TestPostgres.CreateDatabaseAsync()).Build();
        _registry = new ModelRegistry(SchemaNames.Default);
        _publisher = new MetadataPublisher(_dataSource, _registry, new MetadataStore(SchemaNames.Default));
        await using (var connection = await _dataSource.OpenConnectionAsync()) await SystemSchema.EnsureAsync(connection, SchemaNames.Default, default);
        await _publisher.PublishAsync(new PublishRequest(Document, "test"), default);
        var access = new AdministratorOnlyAccessPolicy();
        _records = new RecordService(_dataSource, _registry, access, [], new RuleEngine());
        _query = new RecordQueryService(_dataSource, _registry, access);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    private static JsonElement Body(object value) => JsonSerializer.SerializeToElement(value);

    private Task<StoredRecord> Create(string entity, object body, CrmPrincipal? principal = null) =>
        _records.CreateAsync(principal ?? _english, entity, Body(body), default);

    [Fact]
    public async Task Calculated_fields_are_stored_on_create_and_recomputed_when_only_an_input_changes()
    {
        var offer = await Create("offer", new { title = "Şirin çiçekçi", quantity = 3, unit_price = 19.99m, discount_percent = 10m });
        Assert.Equal(53.97m, offer["total"]);
        Assert.Equal("sirin cicekci", offer["title_key"]);

        var patched = await _records.PatchAsync(_english, "offer", offer.Id, Body(new { quantity = 5 }), null, default);
        Assert.Equal(89.96m, patched["total"]);
        var read = await _records.GetAsync(_english, "offer", offer.Id, default);
        Assert.Equal(89.96m, read["total"]);
    }

    [Fact]
    public async Task Calculated_fields_are_usable_in_filters_because_they_are_stored()
    {
        await Create("offer", new { title = "filter small", quantity = 1, unit_price = 10m });
        var big = await Create("offer", new { title = "filter big", quantity = 100, unit_price = 10m });
        var page = await _query.QueryAsync(_english, "offer",
            RecordQueryOptions.FromParameters("total ge 1000 and startswith(title, 'filter')", null, null, null, null, null, null, null, null), default);
        Assert.Equal(big.Id, Assert.Single(page.Records).Id);
    }

    [Fact]
    public async Task A_calculated_field_cannot_be_written_through_the_api()
    {
        var error = await Assert.ThrowsAsync<CrmException>(() => Create("offer", new { title = "x", total = 5m }));
        Assert.Contains(error.Errors, e => e.Path == "$.total" && e.Code == "readOnly");
    }

    [Fact]
    public async Task Default_expressions_fill_left_out_fields_on_create_only()
    {
        var offer = await Create("offer", new { title = "istanbul teklifi" });
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), offer["valid_until"]);
        Assert.Equal("OF-İST", offer["code"]);

        var given = await Create("offer", new { title = "given", valid_until = "2030-01-01", code = "MINE" });
        Assert.Equal(new DateOnly(2030, 1, 1), given["valid_until"]);
        Assert.Equal("MINE", given["code"]);

        var patched = await _records.PatchAsync(_english, "offer", given.Id, Body(new { title = "renamed" }), null, default);
        Assert.Equal("MINE", patched["code"]);
    }

    [Fact]
    public async Task Every_failing_rule_is_reported_at_once_on_its_field_in_the_users_language()
    {
        var error = await Assert.ThrowsAsync<CrmException>(() =>
            Create("offer", new { title = "bad", quantity = -1, unit_price = 10m, discount_percent = 25m }, _turkish));
        Assert.Equal(CrmErrorKind.Validation, error.Kind);
        Assert.Equal(2, error.Errors.Count);
        Assert.Contains(error.Errors, e => e.Path == "$.discount_percent" && e.Code == "ruleViolated" && e.Message == "%20 üzeri indirim onay gerektirir.");
        Assert.Contains(error.Errors, e => e.Path == "$.quantity" && e.Message == "Miktar pozitif olmalı.");

        var english = await Assert.ThrowsAsync<CrmException>(() =>
            Create("offer", new { title = "bad", quantity = 1, discount_percent = 25m }, _english));
        Assert.Equal("Discounts above 20% need approval.", Assert.Single(english.Errors).Message);

        Assert.Equal(0, await CountAsync("bad"));
        await Create("offer", new { title = "approved", quantity = 1, discount_percent = 25m, approved = true });
    }

    [Fact]
    public async Task Validation_rules_also_run_on_update_against_the_merged_record()
    {
        var offer = await Create("offer", new { title = "patch me", quantity = 1, discount_percent = 25m, approved = true });
        var error = await Assert.ThrowsAsync<CrmException>(() =>
            _records.PatchAsync(_english, "offer", offer.Id, Body(new { approved = false }), null, default));
        Assert.Equal("$.discount_percent", Assert.Single(error.Errors).Path);
        Assert.Equal(true, (await _records.GetAsync(_english, "offer", offer.Id, default))["approved"]);
    }

    [Fact]
    public async Task Conditions_follow_lookup_paths_and_scripts_read_related_records()
    {
        var group = await Create("company", new { name = "Migros Group", sector = "retail" });
        var store = await Create("company", new { name = "Migros Kadıköy", parent = group.Id });
        var bank = await Create("company", new { name = "Bank", sector = "finance" });

        await Create("offer", new { title = "small retail", quantity = 10, unit_price = 100m, company = store.Id });
        var capped = await Assert.ThrowsAsync<CrmException>(() =>
            Create("offer", new { title = "big retail", quantity = 200, unit_price = 100m, company = store.Id }));
        Assert.Equal("$.total", Assert.Single(capped.Errors).Path);

        var scripted = await Assert.ThrowsAsync<CrmException>(() =>
            Create("offer", new { title = "big bank", quantity = 101, unit_price = 1m, company = bank.Id }));
        var violation = Assert.Single(scripted.Errors);
        Assert.Equal("$", violation.Path);
        Assert.Equal("The record breaks the rule 'no_finance_by_script'.", violation.Message);

        await Create("offer", new { title = "big, no company", quantity = 200, unit_price = 100m });
    }

    [Fact]
    public async Task Entities_without_rules_are_written_as_before()
    {
        var company = await Create("company", new { name = "Plain" });
        Assert.Equal("Plain", company["name"]);
    }

    [Fact]
    public async Task A_hostile_formula_fails_the_write_with_the_rule_named_and_nothing_is_stored()
    {
        var model = Document.Replace("\"formula\":\"crm.fold(record.title)\"", "\"formula\":\"(function f() { return f(); })()\"", StringComparison.Ordinal);
        await _publisher.PublishAsync(new PublishRequest(model, "test"), default);
        var error = await Assert.ThrowsAsync<CrmException>(() => Create("offer", new { title = "hostile" }));
        Assert.Equal("ruleFailed", error.Code);
        var failure = Assert.Single(error.Errors);
        Assert.Equal("$.title_key", failure.Path);
        Assert.Contains("Rule 'offer.title_key (formula)' was stopped: it nested function calls deeper than", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("hostile"));
        await _publisher.PublishAsync(new PublishRequest(Document, "test"), default);
    }

    [Theory]
    [InlineData("\"formula\":\"crm.fold(record.title)\"", "\"formula\":\"crm.fold(record.title\"", "$.entities[1].fields[6].formula", "scriptSyntax")]
    [InlineData("{\"name\":\"company\",\"type\":\"lookup\",\"target\":\"company\",\"onDelete\":\"setNull\"}]", "{\"name\":\"company\",\"type\":\"lookup\",\"target\":\"company\",\"onDelete\":\"setNull\",\"formula\":\"null\"}]", "$.entities[1].fields[9].formula", "settingNotAllowed")]
    [InlineData("\"operator\":\"le\",\"value\":0", "\"operator\":\"le\",\"value\":\"zero\"", "$.entities[1].rules[1].condition.value", "invalidValue")]
    [InlineData("\"operator\":\"le\",\"value\":0", "\"operator\":\"below\",\"value\":0", "$.entities[1].rules[1].condition.operator", "unknownOperator")]
    [InlineData("company/parent/sector", "company/parent/size", "$.entities[1].rules[2].condition.all[0].field", "unknownField")]
    [InlineData("\"name\":\"quantity_positive\",\"field\":\"quantity\"", "\"name\":\"quantity_positive\",\"field\":\"qty\"", "$.entities[1].rules[1].field", "unknownField")]
    [InlineData("\"name\":\"quantity_positive\"", "\"name\":\"discount_limit\"", "$.entities[1].rules[1].name", "duplicateName")]
    [InlineData("related.company !== null", "related.title !== null", "$.entities[1].rules[3].condition.script", "unknownLookup")]
    [InlineData("\"defaultExpression\":\"crm.addDays(now, 30)\"", "\"defaultExpression\":\"crm.addDays(now, 30)\",\"default\":\"2025-01-01\"", "$.entities[1].fields[7].defaultExpression", "conflictingSettings")]
    public async Task Publishing_refuses_bad_rule_metadata_with_json_paths(string from, string to, string path, string code)
    {
        Assert.Contains(from, Document, StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<CrmException>(() =>
            _publisher.PublishAsync(new PublishRequest(Document.Replace(from, to, StringComparison.Ordinal), "test"), default));
        Assert.Equal(CrmErrorKind.Validation, error.Kind);
        Assert.Contains(error.Errors, e => e.Path == path && e.Code == code);
    }

    private async Task<long> CountAsync(string title)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM crm.offer WHERE title = @t", connection);
        command.Parameters.AddWithValue("t", title);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
