using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Hosting;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Conditions;
using NoCodeCrm.Engine.Publishing;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Rules;
using NoCodeCrm.Engine.Rules.Conditions;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Bench;

/// <summary>
/// <c>rules</c> mode: condition trees and pooled Jint scripts against a hand-written C# delegate, and record saves with
/// ten rules against saves with none, each pair measured in the same run.
/// </summary>
internal static class RulesBench
{
    private const string Condition = """{"all":[{"field":"amount","operator":"gt","value":1000},{"field":"stage","operator":"eq","value":"won"}]}""";
    private const string Script = "record.amount > 1000 && record.stage == 'won'";

    private const string Document = """
        {"settings":{"defaultLanguage":"en","languages":["en"]},
         "entities":[
          {"name":"plain_item","fields":[
            {"name":"name","type":"text","required":true},{"name":"amount","type":"decimal","precision":14,"scale":2},
            {"name":"quantity","type":"integer"},{"name":"stage","type":"choice","options":[{"value":"open"},{"value":"won"}]},
            {"name":"discount","type":"percent"},{"name":"total","type":"decimal","precision":14,"scale":2},{"name":"code","type":"text"}]},
          {"name":"ruled_item","fields":[
            {"name":"name","type":"text","required":true},{"name":"amount","type":"decimal","precision":14,"scale":2},
            {"name":"quantity","type":"integer"},{"name":"stage","type":"choice","options":[{"value":"open"},{"value":"won"}]},
            {"name":"discount","type":"percent"},
            {"name":"total","type":"decimal","precision":14,"scale":2,"formula":"crm.round(record.amount * (record.quantity || 1) * (1 - (record.discount || 0) / 100), 2)"},
            {"name":"code","type":"text","defaultExpression":"'IT-' + crm.upperTr(record.name).substring(0, 3)"}],
           "rules":[
            {"name":"r1","field":"amount","condition":{"field":"amount","operator":"lt","value":0}},
            {"name":"r2","field":"quantity","condition":{"field":"quantity","operator":"lt","value":0}},
            {"name":"r3","field":"discount","condition":{"field":"discount","operator":"gt","value":50}},
            {"name":"r4","field":"name","condition":{"field":"name","operator":"contains","value":"forbidden"}},
            {"name":"r5","field":"stage","condition":{"all":[{"field":"stage","operator":"eq","value":"won"},{"field":"amount","operator":"isNull"}]}},
            {"name":"r6","field":"amount","condition":{"field":"amount","operator":"gt","value":100000000}},
            {"name":"r7","field":"quantity","condition":{"field":"quantity","operator":"gt","value":1000000}},
            {"name":"r8","field":"total","condition":{"script":"record.total !== null && record.total < 0"}}]}]}
        """;

    public static async Task RunAsync(bool quick)
    {
        Console.WriteLine("Rules");
        EvaluationRatios(quick);
        await SaveRatioAsync(quick);
    }

    private static void EvaluationRatios(bool quick)
    {
        var model = new CompiledModel(ModelJson.Parse(Document), SchemaNames.Default);
        var entity = model.FindEntity("plain_item")!;
        var rules = new RuleEngine();
        var condition = rules.CompileCondition(model, entity, JsonSerializer.Deserialize<ConditionDefinition>(Condition, ModelJson.Options)!, "bench");
        var amount = entity.ValueIndex["amount"];
        var stage = entity.ValueIndex["stage"];
        Func<RuleContext, bool> handWritten = c => c.Record.Values[amount] is decimal a && a > 1000m && c.Record.Values[stage] is string s && s == "won";
        var script = RuleEngine.PrepareScript("bench", Script);

        var contexts = Enumerable.Range(0, 64).Select(i =>
        {
            var values = new object?[SystemColumns.EntityNames.Count + entity.Fields.Count];
            values[0] = Guid.NewGuid();
            values[1] = 1;
            values[amount] = 500m + i * 40m;
            values[stage] = i % 3 == 0 ? "open" : "won";
            values[entity.ValueIndex["name"]] = $"item {i}";
            return new RuleContext(new StoredRecord(entity, values), null, CrmPrincipal.Administrator(), DateTimeOffset.UtcNow);
        }).ToArray();

        var n = quick ? 2_000_000 : 20_000_000;
        var delegateRate = Rate(n, i => handWritten(contexts[i & 63]));
        var treeRate = Rate(n, i => condition.Evaluate(contexts[i & 63]));
        var jintN = quick ? 100_000 : 1_000_000;
        // Same 64 records over and over: script arguments are built once per record and engine, as within one write.
        var jintRate = Rate(jintN, i => rules.EvaluateScript(script, contexts[i & 63]) is true);
        // A new record every time: the arguments (record, user, now…) are built for each evaluation.
        var jintFreshRate = Rate(jintN, i => rules.EvaluateScript(script, new RuleContext(contexts[i & 63].Record, null, contexts[0].User, contexts[0].Now)) is true);

        Console.WriteLine($"  hand-written C# delegate       {delegateRate,14:N0} evaluations/s   1.00 (baseline)");
        Console.WriteLine($"  condition tree (expression)    {treeRate,14:N0} evaluations/s   {treeRate / delegateRate:0.000}   target >= 0.5");
        Console.WriteLine($"  Jint prepared + pooled         {jintRate,14:N0} evaluations/s   {jintRate / delegateRate:0.000}   target >= 0.04");
        Console.WriteLine($"  Jint, new record each time     {jintFreshRate,14:N0} evaluations/s   {jintFreshRate / delegateRate:0.000}");
    }

    /// <summary>Best of three rounds after a timed warm-up: Jint's interpreter runs several times slower until tiered compilation has re-jitted its hot paths.</summary>
    private static double Rate(int count, Func<int, bool> evaluate)
    {
        var hits = 0;
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; warmUp.ElapsedMilliseconds < 1000; i++) if (evaluate(i)) hits++;
        var best = 0d;
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++) if (evaluate(i)) hits++;
            best = Math.Max(best, count / clock.Elapsed.TotalSeconds);
        }
        GC.KeepAlive(hits);
        return best;
    }

    private static async Task SaveRatioAsync(bool quick)
    {
        await using var db = await BenchDatabase.StartAsync("rules", Document);
        var dataSource = db.DataSource;
        var registry = db.Registry;
        var records = new RecordService(dataSource, registry, new AdministratorOnlyAccessPolicy(), [], new RuleEngine());
        var admin = CrmPrincipal.Administrator();
        var body = (int i) => JsonSerializer.SerializeToElement(new { name = $"item {i}", amount = 10.5m + i, quantity = i % 7, stage = "won", discount = 5m });

        var operations = quick ? 500 : 4000;
        // Alternate the two so that disk and cache noise fall on both alike.
        double plain = 0, ruled = 0;
        for (var round = 0; round < 3; round++)
        {
            plain += await Measure.ThroughputAsync(operations, 4, async i => await records.CreateAsync(admin, "plain_item", body(i), default));
            ruled += await Measure.ThroughputAsync(operations, 4, async i => await records.CreateAsync(admin, "ruled_item", body(i), default));
        }
        Console.WriteLine($"  save, no rules                 {plain / 3,14:N0} records/s      1.00 (baseline)");
        Console.WriteLine($"  save, 10 rules (8 validation, 1 formula, 1 default expression)");
        Console.WriteLine($"                                 {ruled / 3,14:N0} records/s      {ruled / plain:0.00}   target >= 0.7");
        await db.StopAndDeleteAsync();
    }
}
