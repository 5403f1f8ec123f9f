using NoCodeCrm.Engine.Query;

namespace NoCodeCrm.Engine.Tests.Rollups;

/// <summary>Time-windowed rollups count only recent children, drift as time passes and are put right by the refresher.</summary>
public sealed class RollupWindowTests
{
    [Fact]
    public async Task A_window_counts_only_orders_dated_within_the_last_three_months()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithRollups);
        var ada = await host.CreateAsync("person", new { name = "Ada" });
        await host.CreateAsync("sales_order", new { person = ada, order_date = RollupModels.Today(daysAgo: 1) });
        await host.CreateAsync("sales_order", new { person = ada, order_date = RollupModels.Today(monthsAgo: 2) });
        await host.CreateAsync("sales_order", new { person = ada, order_date = RollupModels.Today(monthsAgo: 4) });
        await host.CreateAsync("sales_order", new { person = ada });

        Assert.Equal(2L, await host.ValueAsync("person", ada, "orders_last_3_months"));
        Assert.Equal(4L, await host.ValueAsync("person", ada, "order_count"));
    }

    [Fact]
    public async Task The_windowed_refresh_drops_orders_that_aged_out_of_the_window()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithRollups);
        var ada = await host.CreateAsync("person", new { name = "Ada" });
        var bob = await host.CreateAsync("person", new { name = "Bob" });
        var order = await host.CreateAsync("sales_order", new { person = ada, order_date = RollupModels.Today(daysAgo: 1) });
        await host.CreateAsync("sales_order", new { person = bob, order_date = RollupModels.Today(daysAgo: 1) });
        Assert.Equal(1L, await host.ValueAsync("person", ada, "orders_last_3_months"));

        // Time passing looks to the engine like the date moving back without a write.
        await host.ExecuteAsync("UPDATE crm.sales_order SET order_date = CURRENT_DATE - 200 WHERE id = @id", order);
        Assert.Equal(1L, await host.ValueAsync("person", ada, "orders_last_3_months"));

        var changed = await host.Refresher.RefreshWindowedAsync(CancellationToken.None);
        Assert.Equal(1, changed);
        Assert.Equal(0L, await host.ValueAsync("person", ada, "orders_last_3_months"));
        Assert.Equal(1L, await host.ValueAsync("person", bob, "orders_last_3_months"));
        Assert.Equal(1L, await host.ValueAsync("person", ada, "order_count"));
    }

    [Fact]
    public async Task The_refresh_works_through_every_batch_of_parents()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithRollups);
        var people = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            var person = await host.CreateAsync("person", new { name = $"P{i}" });
            people.Add(person);
            await host.CreateAsync("sales_order", new { person, order_date = RollupModels.Today(daysAgo: 1) });
        }
        await using (var command = host.DataSource.CreateCommand("UPDATE crm.sales_order SET order_date = CURRENT_DATE - 200"))
            await command.ExecuteNonQueryAsync();

        var refresher = new NoCodeCrm.Engine.Rollups.RollupRefresher(host.DataSource, host.Registry) { BatchSize = 3 };
        Assert.Equal(7, await refresher.RefreshWindowedAsync(CancellationToken.None));
        foreach (var person in people)
            Assert.Equal(0L, await host.ValueAsync("person", person, "orders_last_3_months"));
    }

    [Fact]
    public async Task A_rollup_can_be_filtered_on_like_any_stored_field()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithRollups);
        var ada = await host.CreateAsync("person", new { name = "Ada" });
        var bob = await host.CreateAsync("person", new { name = "Bob" });
        await host.CreateAsync("sales_order", new { person = ada, order_date = RollupModels.Today(daysAgo: 1) });
        await host.CreateAsync("sales_order", new { person = ada, order_date = RollupModels.Today(daysAgo: 3) });
        await host.CreateAsync("sales_order", new { person = bob, order_date = RollupModels.Today(daysAgo: 3) });

        var page = await host.Query.QueryAsync(RollupHost.Admin, "person",
            new RecordQueryOptions { Filter = FilterParser.Parse("orders_last_3_months ge 2") }, CancellationToken.None);
        Assert.Equal([ada], page.Records.Select(r => r.Id));
    }
}
