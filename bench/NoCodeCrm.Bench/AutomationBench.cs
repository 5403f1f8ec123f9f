using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Automation.Actions;
using NoCodeCrm.Engine.Automation.Compiled;
using NoCodeCrm.Engine.Automation.Outbox;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Hosting;
using NoCodeCrm.Engine.Publishing;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Rules;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Bench;

/// <summary>
/// <c>automation</c> mode: record saves with one listening automation rule against saves with none, and the latency from a
/// triggering write's commit to its action's commit through a real runtime at a steady write rate.
/// </summary>
internal static class AutomationBench
{
    private const int WritesPerSecond = 200;
    private const double TargetP99Milliseconds = 1000;

    // plain_item and listened_item are the same entity; only the rule listening to the second tells them apart.
    private const string Document = """
        {"settings":{"defaultLanguage":"en","languages":["en"]},
         "entities":[
          {"name":"plain_item","fields":[{"name":"name","type":"text","required":true},{"name":"amount","type":"integer"}]},
          {"name":"listened_item","fields":[{"name":"name","type":"text","required":true},{"name":"amount","type":"integer"}]},
          {"name":"echo_item","fields":[{"name":"name","type":"text"},{"name":"source","type":"lookup","target":"listened_item"}]}],
         "automations":[
          {"name":"echo","trigger":{"type":"recordCreated","entity":"listened_item"},
           "actions":[{"type":"createRecord","entity":"echo_item","values":{"name":"echo {{ record.name }}"}}]}]}
        """;

    public static async Task RunAsync(bool quick)
    {
        var folder = Directory.CreateTempSubdirectory("nocodecrm-bench-automation-");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder.FullName, (UnixFileMode)0b111_101_101);
        var options = new EmbeddedPostgresOptions { DataDirectory = folder.FullName };
        // Commit timestamps give both ends of the latency from the database's clock at the moment each transaction
        // became visible; the setting only takes effect at server start, hence the restart.
        await using (var first = await EmbeddedPostgres.StartAsync(options))
        {
            await using (var connection = new NpgsqlConnection(first.ConnectionString))
            {
                await connection.OpenAsync();
                await connection.ExecuteAsync("ALTER SYSTEM SET track_commit_timestamp = on");
            }
            await first.StopAsync();
        }
        await using var postgres = await EmbeddedPostgres.StartAsync(options);
        Console.WriteLine($"Automation (PostgreSQL at {postgres.ConnectionString}, durable, fsync on)");
        await using var dataSource = new NpgsqlDataSourceBuilder(postgres.ConnectionString).Build();
        var registry = new ModelRegistry(SchemaNames.Default);
        var publisher = new MetadataPublisher(dataSource, registry, new MetadataStore(SchemaNames.Default));
        await using (var connection = await dataSource.OpenConnectionAsync()) await SystemSchema.EnsureAsync(connection, SchemaNames.Default, default);
        await publisher.PublishAsync(new PublishRequest(Document, "bench"), default);

        await SaveRatioAsync(dataSource, registry, quick);
        await LatencyAsync(postgres.ConnectionString, dataSource, quick);

