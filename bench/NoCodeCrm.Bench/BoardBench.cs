using System.Diagnostics;
using Dapper;
using NoCodeCrm.Engine.Pipelines;
using NoCodeCrm.Engine.Query;
using NoCodeCrm.Engine.Security;
using NoCodeCrm.Engine.Security.Directory;

namespace NoCodeCrm.Bench;

/// <summary>
/// <c>board</c> mode: a pipeline's board over 100,000 opportunities for the administrator (all), a manager (team) and a
/// rep (mine), and the forecast by month and owner; each against hand-written SQL computing the same numbers in the same run.
/// </summary>
internal static class BoardBench
{
    private const int Users = 200;
    private const int Teams = 20;

    private const string Document = """
        {"settings":{"defaultLanguage":"en","languages":["en"]},
         "entities":[{"name":"opportunity","primaryField":"name","fields":[
           {"name":"name","type":"text","required":true,"maxLength":200},
           {"name":"amount","type":"currency","precision":14,"scale":2},
           {"name":"stage","type":"choice","searchable":true,"options":[{"value":"prospecting"},{"value":"qualification"},
             {"value":"proposal"},{"value":"negotiation"},{"value":"won"},{"value":"lost"}]},
           {"name":"expected_close_date","type":"date","searchable":true}]}],
         "pipelines":[{"name":"sales","entity":"opportunity","field":"stage","stages":[
           {"name":"prospecting","probability":0.1},{"name":"qualification","probability":0.2},{"name":"proposal","probability":0.5},
           {"name":"negotiation","probability":0.8},{"name":"won","probability":1,"outcome":"won"},{"name":"lost","probability":0,"outcome":"lost"}]}],
         "roles":[
           {"name":"rep","entities":{"opportunity":{"create":"own","read":"own","update":"own"}}},
           {"name":"manager","entities":{"opportunity":{"create":"team","read":"team","update":"team"}}}]}
        """;

    private const string HandWrittenBoard = """
        SELECT stage, count(*), coalesce(sum(amount), 0) FROM crm.opportunity WHERE deleted_at IS NULL GROUP BY 1;
        SELECT c.* FROM unnest(ARRAY['prospecting','qualification','proposal','negotiation','won','lost']) s(stage)
        CROSS JOIN LATERAL (SELECT * FROM crm.opportunity t WHERE t.deleted_at IS NULL AND t.stage = s.stage ORDER BY t.updated_at DESC, t.id LIMIT 20) c;
        """;

    private const string HandWrittenForecast = """
        SELECT date_trunc('month', expected_close_date), owner, count(*),
               sum(amount * CASE stage WHEN 'prospecting' THEN 0.1 WHEN 'qualification' THEN 0.2 WHEN 'proposal' THEN 0.5
                                       WHEN 'negotiation' THEN 0.8 ELSE 0 END)
        FROM crm.opportunity WHERE deleted_at IS NULL AND expected_close_date IS NOT NULL GROUP BY 1, 2;
        """;

    public static async Task RunAsync(bool quick)
    {
        var rows = 100_000;
        var samples = quick ? 60 : 300;
        Console.WriteLine($"Board: pipeline board and forecast over {rows:N0} opportunities, {Users} users in {Teams} teams; {samples} samples each");
        await using var db = await BenchDatabase.StartAsync("board", Document);
        var users = await LoadAsync(db, rows);
        var loader = new PrincipalLoader(db.DataSource, db.Registry);
        var rep = (await loader.LoadAsync(users[Teams], null, "en", default))!;
        var manager = (await loader.LoadAsync(users[0], null, "en", default))!;
        var admin = CrmPrincipal.Administrator();
        var access = new RoleAccessPolicy(db.Registry);
        var board = new PipelineBoard(db.DataSource, db.Registry, access, new RecordQueryService(db.DataSource, db.Registry, access));
        var forecast = new PipelineForecast(db.DataSource, db.Registry, access);
        var options = new RecordQueryOptions { Top = PipelineBoard.DefaultCards };

        async Task HandWritten(string sql)
        {
            await using var connection = await db.DataSource.OpenConnectionAsync();
            using var reader = await connection.QueryMultipleAsync(sql);
            while (!reader.IsConsumed) await reader.ReadAsync();
        }

        var cases = new (string Name, Func<Task> Run)[]
        {
            ("hand-written SQL board (baseline)", () => HandWritten(HandWrittenBoard)),
            ("board, administrator, all", () => board.GetAsync(admin, "sales", BoardScope.All, options, default)),
            ("board, manager, team", () => board.GetAsync(manager, "sales", BoardScope.Team, options, default)),
            ("board, rep, mine", () => board.GetAsync(rep, "sales", BoardScope.Mine, options, default)),
            ("hand-written SQL forecast (baseline)", () => HandWritten(HandWrittenForecast)),
            ("forecast by month and owner, administrator", () => forecast.ForecastAsync(admin, "sales", ForecastPeriod.Month, ForecastGrouping.Owner, null, null, BoardScope.All, default)),
            ("forecast by month and team, administrator", () => forecast.ForecastAsync(admin, "sales", ForecastPeriod.Month, ForecastGrouping.Team, null, null, BoardScope.All, default)),
        };
        foreach (var (_, run) in cases) for (var i = 0; i < 10; i++) await run();

        double? baseline = null;
        var worstBoardP95 = 0.0;
        foreach (var (name, run) in cases)
        {
            var latency = await Measure.LatencyAsync(samples, _ => run());
            if (name.StartsWith("hand-written", StringComparison.Ordinal)) baseline = latency.P50;
            else if (name.StartsWith("board", StringComparison.Ordinal)) worstBoardP95 = Math.Max(worstBoardP95, latency.P95);
            var ratio = baseline / latency.P50;
            Console.WriteLine($"  {name,-44} p50 {latency.P50,7:0.0} ms   p95 {latency.P95,7:0.0} ms   speed vs hand-written {ratio:0.00}");
        }
        Console.WriteLine();
        Console.WriteLine($"Board p95, worst scope: {worstBoardP95:0.0} ms   target < 100 ms: {(worstBoardP95 < 100 ? "met" : "missed")}");
        await db.StopAndDeleteAsync();
    }

    private static async Task<Guid[]> LoadAsync(BenchDatabase db, int rows)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await db.DataSource.OpenConnectionAsync();
        var users = await BenchDatabase.AddUsersAsync(connection, Users, Teams);
        await connection.ExecuteAsync("SELECT setseed(0.42)");
        await connection.ExecuteAsync(
            """
            INSERT INTO crm.opportunity (id, owner, created_by, updated_by, name, amount, stage, expected_close_date)
            SELECT gen_random_uuid(), o, o, o, 'deal ' || g, round((random() * 100000)::numeric, 2),
                   (ARRAY['prospecting','qualification','proposal','negotiation','won','lost'])[1 + floor(random() * 6)::int],
                   date '2026-01-01' + floor(random() * 730)::int
            FROM generate_series(0, @last) g, LATERAL (SELECT (@users)[1 + g % @userCount] AS o) x
            """, new { last = rows - 1, users, userCount = Users }, commandTimeout: 600);
        // Loaded around the engine: stamp each row's owning team and department as record writes do.
        await NoCodeCrm.Engine.Security.OwningUnits.RepairAsync(db.DataSource, db.Registry.Current, default);
        await connection.ExecuteAsync("VACUUM ANALYZE crm.opportunity", commandTimeout: 600);
        Console.WriteLine($"Loaded {rows:N0} opportunities in {clock.Elapsed.TotalSeconds:0.0} s");
        return users;
    }
}
