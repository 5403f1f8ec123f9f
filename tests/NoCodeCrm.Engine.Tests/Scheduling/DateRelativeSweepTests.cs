using System.Text.Json.Nodes;
using NoCodeCrm.Engine.Tests.Infrastructure;

namespace NoCodeCrm.Engine.Tests.Scheduling;

public sealed class DateRelativeSweepTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject ContractRule(string name = "contract_reminder", int offsetDays = -10, bool yearly = false) =>
        SchedulingNode.Rule(name, new JsonObject
        {
            ["type"] = "dateRelative", ["entity"] = "sales_order", ["field"] = "contract_end",
            ["offsetDays"] = offsetDays, ["at"] = "09:00", ["timeZone"] = "Europe/Istanbul", ["yearly"] = yearly,
        });

    private static async Task<SchedulingNode> NodeWithAsync(params JsonObject[] rules)
    {
        var node = await SchedulingNode.StartAsync(await TestPostgres.CreateDatabaseAsync());
        await node.PublishAsync(SchedulingNode.Model(rules));
        return node;
    }

    private static Task<Guid> OrderAsync(SchedulingNode node, string? contractEnd, string? renewalAt = null) =>
        node.ScalarAsync<Guid>("INSERT INTO crm.sales_order (title, contract_end, renewal_at) VALUES ('x', @d::date, @r::timestamptz) RETURNING id",
            new { d = contractEnd, r = renewalAt });

    private static Task<long> EventsAsync(SchedulingNode node, string rule) =>
        node.ScalarAsync<long>("SELECT count(*) FROM crm_system.outbox WHERE type = 'dateRelative' AND rule = @rule", new { rule });

    [Fact]
    public async Task An_occurrence_is_enqueued_once_when_its_moment_falls_due_and_past_dates_never_fire()
    {
        await using var node = await NodeWithAsync(ContractRule());
        var order = await OrderAsync(node, "2030-06-20");        // due 2030-06-10 09:00 Istanbul = 06:00Z
        await OrderAsync(node, "2020-01-01");                     // long past when the rule is first seen
        var deleted = await OrderAsync(node, "2030-06-20");
        await node.ExecuteAsync("UPDATE crm.sales_order SET deleted_at = now() WHERE id = @deleted", new { deleted });

        Assert.Equal(0, await node.Sweeper.SweepAsync(Utc("2030-06-01T00:00:00Z"), None)); // first seen: the window starts here
        Assert.Equal(0, await node.Sweeper.SweepAsync(Utc("2030-06-10T05:59:59Z"), None));
        Assert.Equal(1, await node.Sweeper.SweepAsync(Utc("2030-06-10T06:00:00Z"), None));
        Assert.Equal(0, await node.Sweeper.SweepAsync(Utc("2030-06-10T06:01:00Z"), None));

        var row = (await node.QueryAsync<(string Entity, Guid RecordId, string Occurrence, string DueAt, int Depth)>(
            "SELECT entity, record_id, payload->>'occurrence', payload->>'dueAt', depth FROM crm_system.outbox WHERE rule = 'contract_reminder'")).Single();
        Assert.Equal(("sales_order", order, "2030-06-20", "2030-06-10T06:00:00Z", 0), row);
        Assert.Equal(1L, await node.ScalarAsync<long>(
            "SELECT count(*) FROM crm_system.date_relative_ledger WHERE rule = 'contract_reminder' AND record_id = @order AND occurrence = '2030-06-20'", new { order }));
    }

    [Fact]
    public async Task Sweeps_racing_on_two_nodes_enqueue_every_occurrence_exactly_once()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        await using var a = await SchedulingNode.StartAsync(connectionString);
        await a.PublishAsync(SchedulingNode.Model(ContractRule()));
        await using var b = await SchedulingNode.StartAsync(connectionString);
        await a.ExecuteAsync("INSERT INTO crm.sales_order (title, contract_end) SELECT 'o' || i, date '2030-06-20' + (i % 5) FROM generate_series(1, 500) i");
        await a.Sweeper.SweepAsync(Utc("2030-06-01T00:00:00Z"), None);

        // Both nodes sweep from several threads at overlapping "now"s that together cover all five due days.
        var nows = Enumerable.Range(0, 40).Select(i => Utc("2030-06-10T05:00:00Z").AddHours(i * 3)).ToArray();
        var sweeps = nows.SelectMany(now => new[] { Task.Run(() => a.Sweeper.SweepAsync(now, None)), Task.Run(() => b.Sweeper.SweepAsync(now, None)) });
        var enqueued = (await Task.WhenAll(sweeps)).Sum();

        Assert.Equal(500, enqueued);
        Assert.Equal(500L, await EventsAsync(a, "contract_reminder"));
        Assert.Equal(500L, await a.ScalarAsync<long>("SELECT count(DISTINCT record_id) FROM crm_system.outbox WHERE rule = 'contract_reminder'"));
    }

    [Fact]
    public async Task Moving_the_date_retargets_the_occurrence()
    {
        await using var node = await NodeWithAsync(ContractRule(offsetDays: 0));
        var order = await OrderAsync(node, "2030-06-20");
        await node.Sweeper.SweepAsync(Utc("2030-06-01T00:00:00Z"), None);

        // Moved later before it fired: nothing on the old day, one event on the new one.
        await node.ExecuteAsync("UPDATE crm.sales_order SET contract_end = '2030-06-25' WHERE id = @order", new { order });
        Assert.Equal(0, await node.Sweeper.SweepAsync(Utc("2030-06-21T00:00:00Z"), None));
        Assert.Equal(1, await node.Sweeper.SweepAsync(Utc("2030-06-25T06:00:00Z"), None));

        // Moved again after it fired: a new occurrence, which fires on its own day.
        await node.ExecuteAsync("UPDATE crm.sales_order SET contract_end = '2030-07-01' WHERE id = @order", new { order });
        Assert.Equal(1, await node.Sweeper.SweepAsync(Utc("2030-07-02T00:00:00Z"), None));

        // Moved into the past: fires only if the new moment lies after the last sweep (inside the next window).
        await node.ExecuteAsync("UPDATE crm.sales_order SET contract_end = '2030-06-28' WHERE id = @order", new { order });
        Assert.Equal(0, await node.Sweeper.SweepAsync(Utc("2030-07-03T00:00:00Z"), None));
        await node.ExecuteAsync("UPDATE crm.sales_order SET contract_end = '2030-07-03' WHERE id = @order", new { order });
        Assert.Equal(1, await node.Sweeper.SweepAsync(Utc("2030-07-03T12:00:00Z"), None));

        var occurrences = await node.QueryAsync<string>(
            "SELECT payload->>'occurrence' FROM crm_system.outbox WHERE rule = 'contract_reminder' ORDER BY id");
        Assert.Equal(["2030-06-25", "2030-07-01", "2030-07-03"], occurrences);
    }

    [Fact]
    public async Task Occurrences_that_fell_due_while_no_sweep_ran_fire_once_when_sweeping_resumes()
    {
        await using var node = await NodeWithAsync(ContractRule(offsetDays: 0));
        await OrderAsync(node, "2030-06-02");
        await OrderAsync(node, "2030-06-05");
        await OrderAsync(node, "2030-06-09");
        await OrderAsync(node, "2030-06-12");
        await node.Sweeper.SweepAsync(Utc("2030-06-01T00:00:00Z"), None);

        // Ten days "down": the next sweep's window starts at the watermark and catches up everything due since.
        Assert.Equal(3, await node.Sweeper.SweepAsync(Utc("2030-06-10T00:00:00Z"), None));
        Assert.Equal(0, await node.Sweeper.SweepAsync(Utc("2030-06-10T00:01:00Z"), None));
        Assert.Equal(new DateTime(2030, 6, 10, 0, 1, 0, DateTimeKind.Utc), await node.ScalarAsync<DateTime>(
            "SELECT watermark FROM crm_system.date_relative_watermark WHERE rule = 'contract_reminder'"));
        Assert.Equal(1, await node.Sweeper.SweepAsync(Utc("2030-06-12T06:00:00Z"), None));
    }

    [Fact]
    public async Task A_yearly_birthday_fires_once_a_year_and_29_February_falls_on_28_February_in_other_years()
    {
        await using var node = await NodeWithAsync(SchedulingNode.Rule("birthday", new JsonObject
        {
            ["type"] = "dateRelative", ["entity"] = "person", ["field"] = "birth_date", ["at"] = "09:00", ["timeZone"] = "UTC", ["yearly"] = true,
        }));
        await node.ExecuteAsync("""
            INSERT INTO crm.person (name, birth_date) VALUES
              ('leap', '2000-02-29'), ('summer', '1990-07-15'), ('new_year_eve', '1985-12-31'), ('new_year', '1985-01-01'),
              ('unborn', '2029-07-15')
            """);
        await node.Sweeper.SweepAsync(Utc("2027-01-02T00:00:00Z"), None);

        Assert.Equal(0, await node.Sweeper.SweepAsync(Utc("2027-02-28T08:59:00Z"), None));
        Assert.Equal(1, await node.Sweeper.SweepAsync(Utc("2027-02-28T09:00:00Z"), None));   // 2027 has no 29 February
        Assert.Equal(0, await node.Sweeper.SweepAsync(Utc("2027-03-01T09:00:00Z"), None));
        // One long window across the year boundary and a leap day: each birthday once, the leap one on the 29th.
        Assert.Equal(4, await node.Sweeper.SweepAsync(Utc("2028-03-01T09:00:00Z"), None));
        Assert.Equal(0, await node.Sweeper.SweepAsync(Utc("2028-03-02T09:00:00Z"), None));
        Assert.Equal(1, await node.Sweeper.SweepAsync(Utc("2028-12-30T09:00:00Z"), None));
        Assert.Equal(2, await node.Sweeper.SweepAsync(Utc("2029-01-01T09:00:00Z"), None));
        Assert.Equal(1, await node.Sweeper.SweepAsync(Utc("2029-07-14T09:00:00Z"), None));
        // The date itself is the first occurrence; a date still to come has no anniversaries before it.
        Assert.Equal(2, await node.Sweeper.SweepAsync(Utc("2029-07-15T09:00:00Z"), None));

        var fired = await node.QueryAsync<(string Name, string Occurrence)>("""
            SELECT p.name, o.payload->>'occurrence' FROM crm_system.outbox o JOIN crm.person p ON p.id = o.record_id
            WHERE o.rule = 'birthday' ORDER BY o.payload->>'occurrence', p.name
            """);
        Assert.Equal(
        [
            ("leap", "2027-02-28"), ("summer", "2027-07-15"), ("new_year_eve", "2027-12-31"), ("new_year", "2028-01-01"),
            ("leap", "2028-02-29"), ("summer", "2028-07-15"), ("new_year_eve", "2028-12-31"), ("new_year", "2029-01-01"), ("leap", "2029-02-28"),
            ("summer", "2029-07-15"), ("unborn", "2029-07-15"),
        ], fired);
    }

    [Fact]
    public async Task A_yearly_rule_back_from_years_of_downtime_fires_only_the_latest_anniversary()
    {
        await using var node = await NodeWithAsync(SchedulingNode.Rule("birthday", new JsonObject
        {
            ["type"] = "dateRelative", ["entity"] = "person", ["field"] = "birth_date", ["at"] = "09:00", ["timeZone"] = "UTC", ["yearly"] = true,
        }));
        await node.ExecuteAsync("INSERT INTO crm.person (name, birth_date) VALUES ('summer', '1990-07-15'), ('winter', '1990-12-01')");
        await node.Sweeper.SweepAsync(Utc("2027-01-02T00:00:00Z"), None);

        Assert.Equal(2, await node.Sweeper.SweepAsync(Utc("2030-08-01T00:00:00Z"), None));

        var fired = await node.QueryAsync<(string Name, string Occurrence)>("""
            SELECT p.name, o.payload->>'occurrence' FROM crm_system.outbox o JOIN crm.person p ON p.id = o.record_id
            WHERE o.rule = 'birthday' ORDER BY p.name
            """);
        Assert.Equal([("summer", "2030-07-15"), ("winter", "2029-12-01")], fired);
    }

    [Fact]
    public async Task A_datetime_field_falls_due_at_its_own_moment_plus_the_offset()
    {
        await using var node = await NodeWithAsync(SchedulingNode.Rule("renewal_call", new JsonObject
        {
            ["type"] = "dateRelative", ["entity"] = "sales_order", ["field"] = "renewal_at", ["offsetDays"] = -1, ["timeZone"] = "Europe/Istanbul",
        }));
        var order = await OrderAsync(node, null, "2030-06-20T15:30:00Z");
        await node.Sweeper.SweepAsync(Utc("2030-06-01T00:00:00Z"), None);

        Assert.Equal(0, await node.Sweeper.SweepAsync(Utc("2030-06-19T15:29:00Z"), None));
        Assert.Equal(1, await node.Sweeper.SweepAsync(Utc("2030-06-19T15:30:00Z"), None));
        Assert.Equal(0, await node.Sweeper.SweepAsync(Utc("2030-06-21T00:00:00Z"), None));
        Assert.Equal("2030-06-19T15:30:00Z", await node.ScalarAsync<string>(
            "SELECT payload->>'dueAt' FROM crm_system.outbox WHERE rule = 'renewal_call' AND record_id = @order", new { order }));
    }

    [Fact]
    public async Task Ledger_cleanup_drops_only_entries_that_can_no_longer_be_candidates()
    {
        await using var node = await NodeWithAsync(ContractRule(offsetDays: 0));
        await OrderAsync(node, "2030-06-02");
        await OrderAsync(node, "2030-06-20");
        await node.Sweeper.SweepAsync(Utc("2030-06-01T00:00:00Z"), None);
        Assert.Equal(2, await node.Sweeper.SweepAsync(Utc("2030-06-21T00:00:00Z"), None));   // watermark now 2030-06-21
        await node.ExecuteAsync("""
            INSERT INTO crm_system.schedule_ledger (rule, scheduled_at, fired_at) VALUES
              ('nightly', now() - interval '30 days', now() - interval '30 days'), ('nightly', now() - interval '1 hour', now() - interval '1 hour')
            """);

        await new NoCodeCrm.Engine.Scheduling.SchedulingLedgerCleanup(node.DataSource, node.Registry.Names).RunAsync(None);

        Assert.Equal(["2030-06-20"], await node.QueryAsync<string>("SELECT occurrence::text FROM crm_system.date_relative_ledger"));
        Assert.Equal(1L, await node.ScalarAsync<long>("SELECT count(*) FROM crm_system.schedule_ledger"));
        // The occurrence whose ledger row went away lies before the watermark, so it cannot fire again.
        Assert.Equal(0, await node.Sweeper.SweepAsync(Utc("2030-06-22T00:00:00Z"), None));
    }
}
