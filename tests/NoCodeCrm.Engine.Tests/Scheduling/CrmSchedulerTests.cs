using System.Text.Json.Nodes;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Scheduling;
using NoCodeCrm.Engine.Tests.Infrastructure;
using Quartz;

namespace NoCodeCrm.Engine.Tests.Scheduling;

public sealed class CrmSchedulerTests
{
    private static JsonObject CronRule(string name, string cron, string? timeZone = null, bool disabled = false) =>
        SchedulingNode.Rule(name, new JsonObject { ["type"] = "schedule", ["cron"] = cron, ["timeZone"] = timeZone }, disabled);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold in time.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Two_nodes_starting_at_once_share_one_quartz_schema_and_enqueue_each_cron_tick_once()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        await using var a = await SchedulingNode.StartAsync(connectionString);
        await a.PublishAsync(SchedulingNode.Model(CronRule("every_second", "* * * * * ?", "Europe/Istanbul")));
        await using var b = await SchedulingNode.StartAsync(connectionString);
        await using var schedulerA = a.CreateScheduler("node-a");
        await using var schedulerB = b.CreateScheduler("node-b");

        await Task.WhenAll(schedulerA.StartAsync(CancellationToken.None), schedulerB.StartAsync(CancellationToken.None));
        await WaitUntilAsync(async () => await a.ScalarAsync<long>("SELECT count(*) FROM crm_system.outbox WHERE rule = 'every_second'") >= 4,
            TimeSpan.FromSeconds(20));
        await schedulerA.StopAsync(CancellationToken.None);
        await schedulerB.StopAsync(CancellationToken.None);

