using System.Net;
using System.Text.Json.Nodes;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Pipelines;

/// <summary>The engine guards the stage field: forbidden and incomplete moves are refused whole; allowed ones write history with durations.</summary>
public sealed class StageMoveTests(SalesFloor floor) : IClassFixture<SalesFloor>
{
    private static string[] Messages(JsonNode? problem) =>
        problem?["errors"]?.AsArray().Select(e => e!["message"]!.GetValue<string>()).ToArray() ?? [];

    private HttpClient Turkish(HttpClient signedIn)
    {
        var client = floor.CreateClient();
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("tr");
        return client;
    }

    private async Task<JsonNode> CreateAsync(object body)
    {
        var (status, created, _) = await floor.Admin.PostJsonAsync("/api/records/opportunity", body);
        Assert.True(status == HttpStatusCode.Created, $"{status}: {created}");
        return created!;
    }

    private static async Task AssertRefusedAsync(HttpClient client, string id, object body, string path, string code, string because)
    {
        var before = (await client.GetJsonAsync($"/api/records/opportunity/{id}")).Body!;
        var (status, problem, _) = await client.PatchJsonAsync($"/api/records/opportunity/{id}", body);
        Assert.True(status == HttpStatusCode.UnprocessableEntity, $"{status}: {problem}");
        var error = problem!["errors"]!.AsArray().Single(e => e!["path"]!.GetValue<string>() == path);
        Assert.Equal(code, error!["code"]!.GetValue<string>());
        Assert.Contains(because, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var after = (await client.GetJsonAsync($"/api/records/opportunity/{id}")).Body!;
        Assert.Equal(before["version"]!.GetValue<int>(), after["version"]!.GetValue<int>());
        Assert.Equal(before["stage"]!.GetValue<string>(), after["stage"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_move_the_pipeline_does_not_allow_is_refused_naming_where_the_record_can_go()
    {
        var deal = await CreateAsync(new { name = "Atlama", sales_type = "corporate", amount = 5000m, expected_close_date = "2027-03-01" });
        var id = deal["id"]!.GetValue<string>();
        await AssertRefusedAsync(floor.Admin, id, new { stage = "negotiation" }, "$.stage", "stageTransitionNotAllowed", "Qualification");
        // A stage of another pipeline on the same field is not a stage of this one.
        var individual = (await CreateAsync(new { name = "Bireysel", amount = 100m }))["id"]!.GetValue<string>();
        await AssertRefusedAsync(floor.Admin, individual, new { stage = "negotiation" }, "$.stage", "stageNotInPipeline", "is not a stage");
        // Won is final unless the pipeline allows leaving it.
        var (won, _, _) = await floor.Admin.PatchJsonAsync($"/api/records/opportunity/{individual}", new { stage = "won" });
        Assert.Equal(HttpStatusCode.OK, won);
        await AssertRefusedAsync(floor.Admin, individual, new { stage = "proposal" }, "$.stage", "stageTransitionNotAllowed", "final stage");
    }

    [Fact]
    public async Task Entering_a_stage_without_its_required_fields_is_refused_on_each_missing_field()
    {
        var deal = await CreateAsync(new { name = "Eksik", sales_type = "corporate" });
        var id = deal["id"]!.GetValue<string>();
        await AssertRefusedAsync(floor.Admin, id, new { stage = "qualification" }, "$.company", "requiredForStage", "Qualification");
        var (_, company, _) = await floor.Admin.PostJsonAsync("/api/records/company", new { name = "Eksik Ltd." });
        var (ok, moved, _) = await floor.Admin.PatchJsonAsync($"/api/records/opportunity/{id}",
            new { stage = "qualification", company = company!["id"]!.GetValue<string>() });
        Assert.True(ok == HttpStatusCode.OK, $"{ok}: {moved}");

        var (status, problem, _) = await floor.Admin.PatchJsonAsync($"/api/records/opportunity/{id}", new { stage = "proposal" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(["$.amount", "$.expected_close_date"], problem.ErrorPaths().Order(StringComparer.Ordinal).ToArray());
        // The same rule holds when the record is created straight into a stage.
        var (created, refused, _) = await floor.Admin.PostJsonAsync("/api/records/opportunity", new { name = "Doğrudan", stage = "proposal" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, created);
        Assert.Equal(["$.amount"], refused.ErrorPaths());
        Assert.Contains("'Amount' is required to enter the stage 'Proposal'.", Messages(problem));
        // The labels in the message follow the user's language.
        var (_, inTurkish, _) = await Turkish(floor.Admin).PatchJsonAsync($"/api/records/opportunity/{id}", new { stage = "proposal" });
        Assert.Contains("'Tutar' is required to enter the stage 'Teklif'.", Messages(inTurkish));
    }

    [Fact]
    public async Task Allowed_moves_write_history_with_who_when_and_the_time_spent_in_the_stage_left()
    {
        var rep = floor.Users["rep2"];
        var (_, deal, _) = await rep.PostJsonAsync("/api/records/opportunity", new { name = "Tarihçe", amount = 700m });
        var id = deal!["id"]!.GetValue<string>();
        floor.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.OK, (await rep.PatchJsonAsync($"/api/records/opportunity/{id}", new { stage = "proposal" })).Status);
        floor.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(HttpStatusCode.OK, (await rep.PatchJsonAsync($"/api/records/opportunity/{id}", new { stage = "lost", lost_reason = "price" })).Status);
        floor.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(HttpStatusCode.OK, (await rep.PatchJsonAsync($"/api/records/opportunity/{id}", new { stage = "prospecting" })).Status);
        // Changing other fields is not a move.
        Assert.Equal(HttpStatusCode.OK, (await rep.PatchJsonAsync($"/api/records/opportunity/{id}", new { amount = 800m })).Status);

        var (status, history, _) = await rep.GetJsonAsync($"/api/pipelines/individual_sales/history?record={id}");
        Assert.True(status == HttpStatusCode.OK, $"{status}: {history}");
        var moves = history!["value"]!.AsArray();
        Assert.Equal(["-", "prospecting", "proposal", "lost"], moves.Select(m => m!["fromStage"]?.GetValue<string>() ?? "-").ToArray());
        Assert.Equal(["prospecting", "proposal", "lost", "prospecting"], moves.Select(m => m!["toStage"]!.GetValue<string>()).ToArray());
        Assert.Equal([null, 7200d, 3 * 86400d, 1800d], moves.Select(m => m!["secondsInFrom"]?.GetValue<double>()).ToArray());
        Assert.All(moves, m => Assert.Equal(floor.Ids["rep2"], m!["movedBy"]!.GetValue<string>()));
        Assert.All(moves, m => Assert.Equal("api", m!["source"]!.GetValue<string>()));

        // The record's history across pipelines, and nobody else's: another rep gets the same answer as for a missing record.
        Assert.Equal(4, (await rep.GetJsonAsync($"/api/records/opportunity/{id}/stage-history")).Body!["value"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.NotFound, (await floor.Users["rep3"].GetJsonAsync($"/api/pipelines/individual_sales/history?record={id}")).Status);
    }

    [Fact]
    public async Task Pipelines_are_listed_with_their_stages_in_the_users_language()
    {
        var (status, list, _) = await Turkish(floor.Users["rep1"]).GetJsonAsync("/api/pipelines");
        Assert.True(status == HttpStatusCode.OK, $"{status}: {list}");
        var corporate = list!["value"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "corporate_sales")!;
        Assert.Equal("Kurumsal satış", corporate["label"]!.GetValue<string>());
        var stages = corporate["stages"]!.AsArray();
        Assert.Equal(["prospecting", "qualification", "proposal", "negotiation", "won", "lost"], stages.Select(s => s!["name"]!.GetValue<string>()).ToArray());
        Assert.Equal("Pazarlık", stages[3]!["label"]!.GetValue<string>());
        Assert.Equal(["proposal", "won", "lost"], stages[3]!["transitions"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray());
        Assert.Equal("won", stages[4]!["outcome"]!.GetValue<string>());
    }
}
