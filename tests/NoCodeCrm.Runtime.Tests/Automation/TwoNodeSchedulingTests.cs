using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Tests.Infrastructure;
using NoCodeCrm.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NoCodeCrm.Runtime.Tests.Automation;

/// <summary>
/// Two runtime processes on one database sweeping a date-relative rule through the clustered scheduler, driven over HTTP. The
/// sweeper's own window and ledger logic is proven in the engine tests (Scheduling/DateRelativeSweepTests); this is the deployment.
/// </summary>
[Collection(RuntimeProcessCollection.Name)]
public sealed class TwoNodeSchedulingTests(ITestOutputHelper output)
{
    private const string Rule = "sr_due";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private sealed record Fired(Guid RecordId, int Events, int Tasks, int Succeeded);

    [Fact]
    public async Task Two_nodes_fire_each_due_record_once_follow_a_moved_date_and_catch_up_what_fell_due_while_both_were_down()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var settings = RuntimeProcess.BaseSettings(connectionString);
        settings["Crm:Scheduling:SweepInterval"] = "00:00:01";
        settings["Crm:Automation:PollInterval"] = "00:00:00.100";
        var nodes = new List<RuntimeProcess>();
        await using var db = new NpgsqlConnection(connectionString);
        try
        {
            var clock = Stopwatch.StartNew();
            var (a, b) = await StartBothAsync(settings, nodes, "a", "b");
            using var clientA = await a.CreateAdminClientAsync();
            using var clientB = await b.CreateAdminClientAsync();
            await AutomationFixture.PublishRulesAsync(clientA, JsonNode.Parse($$$"""
                {"name":"{{{Rule}}}","trigger":{"type":"dateRelative","entity":"service_request","field":"due_at","timeZone":"UTC"},
                 "actions":[{"type":"createRecord","entity":"task","values":{"subject":"Due {{ record.subject }}"}}]}
                """)!.AsObject());
            var version = (await clientA.GetJsonAsync("/health")).Body!["metadataVersion"]!.GetValue<int>();
            await Poll.UntilAsync(async () => (await clientB.GetJsonAsync("/health")).Body!["metadataVersion"]!.GetValue<int>(), v => v == version,
                "the second node to load the published rule", Patience);

            // Due in a few seconds, written through both nodes; one due an hour ago, before the rule's first window (never fires); one moved away before it falls due.
            var now = await DbNowAsync(db);
            var due = now.AddSeconds(6);
            var moved = await CreateAsync(clientB, "moved", due);
            await PatchDueAsync(clientA, moved, now.AddHours(1));
            var dueRecords = new List<Guid>();
            for (var i = 0; i < 10; i++)
                dueRecords.Add(await CreateAsync(i % 2 == 0 ? clientA : clientB, $"due {i}", due));
            var past = await CreateAsync(clientA, "past", now.AddHours(-1));
            var written = await DbNowAsync(db);
            Assert.True(written < due, $"the records should be written before they fall due at {due:O}; writing them took until {written:O}");
            output.WriteLine($"{clock.Elapsed}: nodes up, rule published, records written");

            await WaitSweptAsync(db, due.AddSeconds(1), dueRecords.Count, nodes);
            var fired = await FiredAsync(db);
            Assert.Equal(dueRecords.Order(), fired.Keys.Order());
            Assert.All(fired.Values, f => Assert.Equal((1, 1, 1), (f.Events, f.Tasks, f.Succeeded)));

            output.WriteLine($"{clock.Elapsed}: due records fired");

            // Moved back so that it falls due again: it fires, once.
            var back = (await DbNowAsync(db)).AddSeconds(2);
            await PatchDueAsync(clientB, moved, back);
            await WaitSweptAsync(db, back.AddSeconds(1), dueRecords.Count + 1, nodes);
            fired = await FiredAsync(db);
            Assert.Equal((1, 1, 1), (fired[moved].Events, fired[moved].Tasks, fired[moved].Succeeded));
            Assert.False(fired.ContainsKey(past));

            // Both nodes stop. Some records were set before the stop to fall due during the downtime, one is made due by a direct write meanwhile.
            var downtimeDue = (await DbNowAsync(db)).AddSeconds(8);
            var downtimeRecords = new List<Guid>();
            for (var i = 0; i < 5; i++)
                downtimeRecords.Add(await CreateAsync(i % 2 == 0 ? clientA : clientB, $"downtime {i}", downtimeDue));
            var direct = await CreateAsync(clientB, "direct", (await DbNowAsync(db)).AddHours(2));
            await Task.WhenAll(a.StopAsync(), b.StopAsync());
            output.WriteLine($"{clock.Elapsed}: both nodes stopped");
            var watermark = await WatermarkAsync(db);
            Assert.True(watermark < downtimeDue, $"both nodes should be down before {downtimeDue:O}; the last sweep reached {watermark:O}");
            await db.ExecuteAsync("UPDATE crm.service_request SET due_at = clock_timestamp() + interval '1 second' WHERE id = @direct", new { direct });
            await Poll.UntilAsync(() => DbNowAsync(db), t => t > downtimeDue.AddSeconds(1), "the downtime records to fall due", Patience);

            output.WriteLine($"{clock.Elapsed}: downtime records due");
            var restartedAt = await DbNowAsync(db);
            await StartBothAsync(settings, nodes, "a restarted", "b restarted");
            await WaitSweptAsync(db, restartedAt, dueRecords.Count + 1 + downtimeRecords.Count + 1, nodes);
            output.WriteLine($"{clock.Elapsed}: restarted, caught up");
            fired = await FiredAsync(db);
            Assert.Equal(dueRecords.Append(moved).Concat(downtimeRecords).Append(direct).Order(), fired.Keys.Order());
            Assert.All(fired.Values, f => Assert.Equal((1, 1, 1), (f.Events, f.Tasks, f.Succeeded)));
            output.WriteLine("sweeps that enqueued, per node: " + string.Join(", ", nodes.Select(n => $"{n.Name} {n.LogLinesContaining("date-relative occurrences enqueued")}")));
        }
        catch
        {
            output.WriteLine(Logs(nodes));
            throw;
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    private static async Task<(RuntimeProcess A, RuntimeProcess B)> StartBothAsync(Dictionary<string, string> settings, List<RuntimeProcess> nodes, string a, string b)
    {
        var starting = new[] { RuntimeProcess.StartAsync(a, settings), RuntimeProcess.StartAsync(b, settings) };
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            nodes.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }
        return (starting[0].Result, starting[1].Result);
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string subject, DateTime dueAt)
    {
        var (status, body, _) = await client.PostJsonAsync("/api/records/service_request",
            new { subject, request_type = "request", due_at = dueAt.ToString("O", CultureInfo.InvariantCulture) });
        Assert.True(status == HttpStatusCode.Created, $"create failed: {status} {body}");
        return Guid.Parse(body!["id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }

    private static async Task PatchDueAsync(HttpClient client, Guid id, DateTime dueAt)
    {
        var (status, body, _) = await client.PatchJsonAsync($"/api/records/service_request/{id}",
            new { due_at = dueAt.ToString("O", CultureInfo.InvariantCulture) });
        Assert.True(status == HttpStatusCode.OK, $"patch failed: {status} {body}");
    }

    private static Task<DateTime> DbNowAsync(NpgsqlConnection db) => db.ExecuteScalarAsync<DateTime>("SELECT clock_timestamp()");

    private static Task<DateTime> WatermarkAsync(NpgsqlConnection db) =>
        db.ExecuteScalarAsync<DateTime>("SELECT watermark FROM crm_system.date_relative_watermark WHERE rule = @Rule", new { Rule });

    /// <summary>
    /// Waits until a sweep has covered <paramref name="upTo"/> (the watermark only moves forward, so nothing due by then can still be
    /// enqueued) and the runs of that many records have finished: a condition, not a guess at how long the nodes need.
    /// </summary>
    private static async Task WaitSweptAsync(NpgsqlConnection db, DateTime upTo, int records, List<RuntimeProcess> nodes)
    {
        await Poll.UntilAsync(() => WatermarkAsync(db), w => w >= upTo, $"a sweep to pass {upTo:O}", Patience, () => Logs(nodes));
        await Poll.UntilAsync(
            () => db.ExecuteScalarAsync<string>(
                "SELECT count(DISTINCT record_id) || ' records, ' || count(*) FILTER (WHERE status NOT IN ('succeeded', 'failed', 'dead', 'skipped')) || ' unfinished' FROM crm_system.automation_run WHERE rule = @Rule",
                new { Rule }),
            s => s == $"{records} records, 0 unfinished", $"the runs of {records} records to finish", Patience, () => Logs(nodes));
    }

    private static async Task<Dictionary<Guid, Fired>> FiredAsync(NpgsqlConnection db) =>
        (await db.QueryAsync<Fired>("""
            SELECT o.record_id AS RecordId, count(DISTINCT o.id)::int AS Events,
                   (SELECT count(*)::int FROM crm.task t WHERE t.service_request = o.record_id AND t.deleted_at IS NULL) AS Tasks,
                   (SELECT count(*)::int FROM crm_system.automation_run r WHERE r.record_id = o.record_id AND r.rule = @Rule AND r.status = 'succeeded') AS Succeeded
            FROM crm_system.outbox o WHERE o.type = 'dateRelative' AND o.rule = @Rule GROUP BY o.record_id
            """, new { Rule })).ToDictionary(f => f.RecordId);

    private static string Logs(IEnumerable<RuntimeProcess> nodes) => string.Join(Environment.NewLine, nodes.Select(n => n.LogTail()));
}
