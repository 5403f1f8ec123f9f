using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Pipelines;

/// <summary>Board, forecast, performance and stage statistics over the seeded sales floor, checked against what was seeded and against hand-written SQL.</summary>
public sealed class BoardAndForecastTests(SalesFloor floor) : IClassFixture<SalesFloor>
{
    /// <summary>The sample's stage probabilities, written out here so the expectation does not come from the engine.</summary>
    private static readonly Dictionary<(string SalesType, string Stage), decimal> Probability = new()
    {
        [("individual", "prospecting")] = 0.1m, [("individual", "proposal")] = 0.5m, [("individual", "won")] = 1m, [("individual", "lost")] = 0m,
        [("corporate", "prospecting")] = 0.05m, [("corporate", "qualification")] = 0.1m, [("corporate", "proposal")] = 0.4m,
        [("corporate", "negotiation")] = 0.7m, [("corporate", "won")] = 1m, [("corporate", "lost")] = 0m,
    };

    private static string SalesType(string pipeline) => pipeline == "corporate_sales" ? "corporate" : "individual";

    private async Task AssertBoardAsync(HttpClient client, string pipeline, string scope, HashSet<string> owners)
    {
        var (status, board, _) = await client.GetJsonAsync($"/api/pipelines/{pipeline}/board?scope={scope}&$top=3");
        Assert.True(status == HttpStatusCode.OK, $"{status}: {board}");
        var salesType = SalesType(pipeline);
        var deals = floor.Deals.Where(d => d.SalesType == salesType && owners.Contains(d.Owner)).ToList();
        foreach (var column in board!["columns"]!.AsArray())
        {
            var stage = column!["stage"]!.GetValue<string>();
            var inStage = deals.Where(d => d.Stage == stage).ToList();
            Assert.True(inStage.Count == column["count"]!.GetValue<long>(), $"{pipeline}/{scope}/{stage}: count");
            Assert.Equal(inStage.Sum(d => d.Amount), column["sum"]!.GetValue<decimal>());
            Assert.Equal(inStage.Sum(d => d.Amount) * Probability[(salesType, stage)], column["weightedSum"]!.GetValue<decimal>());
            var cards = column["records"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
            Assert.Equal(Math.Min(3, inStage.Count), cards.Count);
            Assert.All(cards, id => Assert.Contains(inStage, d => d.Id == id));
        }
    }

    [Fact]
    public async Task The_board_returns_counts_sums_and_weighted_sums_per_stage_for_mine_team_and_all()
    {
        foreach (var pipeline in new[] { "individual_sales", "corporate_sales" })
        {
            await AssertBoardAsync(floor.Users["rep1"], pipeline, "mine", new HashSet<string> { "rep1" });
            await AssertBoardAsync(floor.Users["manager"], pipeline, "team", new HashSet<string> { "rep1", "rep2", "manager" });
            await AssertBoardAsync(floor.Users["manager"], pipeline, "mine", new HashSet<string> { "manager" });
            await AssertBoardAsync(floor.Admin, pipeline, "all", SalesFloor.Reps.ToHashSet());
            // The scope narrows within the user's rights, never beyond them: a rep's "all" is still their own records.
            await AssertBoardAsync(floor.Users["rep3"], pipeline, "all", new HashSet<string> { "rep3" });
            await AssertBoardAsync(floor.Users["rep3"], pipeline, "team", new HashSet<string> { "rep3" });
        }
    }

    [Fact]
    public async Task A_board_column_pages_through_its_records_with_their_count()
    {
        var inProspecting = floor.Deals.Where(d => d.SalesType == "individual" && d.Stage == "prospecting").Select(d => d.Id).ToHashSet();
        var seen = new HashSet<string>();
        for (var skip = 0; skip < inProspecting.Count; skip += 2)
        {
            var (status, page, _) = await floor.Admin.GetJsonAsync($"/api/pipelines/individual_sales/board/prospecting?$top=2&$skip={skip}&$orderby=amount");
            Assert.True(status == HttpStatusCode.OK, $"{status}: {page}");
            Assert.Equal(inProspecting.Count, page!["count"]!.GetValue<int>());
            foreach (var record in page["value"]!.AsArray()) Assert.True(seen.Add(record!["id"]!.GetValue<string>()));
        }
        Assert.Equal(inProspecting, seen);
        Assert.Equal(HttpStatusCode.NotFound, (await floor.Admin.GetJsonAsync("/api/pipelines/individual_sales/board/negotiation")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await floor.Admin.GetJsonAsync("/api/pipelines/nowhere/board")).Status);
        var (bad, problem, _) = await floor.Admin.GetJsonAsync("/api/pipelines/individual_sales/board?scope=everyone");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal(["scope"], problem.ErrorPaths());
    }

    [Fact]
    public async Task The_forecast_by_month_and_owner_matches_an_independent_SQL_computation()
    {
        var expected = new Dictionary<(string Period, string Owner), (decimal Weighted, decimal Won, long Open)>();
        await using (var connection = new NpgsqlConnection(floor.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT to_char(expected_close_date, 'YYYY-MM'), owner::text,
                  sum(CASE WHEN stage IN ('won', 'lost') THEN 0 ELSE amount * CASE sales_type || '/' || stage
                        WHEN 'individual/prospecting' THEN 0.1 WHEN 'individual/proposal' THEN 0.5
                        WHEN 'corporate/prospecting' THEN 0.05 WHEN 'corporate/qualification' THEN 0.1
                        WHEN 'corporate/proposal' THEN 0.4 WHEN 'corporate/negotiation' THEN 0.7 END END),
                  coalesce(sum(amount) FILTER (WHERE stage = 'won'), 0),
                  count(*) FILTER (WHERE stage NOT IN ('won', 'lost'))
                FROM crm.opportunity WHERE deleted_at IS NULL AND expected_close_date IS NOT NULL GROUP BY 1, 2
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                expected[(reader.GetString(0), reader.GetString(1))] = (reader.GetDecimal(2), reader.GetDecimal(3), reader.GetInt64(4));
        }
        Assert.Equal(9, expected.Count);

        var (status, forecast, _) = await floor.Admin.GetJsonAsync("/api/forecast?period=month&groupBy=owner");
        Assert.True(status == HttpStatusCode.OK, $"{status}: {forecast}");
        var rows = forecast!["value"]!.AsArray();
        Assert.Equal(expected.Count, rows.Count);
        foreach (var row in rows)
        {
            var key = (row!["period"]!.GetValue<string>(), row["key"]!.GetValue<string>());
            Assert.True(expected.TryGetValue(key, out var want), $"unexpected row {row}");
            Assert.Equal(want.Weighted, row["weightedAmount"]!.GetValue<decimal>());
            Assert.Equal(want.Won, row["wonAmount"]!.GetValue<decimal>());
            Assert.Equal(want.Open, row["openCount"]!.GetValue<long>());
            Assert.Equal(want.Won + want.Weighted, row["forecast"]!.GetValue<decimal>());
            Assert.Equal(floor.Ids.Single(u => u.Value == key.Item2).Key, row["label"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task The_forecast_groups_by_quarter_team_and_pipeline()
    {
        var (_, byTeam, _) = await floor.Admin.GetJsonAsync("/api/forecast?period=quarter&groupBy=team");
        var teams = byTeam!["value"]!.AsArray().ToDictionary(r => r!["label"]!.GetValue<string>(), r => r!["weightedAmount"]!.GetValue<decimal>());
        decimal Weighted(Func<SalesFloor.Deal, bool> which) =>
            floor.Deals.Where(which).Sum(d => d.Stage is "won" or "lost" ? 0 : d.Amount * Probability[(d.SalesType, d.Stage)]);
        Assert.Equal(Weighted(d => d.Owner is "rep1" or "rep2"), teams["İzmir"]);
        Assert.Equal(Weighted(d => d.Owner == "rep3"), teams["Ankara"]);
        Assert.All(byTeam["value"]!.AsArray(), r => Assert.Equal("2027-Q1", r!["period"]!.GetValue<string>()));

        var (_, byPipeline, _) = await floor.Admin.GetJsonAsync("/api/forecast?period=year&groupBy=pipeline&from=2027-02-01&to=2027-02-28");
        var pipelines = byPipeline!["value"]!.AsArray().ToDictionary(r => r!["key"]!.GetValue<string>(), r => r!["wonAmount"]!.GetValue<decimal>());
        Assert.Equal(floor.Deals.Where(d => d.SalesType == "corporate" && d.Stage == "won" && d.CloseDate.Month == 2).Sum(d => d.Amount), pipelines.GetValueOrDefault("corporate_sales"));
        Assert.Equal(floor.Deals.Where(d => d.SalesType == "individual" && d.Stage == "won" && d.CloseDate.Month == 2).Sum(d => d.Amount), pipelines.GetValueOrDefault("individual_sales"));

        // A rep's forecast covers only what they may read.
        var (_, mine, _) = await floor.Users["rep2"].GetJsonAsync("/api/forecast?groupBy=owner");
        Assert.All(mine!["value"]!.AsArray(), r => Assert.Equal(floor.Ids["rep2"], r!["key"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Performance_per_rep_gives_won_amount_win_rate_and_average_cycle_time()
    {
        var (status, performance, _) = await floor.Admin.GetJsonAsync("/api/forecast/performance?groupBy=owner");
        Assert.True(status == HttpStatusCode.OK, $"{status}: {performance}");
        var rows = performance!["value"]!.AsArray().ToDictionary(r => r!["key"]!.GetValue<string>(), r => r!);
        foreach (var rep in SalesFloor.Reps)
        {
            var deals = floor.Deals.Where(d => d.Owner == rep).ToList();
            var won = deals.Where(d => d.Stage == "won").ToList();
            var lost = deals.Count(d => d.Stage == "lost");
            var row = rows[floor.Ids[rep]];
            Assert.Equal(won.Count, row["won"]!.GetValue<long>());
            Assert.Equal(won.Sum(d => d.Amount), row["wonAmount"]!.GetValue<decimal>());
            Assert.Equal(lost, row["lost"]!.GetValue<long>());
            Assert.Equal(Math.Round((decimal)won.Count / (won.Count + lost), 4), row["winRate"]!.GetValue<decimal>());
            Assert.Equal(Math.Round(won.Average(d => d.Cycle.TotalDays), 2), row["averageCycleDays"]!.GetValue<double>(), 2);
        }
    }

    [Fact]
    public async Task Stage_statistics_give_entries_conversion_onwards_and_average_time_in_each_stage()
    {
        var (status, stats, _) = await floor.Admin.GetJsonAsync("/api/pipelines/individual_sales/stats");
        Assert.True(status == HttpStatusCode.OK, $"{status}: {stats}");
        var byStage = stats!["value"]!.AsArray().ToDictionary(s => s!["stage"]!.GetValue<string>(), s => s!);
        var individual = floor.Deals.Where(d => d.SalesType == "individual").ToList();
        var proposalReached = individual.Count(d => d.Stage is "proposal" or "won");
        Assert.Equal(individual.Count, byStage["prospecting"]["entered"]!.GetValue<long>());
        // From prospecting, going on means reaching proposal or won; lost does not count.
        Assert.Equal(proposalReached, byStage["prospecting"]["advanced"]!.GetValue<long>());
        Assert.Equal(Math.Round((decimal)proposalReached / individual.Count, 4), byStage["prospecting"]["conversionRate"]!.GetValue<decimal>());
        Assert.Equal(individual.Count(d => d.Stage == "won"), byStage["proposal"]["advanced"]!.GetValue<long>());
        Assert.Null(byStage["won"]["conversionRate"]);
        // Every individual deal left prospecting after 6·(i+1)+r hours; the average of those is the stage's average time.
        var left = floor.Deals.Select((d, n) => (d, i: n % 8, r: n / 8)).Where(x => x.d.SalesType == "individual" && x.d.Stage != "prospecting")
            .Select(x => (6.0 * (x.i + 1) + x.r) / 24).ToList();
        Assert.Equal(left.Count, byStage["prospecting"]["left"]!.GetValue<long>());
        Assert.Equal(Math.Round(left.Average(), 3), byStage["prospecting"]["averageDays"]!.GetValue<double>(), 3);
    }
}
