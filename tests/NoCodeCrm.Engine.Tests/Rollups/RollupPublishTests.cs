using NoCodeCrm.Engine.Errors;

namespace NoCodeCrm.Engine.Tests.Rollups;

/// <summary>Publishing a new or changed rollup fills it for the records that already exist.</summary>
public sealed class RollupPublishTests
{
    [Fact]
    public async Task Publishing_new_rollups_fills_them_for_existing_records_and_new_records_start_at_zero()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithoutRollups);
        var ada = await host.CreateAsync("person", new { name = "Ada" });
        var bob = await host.CreateAsync("person", new { name = "Bob" });
        await host.CreateAsync("sales_order", new { person = ada, total_amount = 10m, status = "confirmed", order_date = RollupModels.Today(daysAgo: 1) });
        await host.CreateAsync("sales_order", new { person = ada, total_amount = 99m, status = "cancelled", order_date = RollupModels.Today(monthsAgo: 6) });
        var gone = await host.CreateAsync("sales_order", new { person = ada, total_amount = 1000m });
        await host.DeleteAsync("sales_order", gone);

        await host.PublishAsync(RollupModels.WithRollups);

        var person = await host.GetAsync("person", ada);
        Assert.Equal(2L, person["order_count"]);
        Assert.Equal(10m, person["order_total"]);
        Assert.Equal(1L, person["orders_last_3_months"]);
        Assert.Equal(54.5m, person["average_order"]);
        Assert.Equal(0L, await host.ValueAsync("person", bob, "order_count"));
        Assert.Equal(0m, await host.ValueAsync("person", bob, "order_total"));
        Assert.Null(await host.ValueAsync("person", bob, "last_order_date"));
        var carl = await host.CreateAsync("person", new { name = "Carl" });
        Assert.Equal(0L, await host.ValueAsync("person", carl, "order_count"));
    }

    [Fact]
    public async Task Changing_a_rollup_filter_recomputes_it_for_existing_records()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithRollups);
        var ada = await host.CreateAsync("person", new { name = "Ada" });
        await host.CreateAsync("sales_order", new { person = ada, total_amount = 10m, status = "confirmed" });
        await host.CreateAsync("sales_order", new { person = ada, total_amount = 5m, status = "draft" });
        Assert.Equal(15m, await host.ValueAsync("person", ada, "order_total"));

        await host.PublishAsync(RollupModels.WithRollups.Replace("status ne 'cancelled'", "status eq 'confirmed'", StringComparison.Ordinal));
        Assert.Equal(10m, await host.ValueAsync("person", ada, "order_total"));

        // The new filter is also what later writes use.
        await host.CreateAsync("sales_order", new { person = ada, total_amount = 7m, status = "draft" });
        Assert.Equal(10m, await host.ValueAsync("person", ada, "order_total"));
    }

    [Fact]
    public async Task A_field_that_stops_being_a_rollup_becomes_writable_and_keeps_its_values()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithRollups);
        var ada = await host.CreateAsync("person", new { name = "Ada" });
        await host.CreateAsync("sales_order", new { person = ada });
        var plain = RollupModels.WithRollups.Replace(
            """{"name": "order_count", "type": "integer", "rollup": {"entity": "sales_order", "via": "person", "aggregate": "count"}}""",
            """{"name": "order_count", "type": "integer"}""", StringComparison.Ordinal);
        await host.PublishAsync(plain);

        Assert.Equal(1L, await host.ValueAsync("person", ada, "order_count"));
        await host.PatchAsync("person", ada, new { order_count = 42 });
        Assert.Equal(42L, await host.ValueAsync("person", ada, "order_count"));
        var bob = await host.CreateAsync("person", new { name = "Bob" });
        Assert.Null(await host.ValueAsync("person", bob, "order_count"));
    }

    [Fact]
    public async Task An_invalid_rollup_is_refused_at_publish_with_the_path_of_each_mistake()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithoutRollups);
        var document = RollupModels.WithoutRollups.Replace("""{"name": "name", "type": "text"}]}""", """
            {"name": "name", "type": "text"},
            {"name": "a", "type": "integer", "rollup": {"entity": "nothing", "via": "person", "aggregate": "count"}},
            {"name": "b", "type": "integer", "rollup": {"entity": "sales_order", "via": "company", "aggregate": "count"}},
            {"name": "c", "type": "integer", "rollup": {"entity": "sales_order", "via": "person", "aggregate": "sum", "field": "title"}},
            {"name": "d", "type": "integer", "rollup": {"entity": "sales_order", "via": "person", "aggregate": "count", "filter": "status eq 'lost'"}},
            {"name": "e", "type": "integer", "rollup": {"entity": "sales_order", "via": "person", "aggregate": "count", "filter": "status eq"}},
            {"name": "f", "type": "date", "rollup": {"entity": "sales_order", "via": "person", "aggregate": "count"}},
            {"name": "g", "type": "integer", "rollup": {"entity": "sales_order", "via": "person", "aggregate": "count", "window": {"field": "title", "days": 3, "months": 1}}},
            {"name": "h", "type": "text", "rollup": {"entity": "sales_order", "via": "person", "aggregate": "max", "field": "order_date"}}]}
            """, StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<CrmException>(() => host.PublishAsync(document));
        Assert.Equal(CrmErrorKind.Validation, ex.Kind);
        var errors = ex.Errors.Select(e => (e.Path, e.Code)).ToHashSet();
        const string f = "$.entities[0].fields";
        Assert.Contains(($"{f}[1].rollup.entity", "unknownEntity"), errors);
        Assert.Contains(($"{f}[2].rollup.via", "notALookupToThisEntity"), errors);
        Assert.Contains(($"{f}[3].rollup.aggregate", "aggregateTypeMismatch"), errors);
        Assert.Contains(($"{f}[4].rollup.filter", "invalidFilter"), errors);
        Assert.Contains(($"{f}[5].rollup.filter", "invalidFilter"), errors);
        Assert.Contains(($"{f}[6].rollup.aggregate", "aggregateTypeMismatch"), errors);
        Assert.Contains(($"{f}[7].rollup.window.field", "invalidWindowField"), errors);
        Assert.Contains(($"{f}[7].rollup.window", "invalidWindow"), errors);
        Assert.Contains(($"{f}[8].type", "invalidRollupType"), errors);
        Assert.Equal(1, host.Registry.Current.Version);
    }

    [Fact]
    public async Task An_unknown_aggregate_is_refused_by_the_document_shape()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithoutRollups);
        var document = RollupModels.WithoutRollups.Replace("""{"name": "name", "type": "text"}]}""",
            """{"name": "name", "type": "text"}, {"name": "n", "type": "integer", "rollup": {"entity": "sales_order", "via": "person", "aggregate": "median"}}]}""",
            StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<CrmException>(() => host.PublishAsync(document));
        Assert.Contains(ex.Errors, e => e.Path == "$.entities[0].fields[1].rollup.aggregate");
    }

    [Fact]
    public async Task A_rollup_over_a_rollup_or_through_a_lookup_in_its_filter_is_refused()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithRollups);
        var document = RollupModels.WithRollups.Replace("""{"name": "name", "type": "text"},""",
            """{"name": "name", "type": "text"}, {"name": "region", "type": "lookup", "target": "region"},""", StringComparison.Ordinal)
            .Replace("""{"name": "company", "fields": [{"name": "name", "type": "text"}]}""", """
            {"name": "company", "fields": [
              {"name": "name", "type": "text"},
              {"name": "x", "type": "integer", "rollup": {"entity": "sales_order", "via": "company", "aggregate": "count", "filter": "person/name eq 'Ada'"}}
            ]},
            {"name": "region", "fields": [
              {"name": "y", "type": "integer", "rollup": {"entity": "person", "via": "region", "aggregate": "sum", "field": "order_count"}}
            ]}
            """, StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<CrmException>(() => host.PublishAsync(document));
        var errors = ex.Errors.Select(e => (e.Path, e.Code)).ToHashSet();
        Assert.Contains(("$.entities[1].fields[1].rollup.filter", "invalidFilter"), errors);
        Assert.Contains(("$.entities[2].fields[0].rollup.field", "rollupOfRollup"), errors);
    }
}
