using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using NoCodeCrm.Bench;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Hosting;
using NoCodeCrm.Engine.Publishing;
using NoCodeCrm.Engine.Query;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

// Prints ratios against baselines measured in the same run; targets are in the issue, never asserted.
// Usage: dotnet run -c Release --project bench/NoCodeCrm.Bench [-- [--quick] [rules | automation | audit | board | scopes [--explain]]]
var quick = args.Contains("--quick");
if (args.Contains("rules"))
{
    await RulesBench.RunAsync(quick);
    return;
}
if (args.Contains("automation"))
{
    await AutomationBench.RunAsync(quick);
    return;
}
if (args.Contains("scopes"))
{
    await ScopesBench.RunAsync(quick, args.Contains("--explain"));
    return;
}
if (args.Contains("board"))
{
    await BoardBench.RunAsync(quick);
    return;
}
if (args.Contains("audit"))
{
    await AuditBench.RunAsync(quick);
    return;
}
var operations = quick ? 500 : 4000;
var bigRows = quick ? 100_000 : 1_000_000;
const int Workers = 4;

var folder = Directory.CreateTempSubdirectory("nocodecrm-bench-");
if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder.FullName, (UnixFileMode)0b111_101_101);
await using var postgres = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder.FullName });
Console.WriteLine($"PostgreSQL at {postgres.ConnectionString} (durable, fsync on); {operations} operations, {Workers} workers");

await using var dataSource = new NpgsqlDataSourceBuilder(postgres.ConnectionString).Build();
var registry = new ModelRegistry(SchemaNames.Default);
var store = new MetadataStore(SchemaNames.Default);
var publisher = new MetadataPublisher(dataSource, registry, store);
await using (var connection = await dataSource.OpenConnectionAsync()) await SystemSchema.EnsureAsync(connection, SchemaNames.Default, default);
await publisher.PublishAsync(new PublishRequest(BenchModel.Document, "bench"), default);
var access = new AdministratorOnlyAccessPolicy();
var records = new RecordService(dataSource, registry, access, []);
var query = new RecordQueryService(dataSource, registry, access);
var admin = CrmPrincipal.Administrator();

// 1. Create + read: hand-written Dapper (baseline) vs the record pipeline in-process vs the HTTP API.
var dapper = await Measure.ThroughputAsync(operations, Workers, async i =>
{
    await using var connection = await dataSource.OpenConnectionAsync();
    var id = await connection.ExecuteScalarAsync<Guid>(
        "INSERT INTO crm.bench_item (id, owner, created_by, updated_by, name, amount, score, due) VALUES (@id, @u, @u, @u, @name, @amount, @score, @due) RETURNING id",
        new { id = Guid.CreateVersion7(), u = admin.UserId, name = $"dapper {i}", amount = (long)i, score = 1.25m, due = new DateOnly(2025, 1, 31) });
    await connection.QuerySingleAsync("SELECT * FROM crm.bench_item WHERE id = @id", new { id });
});
var body = (int i) => JsonSerializer.SerializeToElement(new { name = $"pipeline {i}", amount = i, score = 1.25m, due = "2025-01-31" });
var pipeline = await Measure.ThroughputAsync(operations, Workers, async i =>
{
    var created = await records.CreateAsync(admin, "bench_item", body(i), default);
    await records.GetAsync(admin, "bench_item", created.Id, default);
});

// Where the pipeline's time goes, without the database: validating one body.
var entity = registry.Current.FindEntity("bench_item")!;
var sample = body(1);
for (var i = 0; i < 2000; i++) RecordInput.Parse(entity, sample, create: true);
var parseClock = Stopwatch.StartNew();
for (var i = 0; i < 20000; i++) RecordInput.Parse(entity, sample, create: true);
var parseMicroseconds = parseClock.Elapsed.TotalMicroseconds / 20000;

