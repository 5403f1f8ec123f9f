using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Tests.Infrastructure;
using NoCodeCrm.Engine.Tests.Messaging;
using NoCodeCrm.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NoCodeCrm.Runtime.Tests.Automation;

[Collection(RuntimeProcessCollection.Name)]
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Writes = 1000;
    private const int KillAfterCreated = 400;
    private const int Clients = 4;

    private sealed record RunRow(Guid RecordId, string Status, int Count);

    [Fact]
    public async Task A_runtime_killed_mid_burst_and_restarted_leaves_every_committed_record_with_its_effects_exactly_once()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        await using var receiver = new LoopbackHttpReceiver();
        var settings = RuntimeProcess.BaseSettings(connectionString);
        settings["Crm:Webhooks:AllowedHosts"] = "127.0.0.1";
        settings["Crm:Automation:PollInterval"] = "00:00:00.100";
        settings["Crm:Automation:RetryBackoff"] = "00:00:00.200";
        // Runs the killed node held are taken over once their lease runs out: short, so the restart does not wait long.
        settings["Crm:Automation:Lease"] = "00:00:03";

        var nodes = new List<RuntimeProcess>();
        try
        {
            var first = await RuntimeProcess.StartAsync("first", settings);
            nodes.Add(first);
            using var admin = await first.CreateAdminClientAsync();
            await AutomationFixture.PublishRulesAsync(admin, JsonNode.Parse($$$"""
                {"name":"crash_welcome","trigger":{"type":"recordCreated","entity":"company"},
                 "actions":[{"type":"createRecord","entity":"task","values":{"subject":"Welcome {{ record.name }}"}},
                            {"type":"updateRecord","values":{"city":"Processed"}},
                            {"type":"webhook","url":"{{{receiver.Url("/crash")}}}"}]}
                """)!.AsObject());

            using var burst = new Burst(first, admin.DefaultRequestHeaders.Authorization!);
            var writers = Enumerable.Range(0, Clients).Select(_ => Task.Run(burst.WriteAsync)).ToArray();
            await Task.WhenAny(burst.HalfWay.Task, Task.WhenAll(writers));
            Assert.True(burst.HalfWay.Task.IsCompleted, "the burst ended before the kill: " + string.Join("; ", burst.Unexpected));
            await first.KillAsync();

            // What the dead node left behind: the restart must finish it, or the test would prove nothing about a takeover.
            var unfinished = await Database.ScalarAsync<long>(connectionString, """
                SELECT (SELECT count(*) FROM crm_system.outbox WHERE status = 'pending')
                     + (SELECT count(*) FROM crm_system.automation_run WHERE rule = 'crash_welcome' AND status <> 'succeeded')
                """);
            var second = await RuntimeProcess.StartAsync("restarted", settings);
            nodes.Add(second);
            burst.Restarted(second);
            await Task.WhenAll(writers);
            output.WriteLine($"created with 201: {burst.Created.Count}, lost with the connection: {burst.Lost}, unfinished at the kill: {unfinished}");
            Assert.Empty(burst.Unexpected);
            Assert.True(unfinished > 0, "the kill should have interrupted automation work (pending events or unfinished runs)");

            await using var db = new NpgsqlConnection(connectionString);
            var committed = (await db.QueryAsync<Guid>("SELECT id FROM crm.company WHERE name LIKE 'Crash %' AND deleted_at IS NULL")).ToHashSet();
            Assert.Subset(committed, burst.Created.ToHashSet());
            Assert.InRange(committed.Count, KillAfterCreated, Writes);
            output.WriteLine($"committed: {committed.Count}");

            // Each committed create wrote its outbox event in the same transaction: one run per record, all finished.
            await Poll.UntilAsync(
                () => db.QueryAsync<RunRow>("SELECT record_id AS RecordId, status, count(*)::int AS Count FROM crm_system.automation_run WHERE rule = 'crash_welcome' GROUP BY 1, 2"),
                runs => runs.Sum(r => r.Count) >= committed.Count && runs.All(r => r.Status is "succeeded" or "failed" or "dead"),
                "a finished run for every committed company", TimeSpan.FromSeconds(45), () => Logs(nodes));
            var runs = (await db.QueryAsync<RunRow>(
                "SELECT record_id AS RecordId, status, count(*)::int AS Count FROM crm_system.automation_run WHERE rule = 'crash_welcome' GROUP BY 1, 2")).ToArray();
            Assert.All(runs, r => Assert.Equal(("succeeded", 1), (r.Status, r.Count)));
            Assert.Equal(committed.Order(), runs.Select(r => r.RecordId).Order());

            var tasks = (await db.QueryAsync<(Guid? Company, int Count)>(
                "SELECT company, count(*)::int FROM crm.task WHERE subject LIKE 'Welcome Crash %' AND deleted_at IS NULL GROUP BY company")).ToArray();
            Assert.All(tasks, t => Assert.Equal(1, t.Count));
            Assert.Equal(committed.Order(), tasks.Select(t => t.Company!.Value).Order());

            var notUpdated = await db.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM crm.company WHERE name LIKE 'Crash %' AND city IS DISTINCT FROM 'Processed'");
            Assert.Equal(0, notUpdated);

            // At-least-once delivery with a key: a repeat after the takeover is allowed only under the same Idempotency-Key.
            var hooks = receiver.Requests.Where(r => r.Target == "/crash")
                .Select(r => (Key: r.Headers["Idempotency-Key"], Record: Guid.Parse(JsonNode.Parse(r.Body)!["record"]!["id"]!.GetValue<string>(), CultureInfo.InvariantCulture)))
                .ToArray();
            var byKey = hooks.GroupBy(h => h.Key).ToArray();
            Assert.All(byKey, g => Assert.Single(g.Select(h => h.Record).Distinct()));
            Assert.Equal(committed.Count, byKey.Length);
            Assert.Equal(committed.Order(), byKey.Select(g => g.First().Record).Order());
            output.WriteLine($"webhook requests: {hooks.Length} for {byKey.Length} keys");
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

    private static string Logs(IEnumerable<RuntimeProcess> nodes) => string.Join(Environment.NewLine, nodes.Select(n => n.LogTail()));

    /// <summary>Concurrent writers of the burst: they create companies on the current node and, when it dies, go on with the restarted one.</summary>
    private sealed class Burst : IDisposable
    {
        private readonly TaskCompletionSource<RuntimeProcess> _restarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly AuthenticationHeaderValue _token;
        private readonly ConcurrentQueue<HttpClient> _clients = new();
        private HttpClient _client;
        private int _next = -1;
        private int _lost;

        public ConcurrentBag<Guid> Created { get; } = [];
        public ConcurrentQueue<string> Unexpected { get; } = new();
        public TaskCompletionSource HalfWay { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        /// <summary>Writes whose connection died with the node: committed or not, only the database knows.</summary>
        public int Lost => _lost;

        public Burst(RuntimeProcess node, AuthenticationHeaderValue token)
        {
            _token = token;
            _client = Client(node);
        }

        public void Restarted(RuntimeProcess next)
        {
            Volatile.Write(ref _client, Client(next));
            _restarted.TrySetResult(next);
        }

        public async Task WriteAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref _next)) < Writes)
            {
                var client = Volatile.Read(ref _client);
                try
                {
                    var (status, body, _) = await client.PostJsonAsync("/api/records/company",
                        new { name = string.Create(CultureInfo.InvariantCulture, $"Crash {i:D4}") });
                    if (status != HttpStatusCode.Created)
                    {
                        Unexpected.Enqueue($"{status} {body?.ToJsonString()}");
                        return;
                    }
                    Created.Add(Guid.Parse(body!["id"]!.GetValue<string>(), CultureInfo.InvariantCulture));
                    if (Created.Count >= KillAfterCreated) HalfWay.TrySetResult();
                }
                catch (HttpRequestException) when (HalfWay.Task.IsCompleted)
                {
                    Interlocked.Increment(ref _lost);
                    await _restarted.Task;
                }
            }
        }

        private HttpClient Client(RuntimeProcess node)
        {
            var client = new HttpClient { BaseAddress = node.BaseAddress, DefaultRequestHeaders = { Authorization = _token } };
            _clients.Enqueue(client);
            return client;
        }

        public void Dispose()
        {
            foreach (var client in _clients) client.Dispose();
        }
    }
}