        await postgres.StopAsync();
        folder.Delete(recursive: true);
    }

    /// <summary>The same saves into an entity no rule listens to and into one a rule listens to: the difference is the outbox insert and its NOTIFY.</summary>
    private static async Task SaveRatioAsync(NpgsqlDataSource dataSource, ModelRegistry registry, bool quick)
    {
        // The hooks the runtime gives its record service for automation; no worker runs here, so events only pile up.
        var records = new RecordService(dataSource, registry, new AdministratorOnlyAccessPolicy(),
            [new OutboxRecordHook(registry, new AutomationCatalogs()), new AutomationEffectHook(registry)], new RuleEngine());
        var admin = CrmPrincipal.Administrator();
        var body = (int i) => JsonSerializer.SerializeToElement(new { name = $"item {i}", amount = i });
        var operations = quick ? 500 : 4000;
        // Alternate the two so that disk and cache noise fall on both alike.
        double plain = 0, listened = 0;
        for (var round = 0; round < 3; round++)
        {
            plain += await Measure.ThroughputAsync(operations, 4, async i => await records.CreateAsync(admin, "plain_item", body(i), default));
            listened += await Measure.ThroughputAsync(operations, 4, async i => await records.CreateAsync(admin, "listened_item", body(i), default));
        }
        Console.WriteLine($"  save, no automation rule       {plain / 3,14:N0} records/s      1.00 (baseline)");
        Console.WriteLine($"  save, 1 listening rule (outbox insert + NOTIFY in the write's transaction)");
        Console.WriteLine($"                                 {listened / 3,14:N0} records/s      {listened / plain:0.00}");

        // The runtime started next must not spend the latency measurement working off this backlog.
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync($"DELETE FROM {Sql.Quote(registry.Names.SystemSchema)}.outbox");
        await connection.ExecuteAsync($"DELETE FROM {Sql.Quote(registry.Names.DataSchema)}.listened_item");
    }

    private static async Task LatencyAsync(string connectionString, NpgsqlDataSource dataSource, bool quick)
    {
        var seconds = quick ? 5 : 15;
        var port = BenchRuntime.FreePort();
        var runtime = BenchRuntime.Start(connectionString, port);
        double achieved;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await BenchRuntime.WaitForHealthAsync(client);
            await BenchRuntime.LoginAsync(client);
            // Warm-up at the same rate (JIT, connection pools, the worker's first batches); excluded by name below.
            var warmUp = await DriveAsync(client, "warm-up", WritesPerSecond * 2);
            await WaitForEchoesAsync(dataSource, warmUp.Writes);
            var measured = await DriveAsync(client, "measured", WritesPerSecond * seconds);
            achieved = measured.Writes / measured.Elapsed.TotalSeconds;
            await WaitForEchoesAsync(dataSource, warmUp.Writes + measured.Writes);
        }
        finally
        {
            runtime.Kill(entireProcessTree: true);
            await runtime.WaitForExitAsync();
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        var d = Sql.Quote(SchemaNames.Default.DataSchema);
        var s = Sql.Quote(SchemaNames.Default.SystemSchema);
        // The run's created_at is the start of the fan-out transaction that made it: how long the event waited for a worker.
        var stats = await connection.QuerySingleAsync<(long Writes, long Effects, double P50, double P99, double Max, double FanOutP50, double FanOutP99)>(
            $"""
             WITH latency AS (
                 SELECT extract(epoch FROM pg_xact_commit_timestamp(e.xmin) - pg_xact_commit_timestamp(i.xmin)) * 1000 AS ms,
                        extract(epoch FROM r.created_at - pg_xact_commit_timestamp(i.xmin)) * 1000 AS fan_out_ms
                 FROM {d}.listened_item i
                 LEFT JOIN {s}.automation_run r ON r.record_id = i.id
                 LEFT JOIN {d}.echo_item e ON e.source = i.id
                 WHERE i.name LIKE 'measured %')
             SELECT count(*), count(ms), coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), 0),
                    coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), 0), coalesce(max(ms), 0),
                    coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY fan_out_ms), 0), coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY fan_out_ms), 0)
             FROM latency
             """);
        var met = stats.Effects == stats.Writes && stats.P99 < TargetP99Milliseconds;
        Console.WriteLine($"Event → action latency, write commit → createRecord commit (PostgreSQL commit timestamps), {seconds} s at {WritesPerSecond} writes/s over HTTP");
        Console.WriteLine($"  achieved write rate {achieved,8:N0} writes/s   {stats.Writes:N0} writes, {stats.Effects:N0} actions done");
        Console.WriteLine($"  p50 {stats.P50,7:0.0} ms   p99 {stats.P99,7:0.0} ms   max {stats.Max,7:0.0} ms   target p99 < {TargetP99Milliseconds:0} ms: {(met ? "met" : "missed")}");
        Console.WriteLine($"  (of which waiting for the fan-out: p50 {stats.FanOutP50:0.0} ms, p99 {stats.FanOutP99:0.0} ms)");
    }

    /// <summary>
    /// Sends <paramref name="count"/> creates at <see cref="WritesPerSecond"/>, each at its due time whether or not earlier
    /// ones have answered (a steady arrival rate, not a closed loop that slows down with the server).
    /// </summary>
    private static async Task<(int Writes, TimeSpan Elapsed)> DriveAsync(HttpClient client, string prefix, int count)
    {
        var writes = new List<Task>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var wait = TimeSpan.FromSeconds((double)i / WritesPerSecond) - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            writes.Add(CreateAsync(client, $"{prefix} {i}", i));
        }
        await Task.WhenAll(writes);
        return (count, clock.Elapsed);
    }

    private static async Task CreateAsync(HttpClient client, string name, int amount)
    {
        using var response = await client.PostAsJsonAsync("/api/records/listened_item", new { name, amount });
        response.EnsureSuccessStatusCode();
    }

    private static async Task WaitForEchoesAsync(NpgsqlDataSource dataSource, int expected)
    {
        var d = Sql.Quote(SchemaNames.Default.DataSchema);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            await using (var connection = await dataSource.OpenConnectionAsync())
                if (await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {d}.echo_item") >= expected) return;
            await Task.Delay(200);
        }
        // The statistics then show how many actions are missing, and the target as missed.
        Console.Error.WriteLine($"Only some of the {expected} actions were done after 120 s.");
    }
}