double http;
double httpFloor;
(double Insert, double Read, double HttpCreate, double HttpRead)? wrk = null;
var port = BenchRuntime.FreePort();
var runtime = BenchRuntime.Start(postgres.ConnectionString, port);
try
{
    using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    await BenchRuntime.WaitForHealthAsync(client);
    var token = await BenchRuntime.LoginAsync(client);
    await client.PostAsJsonAsync("/api/records/bench_item", new { name = "warm-up" });
    httpFloor = await Measure.ThroughputAsync(operations, Workers, async _ =>
    {
        using var a = await client.GetAsync("/health");
        using var b = await client.GetAsync("/health");
    });
    http = await Measure.ThroughputAsync(operations, Workers, async i =>
    {
        using var created = await client.PostAsJsonAsync("/api/records/bench_item", new { name = $"http {i}", amount = i, score = 1.25m, due = "2025-01-31" });
        created.EnsureSuccessStatusCode();
        using var read = await client.GetAsync(created.Headers.Location);
        read.EnsureSuccessStatusCode();
    });
    if (Wrk.Available)
    {
        var seconds = quick ? 3 : 8;
        var sampleId = (await (await client.PostAsJsonAsync("/api/records/bench_item", new { name = "read me" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var insertOnly = await Measure.ThroughputAsync(operations, Workers, async i =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await connection.ExecuteScalarAsync<Guid>(
                "INSERT INTO crm.bench_item (id, owner, created_by, updated_by, name, amount, score, due) VALUES (@id, @u, @u, @u, @name, @amount, @score, @due) RETURNING id",
                new { id = Guid.CreateVersion7(), u = admin.UserId, name = "dapper", amount = 1L, score = 1.25m, due = new DateOnly(2025, 1, 31) });
        });
        var readOnly = await Measure.ThroughputAsync(operations * 4, Workers, async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await connection.QuerySingleAsync("SELECT * FROM crm.bench_item WHERE id = @id", new { id = Guid.Parse(sampleId!) });
        });
        var httpCreate = await Wrk.RequestsPerSecondAsync($"http://127.0.0.1:{port}/api/records/bench_item", token,
            """{"name":"wrk","amount":1,"score":1.25,"due":"2025-01-31"}""", seconds);
        var httpRead = await Wrk.RequestsPerSecondAsync($"http://127.0.0.1:{port}/api/records/bench_item/{sampleId}", token, null, seconds);
        wrk = (insertOnly, readOnly, httpCreate, httpRead);
    }
}
finally
{
    runtime.Kill(entireProcessTree: true);
    await runtime.WaitForExitAsync();
}

Console.WriteLine();
Console.WriteLine("Create + read (one insert and one primary-key read each)");
Console.WriteLine($"  hand-written Dapper      {dapper,10:N0} ops/s   1.00 (baseline)");
Console.WriteLine($"  record pipeline          {pipeline,10:N0} ops/s   {pipeline / dapper:0.00}   target >= 0.90");
Console.WriteLine($"  (validating one body: {parseMicroseconds:0.0} µs of CPU)");
Console.WriteLine($"  HTTP API                 {http,10:N0} ops/s   {http / dapper:0.00}   target >= 0.50");
Console.WriteLine($"  (two GET /health, the HTTP floor with .NET's HttpClient as the client: {httpFloor:N0} ops/s)");
if (wrk is { } w)
{
    Console.WriteLine("HTTP API driven by wrk (4 connections) vs hand-written Dapper (4 workers)");
    Console.WriteLine($"  create: Dapper {w.Insert,8:N0}/s   HTTP {w.HttpCreate,8:N0}/s   {w.HttpCreate / w.Insert:0.00}   target >= 0.50");
    Console.WriteLine($"  read:   Dapper {w.Read,8:N0}/s   HTTP {w.HttpRead,8:N0}/s   {w.HttpRead / w.Read:0.00}   target >= 0.50");
}

// 2. $filter on an indexed custom field over a big table.
await using (var connection = await dataSource.OpenConnectionAsync())
{
    var clock = Stopwatch.StartNew();
    await using (var writer = await connection.BeginBinaryImportAsync("COPY crm.bench_item (name, amount, score) FROM STDIN (FORMAT BINARY)"))
    {
        var random = new Random(7);
        for (var i = 0; i < bigRows; i++)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync($"bulk {i}", NpgsqlDbType.Text);
            await writer.WriteAsync((long)random.Next(0, bigRows / 10), NpgsqlDbType.Bigint);
            await writer.WriteAsync(i / 100m, NpgsqlDbType.Numeric);
        }
        await writer.CompleteAsync();
    }
    await connection.ExecuteAsync("ANALYZE crm.bench_item");
    Console.WriteLine();
    Console.WriteLine($"Loaded {bigRows:N0} rows with COPY in {clock.Elapsed.TotalSeconds:0.0} s");
}
var filterLatency = await Measure.LatencyAsync(quick ? 200 : 1000, async i =>
{
    var options = RecordQueryOptions.FromParameters($"amount eq {i * 37 % (bigRows / 10)}", "name", "50", null, null, null, null, null, null);
    await query.QueryAsync(admin, "bench_item", options, default);
});
var rawLatency = await Measure.LatencyAsync(quick ? 200 : 1000, async i =>
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await connection.QueryAsync("SELECT * FROM crm.bench_item WHERE amount = @a AND deleted_at IS NULL ORDER BY name, id LIMIT 50", new { a = (long)(i * 37 % (bigRows / 10)) });
});
Console.WriteLine($"$filter=amount eq N&$orderby=name&$top=50 over {bigRows:N0} rows (in-process query service)");
Console.WriteLine($"  engine  p50 {filterLatency.P50,6:0.00} ms   p95 {filterLatency.P95,6:0.00} ms   target p95 < 20 ms");
Console.WriteLine($"  Dapper  p50 {rawLatency.P50,6:0.00} ms   p95 {rawLatency.P95,6:0.00} ms   ratio p95 {filterLatency.P95 / rawLatency.P95:0.00}");

// 3. Adding a nullable field to the big table.
var document = JsonSerializer.Deserialize<System.Text.Json.Nodes.JsonObject>(BenchModel.Document)!;
document["entities"]![0]!["fields"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["name"] = "added_later", ["type"] = "text" });
var addClock = Stopwatch.StartNew();
await publisher.PublishAsync(new PublishRequest(document.ToJsonString(), "bench"), default);
Console.WriteLine();
Console.WriteLine($"Publish adding a nullable field to {bigRows:N0} rows: {addClock.Elapsed.TotalMilliseconds:0} ms   target < 1000 ms");

await postgres.StopAsync();
folder.Delete(recursive: true);
