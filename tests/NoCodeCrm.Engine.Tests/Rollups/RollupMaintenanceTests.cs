using NoCodeCrm.Engine.Errors;

namespace NoCodeCrm.Engine.Tests.Rollups;

/// <summary>Rollups follow every kind of write to the related records, in the same transaction.</summary>
public sealed class RollupMaintenanceTests
{
    [Fact]
    public async Task Count_sum_max_and_avg_follow_orders_as_they_are_created_changed_and_deleted()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithRollups);
        var ada = await host.CreateAsync("person", new { name = "Ada" });
        Assert.Equal(0L, await host.ValueAsync("person", ada, "order_count"));
        Assert.Equal(0m, await host.ValueAsync("person", ada, "order_total"));
        Assert.Null(await host.ValueAsync("person", ada, "average_order"));

        var first = await host.CreateAsync("sales_order", new { person = ada, total_amount = 100m, status = "confirmed", order_date = "2024-01-10" });
        var second = await host.CreateAsync("sales_order", new { person = ada, total_amount = 50.5m, status = "draft", order_date = "2024-03-01" });
        var person = await host.GetAsync("person", ada);
        Assert.Equal(2L, person["order_count"]);
        Assert.Equal(150.5m, person["order_total"]);
        Assert.Equal(new DateOnly(2024, 3, 1), person["last_order_date"]);
        Assert.Equal(75.25m, person["average_order"]);

        await host.PatchAsync("sales_order", first, new { total_amount = 200m });
        Assert.Equal(250.5m, await host.ValueAsync("person", ada, "order_total"));

        await host.DeleteAsync("sales_order", second);
        person = await host.GetAsync("person", ada);
        Assert.Equal(1L, person["order_count"]);
        Assert.Equal(200m, person["order_total"]);
        Assert.Equal(new DateOnly(2024, 1, 10), person["last_order_date"]);
    }

    [Fact]
    public async Task Filter_keeps_cancelled_orders_out_of_the_total_and_a_status_change_moves_them_in_and_out()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithRollups);
        var ada = await host.CreateAsync("person", new { name = "Ada" });
        var order = await host.CreateAsync("sales_order", new { person = ada, total_amount = 80m, status = "cancelled" });
        await host.CreateAsync("sales_order", new { person = ada, total_amount = 20m, status = "confirmed" });
        Assert.Equal(20m, await host.ValueAsync("person", ada, "order_total"));
        Assert.Equal(2L, await host.ValueAsync("person", ada, "order_count"));

        await host.PatchAsync("sales_order", order, new { status = "confirmed" });
        Assert.Equal(100m, await host.ValueAsync("person", ada, "order_total"));
        await host.PatchAsync("sales_order", order, new { status = "cancelled" });
        Assert.Equal(20m, await host.ValueAsync("person", ada, "order_total"));
    }

    [Fact]
    public async Task Moving_an_order_to_another_person_recomputes_the_old_and_the_new_person()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithRollups);
        var ada = await host.CreateAsync("person", new { name = "Ada" });
        var bob = await host.CreateAsync("person", new { name = "Bob" });
        var order = await host.CreateAsync("sales_order", new { person = ada, total_amount = 40m });

        await host.PatchAsync("sales_order", order, new { person = bob });
        Assert.Equal(0L, await host.ValueAsync("person", ada, "order_count"));
        Assert.Equal(0m, await host.ValueAsync("person", ada, "order_total"));
        Assert.Equal(1L, await host.ValueAsync("person", bob, "order_count"));
        Assert.Equal(40m, await host.ValueAsync("person", bob, "order_total"));

        await host.PatchAsync("sales_order", order, new { person = (Guid?)null });
        Assert.Equal(0L, await host.ValueAsync("person", bob, "order_count"));
    }

    [Fact]
    public async Task Restoring_a_deleted_order_counts_it_again()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithRollups);
        var ada = await host.CreateAsync("person", new { name = "Ada" });
        var order = await host.CreateAsync("sales_order", new { person = ada, total_amount = 30m });
        await host.DeleteAsync("sales_order", order);
        Assert.Equal(0L, await host.ValueAsync("person", ada, "order_count"));

        await host.RestoreAsync("sales_order", order);
        Assert.Equal(1L, await host.ValueAsync("person", ada, "order_count"));
        Assert.Equal(30m, await host.ValueAsync("person", ada, "order_total"));
    }

    [Fact]
    public async Task Orders_deleted_by_a_cascade_leave_their_person_rollups_and_come_back_when_the_cascade_is_restored()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithRollups);
        var ada = await host.CreateAsync("person", new { name = "Ada" });
        var acme = await host.CreateAsync("company", new { name = "Acme" });
        await host.CreateAsync("sales_order", new { person = ada, company = acme, total_amount = 10m });
        await host.CreateAsync("sales_order", new { person = ada, company = acme, total_amount = 5m });
        await host.CreateAsync("sales_order", new { person = ada, total_amount = 1m });

        await host.DeleteAsync("company", acme);
        Assert.Equal(1L, await host.ValueAsync("person", ada, "order_count"));
        Assert.Equal(1m, await host.ValueAsync("person", ada, "order_total"));

        await host.RestoreAsync("company", acme);
        Assert.Equal(3L, await host.ValueAsync("person", ada, "order_count"));
        Assert.Equal(16m, await host.ValueAsync("person", ada, "order_total"));
    }

    [Fact]
    public async Task A_person_restored_after_its_orders_were_detached_counts_only_what_still_points_at_it()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithRollups);
        var ada = await host.CreateAsync("person", new { name = "Ada" });
        await host.CreateAsync("sales_order", new { person = ada, total_amount = 10m });
        Assert.Equal(1L, await host.ValueAsync("person", ada, "order_count"));

        // onDelete setNull detaches the order for good; restoring the person does not reattach it.
        await host.DeleteAsync("person", ada);
        await host.RestoreAsync("person", ada);
        Assert.Equal(0L, await host.ValueAsync("person", ada, "order_count"));
        Assert.Equal(0m, await host.ValueAsync("person", ada, "order_total"));
    }

    [Fact]
    public async Task Recomputing_a_rollup_does_not_change_the_person_version_so_users_get_no_needless_conflicts()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithRollups);
        var ada = await host.CreateAsync("person", new { name = "Ada" });
        var version = (await host.GetAsync("person", ada)).Version;
        await host.CreateAsync("sales_order", new { person = ada, total_amount = 10m });

        var person = await host.GetAsync("person", ada);
        Assert.Equal(1L, person["order_count"]);
        Assert.Equal(version, person.Version);
        await host.Records.PatchAsync(RollupHost.Admin, "person", ada, System.Text.Json.JsonSerializer.SerializeToElement(new { name = "Ada L." }), version, CancellationToken.None);
    }

    [Fact]
    public async Task Writing_a_rollup_field_through_the_api_is_refused_as_read_only()
    {
        await using var host = await RollupHost.StartAsync(RollupModels.WithRollups);
        var ex = await Assert.ThrowsAsync<CrmException>(() => host.CreateAsync("person", new { name = "Ada", order_count = 5 }));
        Assert.Equal(CrmErrorKind.Validation, ex.Kind);
        var error = Assert.Single(ex.Errors);
        Assert.Equal(("$.order_count", "readOnly"), (error.Path, error.Code));

        var ada = await host.CreateAsync("person", new { name = "Ada" });
        ex = await Assert.ThrowsAsync<CrmException>(() => host.PatchAsync("person", ada, new { order_total = 1 }));
        Assert.Equal(("$.order_total", "readOnly"), (ex.Errors[0].Path, ex.Errors[0].Code));
    }
}
