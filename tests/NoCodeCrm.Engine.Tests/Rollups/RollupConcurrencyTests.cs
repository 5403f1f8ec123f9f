namespace NoCodeCrm.Engine.Tests.Rollups;

/// <summary>Concurrent writers of related records never lose each other's contribution.</summary>
public sealed class RollupConcurrencyTests
{
    [Fact]
    public async Task Concurrent_order_inserts_for_one_person_give_the_right_count_and_total()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithRollups);
        var ada = await host.CreateAsync("person", new { name = "Ada" });
        const int writers = 24;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(() => host.CreateAsync("sales_order", new { person = ada, total_amount = i + 1 }))));

        Assert.Equal((long)writers, await host.ValueAsync("person", ada, "order_count"));
        Assert.Equal(writers * (writers + 1) / 2m, await host.ValueAsync("person", ada, "order_total"));
    }

    [Fact]
    public async Task Concurrent_moves_between_two_people_in_both_directions_neither_deadlock_nor_lose_orders()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithRollups);
        var ada = await host.CreateAsync("person", new { name = "Ada" });
        var bob = await host.CreateAsync("person", new { name = "Bob" });
        var toBob = new List<Guid>();
        var toAda = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            toBob.Add(await host.CreateAsync("sales_order", new { person = ada }));
            toAda.Add(await host.CreateAsync("sales_order", new { person = bob }));
        }
        Assert.Equal(10L, await host.ValueAsync("person", ada, "order_count"));

        await Task.WhenAll(toBob.Select(o => Task.Run(() => host.PatchAsync("sales_order", o, new { person = bob })))
            .Concat(toAda.Select(o => Task.Run(() => host.PatchAsync("sales_order", o, new { person = ada })))));

        Assert.Equal(10L, await host.ValueAsync("person", ada, "order_count"));
        Assert.Equal(10L, await host.ValueAsync("person", bob, "order_count"));
    }
}
