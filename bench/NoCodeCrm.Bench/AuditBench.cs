using System.Text.Json;
using Npgsql;
using NoCodeCrm.Engine.Audit;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Hosting;
using NoCodeCrm.Engine.Publishing;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Bench;

/// <summary><c>audit</c> mode: record saves (create, then update) with the audit hook against the same saves without it, measured in the same run.</summary>
internal static class AuditBench
{
    public static async Task RunAsync(bool quick)
    {
        Console.WriteLine("Audit");
        await using var db = await BenchDatabase.StartAsync("audit", BenchModel.Document);
        var dataSource = db.DataSource;
        var registry = db.Registry;
        var access = new AdministratorOnlyAccessPolicy();
        var plain = new RecordService(dataSource, registry, access, []);
        var audited = new RecordService(dataSource, registry, access, [new AuditWriteHook(registry)]);
        var admin = CrmPrincipal.Administrator();
        var body = (int i) => JsonSerializer.SerializeToElement(new { name = $"audit {i}", amount = i, score = 1.25m, due = "2025-01-31" });
        var change = (int i) => JsonSerializer.SerializeToElement(new { amount = i + 1, score = 2.5m });

        var operations = quick ? 500 : 4000;
        const int workers = 4;
        // Alternate the two so that disk and cache noise fall on both alike.
        double createPlain = 0, createAudited = 0, updatePlain = 0, updateAudited = 0;
        for (var round = 0; round < 3; round++)
        {
            foreach (var (service, audit) in new[] { (plain, false), (audited, true) })
            {
                var ids = new Guid[operations];
                var creates = await Measure.ThroughputAsync(operations, workers, async i => ids[i] = (await service.CreateAsync(admin, "bench_item", body(i), default)).Id);
                var updates = await Measure.ThroughputAsync(operations, workers, async i => await service.PatchAsync(admin, "bench_item", ids[i], change(i), null, default));
                if (audit) { createAudited += creates; updateAudited += updates; }
                else { createPlain += creates; updatePlain += updates; }
            }
        }
        Console.WriteLine($"  create, no audit               {createPlain / 3,14:N0} records/s      1.00 (baseline)");
        Console.WriteLine($"  create, audited                {createAudited / 3,14:N0} records/s      {createAudited / createPlain:0.00}");
        Console.WriteLine($"  update, no audit               {updatePlain / 3,14:N0} records/s      1.00 (baseline)");
        Console.WriteLine($"  update, audited                {updateAudited / 3,14:N0} records/s      {updateAudited / updatePlain:0.00}");
        await db.StopAndDeleteAsync();
    }
}