        var ticks = await a.QueryAsync<(string Type, string? Entity, string ScheduledAt, string FiredAt)>(
            "SELECT type, entity, payload->>'scheduledAt', payload->>'firedAt' FROM crm_system.outbox WHERE rule = 'every_second'");
        Assert.All(ticks, t => Assert.Equal(("schedule", (string?)null), (t.Type, t.Entity)));
        Assert.Equal(ticks.Count, ticks.Select(t => t.ScheduledAt).Distinct().Count());
        Assert.All(ticks, t => Assert.EndsWith(".000Z", t.ScheduledAt, StringComparison.Ordinal));
        Assert.Equal(ticks.Count, await a.ScalarAsync<long>("SELECT count(*) FROM crm_system.schedule_ledger WHERE rule = 'every_second'"));
        Assert.Equal(2L, await a.ScalarAsync<long>("SELECT count(*) FROM crm_system.qrtz_scheduler_state WHERE sched_name = 'nocodecrm'"));
    }

    [Fact]
    public async Task A_tick_fired_again_after_recovery_is_not_enqueued_twice()
    {
        await using var node = await SchedulingNode.StartAsync(await TestPostgres.CreateDatabaseAsync());
        await node.PublishAsync(SchedulingNode.Model(CronRule("nightly", "0 0 2 * * ?")));
        var rule = node.Registry.Current.Model.Automations.Single();
        var writer = new ScheduleTickWriter(node.DataSource, node.Registry.Names);
        var tick = new DateTimeOffset(2030, 1, 1, 2, 0, 0, TimeSpan.Zero);

        Assert.True(await writer.EnqueueTickAsync(rule, tick, tick.AddMilliseconds(12), CancellationToken.None));
        Assert.False(await writer.EnqueueTickAsync(rule, tick, tick.AddSeconds(40), CancellationToken.None));
        Assert.True(await writer.EnqueueTickAsync(rule, tick.AddDays(1), tick.AddDays(1), CancellationToken.None));
        Assert.Equal(2L, await node.ScalarAsync<long>("SELECT count(*) FROM crm_system.outbox WHERE rule = 'nightly' AND type = 'schedule'"));
    }

    [Fact]
    public async Task Publishing_adds_reschedules_and_removes_rule_triggers()
    {
        await using var node = await SchedulingNode.StartAsync(await TestPostgres.CreateDatabaseAsync());
        await node.PublishAsync(SchedulingNode.Model(CronRule("morning", "0 0 9 * * ?", "Europe/Istanbul")));
        await using var scheduler = node.CreateScheduler("node-a");
        await scheduler.StartAsync(CancellationToken.None);
        var morning = new TriggerKey("morning", CrmScheduler.RuleGroup);
        var weekly = new TriggerKey("weekly", CrmScheduler.RuleGroup);

        async Task<ICronTrigger?> TriggerAsync(TriggerKey key) => await scheduler.Quartz.GetTrigger(key) as ICronTrigger;
        var first = await TriggerAsync(morning);
        Assert.Equal(("0 0 9 * * ?", "Europe/Istanbul"), (first!.CronExpressionString, first.TimeZone.Id));

        await node.PublishAsync(SchedulingNode.Model(CronRule("morning", "0 30 8 * * ?", "Europe/Istanbul"), CronRule("weekly", "0 0 6 ? * MON")));
        await WaitUntilAsync(async () => (await TriggerAsync(morning))?.CronExpressionString == "0 30 8 * * ?" && await TriggerAsync(weekly) is not null,
            TimeSpan.FromSeconds(10));
        Assert.Equal("UTC", (await TriggerAsync(weekly))!.TimeZone.Id);

        await node.PublishAsync(SchedulingNode.Model(CronRule("morning", "0 30 8 * * ?", "Europe/Istanbul", disabled: true)));
        await WaitUntilAsync(async () => await TriggerAsync(morning) is null && await TriggerAsync(weekly) is null, TimeSpan.FromSeconds(10));
        Assert.Equal(node.Registry.Current.Version, await node.ScalarAsync<int>("SELECT model_version FROM crm_system.schedule_sync"));
    }

    [Fact]
    public async Task A_node_with_an_older_model_leaves_triggers_synced_from_a_newer_one()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        await using var a = await SchedulingNode.StartAsync(connectionString);
        await a.PublishAsync(SchedulingNode.Model());
        await using var b = await SchedulingNode.StartAsync(connectionString);   // b stays at this version
        await a.PublishAsync(SchedulingNode.Model(CronRule("morning", "0 0 9 * * ?")));
        await using var schedulerA = a.CreateScheduler("node-a");
        await using var schedulerB = b.CreateScheduler("node-b");
        await schedulerA.StartAsync(CancellationToken.None);
        await schedulerB.StartAsync(CancellationToken.None);

        await schedulerB.SyncAsync(b.Registry.Current, CancellationToken.None);

        Assert.NotNull(await schedulerA.Quartz.GetTrigger(new TriggerKey("morning", CrmScheduler.RuleGroup)));
    }

    [Fact]
    public async Task The_clustered_sweep_job_enqueues_a_date_relative_occurrence_once_across_two_nodes()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        await using var a = await SchedulingNode.StartAsync(connectionString);
        await a.PublishAsync(SchedulingNode.Model(SchedulingNode.Rule("renewal_call", new JsonObject
        {
            ["type"] = "dateRelative", ["entity"] = "sales_order", ["field"] = "renewal_at", ["offsetDays"] = 0,
        })));
        await using var b = await SchedulingNode.StartAsync(connectionString);
        await using var schedulerA = a.CreateScheduler("node-a", TimeSpan.FromMilliseconds(300));
        await using var schedulerB = b.CreateScheduler("node-b", TimeSpan.FromMilliseconds(300));
        await Task.WhenAll(schedulerA.StartAsync(CancellationToken.None), schedulerB.StartAsync(CancellationToken.None));

        await a.ExecuteAsync("INSERT INTO crm.sales_order (title, renewal_at) SELECT 'o' || i, now() + interval '1 second' FROM generate_series(1, 50) i");
        await a.ExecuteAsync("INSERT INTO crm.sales_order (title, renewal_at) VALUES ('past', now() - interval '1 day')");
        await WaitUntilAsync(async () => await a.ScalarAsync<long>("SELECT count(*) FROM crm_system.outbox WHERE rule = 'renewal_call'") >= 50,
            TimeSpan.FromSeconds(20));
        await Task.Delay(1000);
        await schedulerA.StopAsync(CancellationToken.None);
        await schedulerB.StopAsync(CancellationToken.None);

        Assert.Equal(50L, await a.ScalarAsync<long>("SELECT count(*) FROM crm_system.outbox WHERE rule = 'renewal_call'"));
    }

    [Fact]
    public async Task Each_maintenance_job_runs_on_its_cron_on_one_node_at_a_time()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        await using var a = await SchedulingNode.StartAsync(connectionString);
        await using var b = await SchedulingNode.StartAsync(connectionString);
        // One instance behind both nodes: a tick run on both, or two runs at once, shows up in its counts.
        var job = new CountingMaintenanceJob("rollup_refresh", "* * * * * ?");
        await using var schedulerA = a.CreateScheduler("node-a", null, job);
        await using var schedulerB = b.CreateScheduler("node-b", null, job);
        var started = DateTime.UtcNow;
        await Task.WhenAll(schedulerA.StartAsync(CancellationToken.None), schedulerB.StartAsync(CancellationToken.None));

        await WaitUntilAsync(() => Task.FromResult(job.Runs >= 3), TimeSpan.FromSeconds(20));
        await schedulerA.StopAsync(CancellationToken.None);
        await schedulerB.StopAsync(CancellationToken.None);

        Assert.False(job.Overlapped);
        Assert.InRange(job.Runs, 3, (int)Math.Ceiling((DateTime.UtcNow - started).TotalSeconds) + 1);
    }

    [Fact]
    public async Task Every_caller_of_stop_waits_until_the_running_job_has_finished()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        await using var node = await SchedulingNode.StartAsync(connectionString);
        var job = new BlockingMaintenanceJob("slow_cleanup");
        await using var scheduler = node.CreateScheduler("node-a", null, job);
        await scheduler.StartAsync(CancellationToken.None);
        await job.Started.WaitAsync(TimeSpan.FromSeconds(20));

        // A host stopped by two callers at once disposes its container when the second returns, so neither may return early.
        var first = scheduler.StopAsync(CancellationToken.None);
        var second = scheduler.StopAsync(CancellationToken.None);
        await Task.Delay(500);
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);

        job.Release();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(0L, await node.ScalarAsync<long>("SELECT count(*) FROM crm_system.qrtz_fired_triggers WHERE job_name = 'slow_cleanup'"));
    }

    [Fact]
    public async Task Publishing_a_bad_cron_time_zone_or_date_field_names_the_path()
    {
        await using var node = await SchedulingNode.StartAsync(await TestPostgres.CreateDatabaseAsync());
        var error = await Assert.ThrowsAsync<CrmException>(() => node.PublishAsync(SchedulingNode.Model(
            CronRule("bad_cron", "0 0 25 * * ?"),
            CronRule("five_fields", "0 9 * * *"),
            CronRule("bad_zone", "0 0 9 * * ?", "Mars/Olympus"),
            SchedulingNode.Rule("not_a_date", new JsonObject { ["type"] = "dateRelative", ["entity"] = "sales_order", ["field"] = "title" }),
            SchedulingNode.Rule("bad_at", new JsonObject { ["type"] = "dateRelative", ["entity"] = "sales_order", ["field"] = "contract_end", ["at"] = "9am" }))));

        Assert.Equal(
        [
            ("$.automations[0].trigger.cron", "invalidCron"), ("$.automations[1].trigger.cron", "invalidCron"),
            ("$.automations[2].trigger.timeZone", "invalidTimeZone"), ("$.automations[3].trigger.field", "notADateField"),
            ("$.automations[4].trigger.at", "invalidTime"),
        ], error.Errors.Select(e => (e.Path, e.Code)));
    }
}
