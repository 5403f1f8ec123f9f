using System.Net;
using System.Text.Json.Nodes;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Automation;

public sealed class AutomationBehaviourTests(AutomationFixture fixture) : IClassFixture<AutomationFixture>
{
    private static JsonObject Rule(string json) => JsonNode.Parse(json)!.AsObject();

    private static async Task<JsonArray> RunsAsync(HttpClient client, string query) =>
        (await client.GetJsonAsync("/api/automation/runs?" + query)).Body!["value"]!.AsArray();

    [Fact]
    public async Task A_failing_webhook_is_retried_with_backoff_then_dead_lettered_and_a_replay_finishes_it_without_repeating_done_actions()
    {
        var client = await fixture.AdminClientAsync();
        var failing = true;
        fixture.Receiver.Respond = r => r.Target == "/flaky" && failing ? new(503, "down") : new(200, "ok");
        await AutomationFixture.PublishRulesAsync(client, Rule($$$"""
            {"name":"flaky_hook","trigger":{"type":"recordCreated","entity":"campaign"},
             "actions":[{"type":"createRecord","entity":"task","values":{"subject":"Prepare {{ record.name }}"}},
                        {"type":"webhook","url":"{{{fixture.Receiver.Url("/flaky")}}}"}]}
            """));
        var (_, campaign, _) = await client.PostJsonAsync("/api/records/campaign", new { name = "Spring" });
        var id = campaign!["id"]!.GetValue<string>();

        var dead = await AutomationFixture.EventuallyAsync(() => RunsAsync(client, $"rule=flaky_hook&recordId={id}"),
            v => v.Count == 1 && v[0]!["status"]!.GetValue<string>() == "dead", "the run to be dead-lettered");
        var run = dead[0]!;
        Assert.Equal(3, run["attempts"]!.GetValue<int>());
        Assert.Contains("503", run["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var steps = run["steps"]!.AsArray();
        Assert.Equal(["succeeded", "failed", "failed", "failed"], steps.Select(s => s!["status"]!.GetValue<string>()));
        var times = fixture.Receiver.Requests.Where(r => r.Target == "/flaky").Count();
        Assert.Equal(3, times);
        var attemptsAt = steps.Skip(1).Select(s => DateTimeOffset.Parse(s!["startedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        // The fixture's first backoff is 200 ms, doubling: the gaps are at least 200 and 400 ms (a loaded machine only adds to them).
        Assert.True(attemptsAt[1] - attemptsAt[0] >= TimeSpan.FromMilliseconds(190), $"first retry after {attemptsAt[1] - attemptsAt[0]}");
        Assert.True(attemptsAt[2] - attemptsAt[1] >= TimeSpan.FromMilliseconds(390), $"second retry after {attemptsAt[2] - attemptsAt[1]}");

        failing = false;
        var (status, replayed, _) = await client.PostJsonAsync($"/api/automation/runs/{run["id"]}/replay", new { });
        Assert.Equal(HttpStatusCode.OK, status);
        // The worker may already have claimed (or finished) the replayed run by the time the answer is read back.
        Assert.Contains(replayed!["status"]!.GetValue<string>(), new[] { "pending", "running", "succeeded" });
        await AutomationFixture.EventuallyAsync(() => RunsAsync(client, $"rule=flaky_hook&recordId={id}"),
            v => v[0]!["status"]!.GetValue<string>() == "succeeded", "the replayed run to succeed");
        var tasks = (await client.GetJsonAsync("/api/records/task?$filter=subject eq 'Prepare Spring'&$count=true")).Body!;
        Assert.Equal(1, tasks["count"]!.GetValue<int>());
        var hooks = fixture.Receiver.Requests.Where(r => r.Target == "/flaky").ToArray();
        Assert.Equal(4, hooks.Length);
        Assert.Single(hooks.Select(h => h.Headers["idempotency-key"]).Distinct());

        var (again, problem, _) = await client.PostJsonAsync($"/api/automation/runs/{run["id"]}/replay", new { });
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("notReplayable", problem!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_rule_that_keeps_triggering_itself_is_stopped_after_eight_levels_and_the_stop_is_logged()
    {
        var client = await fixture.AdminClientAsync();
        await AutomationFixture.PublishRulesAsync(client, Rule("""
            {"name":"nps_loop","trigger":{"type":"fieldChanged","entity":"person","field":"nps"},
             "actions":[{"type":"updateRecord","values":{"nps":"{{ record.nps + 1 }}"}}]}
            """));
        var (_, person, _) = await client.PostJsonAsync("/api/records/person", new { first_name = "Loop", last_name = "Test" });
        var id = person!["id"]!.GetValue<string>();
        await client.PatchJsonAsync($"/api/records/person/{id}", new { nps = 0 });

        var runs = await AutomationFixture.EventuallyAsync(() => RunsAsync(client, $"rule=nps_loop&recordId={id}&$top=50"),
            v => v.Any(r => r!["status"]!.GetValue<string>() == "stopped"), "loop protection to stop the chain");
        await Task.Delay(500);
        runs = await RunsAsync(client, $"rule=nps_loop&recordId={id}&$top=50");
        Assert.Equal(9, runs.Count(r => r!["status"]!.GetValue<string>() == "succeeded"));
        var stopped = Assert.Single(runs, r => r!["status"]!.GetValue<string>() == "stopped");
        Assert.Equal(9, stopped!["depth"]!.GetValue<int>());
        Assert.Contains("loop protection", stopped["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var (_, after, _) = await client.GetJsonAsync($"/api/records/person/{id}");
        Assert.Equal(9, after!["nps"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_rollup_over_recent_orders_is_usable_in_a_rule_condition_through_the_lookup()
    {
        var client = await fixture.AdminClientAsync();
        await AutomationFixture.PublishRulesAsync(client, Rule("""
            {"name":"second_order_vip","trigger":{"type":"recordCreated","entity":"sales_order"},
             "condition":{"field":"person/order_count_3m","operator":"ge","value":2},
             "actions":[{"type":"createRecord","entity":"task","values":{"subject":"VIP follow-up"}}]}
            """));
        var (_, person, _) = await client.PostJsonAsync("/api/records/person", new { first_name = "Rollup", last_name = "Buyer" });
        var id = person!["id"]!.GetValue<string>();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await client.PostJsonAsync("/api/records/sales_order", new { person = id, order_date = today, total_amount = 100 });
        await AutomationFixture.EventuallyAsync(() => RunsAsync(client, "rule=second_order_vip"), _ => true, "nothing");
        await Task.Delay(500);
        Assert.Empty(await RunsAsync(client, "rule=second_order_vip"));

        await client.PostJsonAsync("/api/records/sales_order", new { person = id, order_date = today, total_amount = 200 });
        await AutomationFixture.EventuallyAsync(() => RunsAsync(client, "rule=second_order_vip"),
            v => v.Count == 1 && v[0]!["status"]!.GetValue<string>() == "succeeded", "the VIP rule to fire on the second order");
    }

    [Fact]
    public async Task Test_mode_reports_what_a_rule_would_do_without_writing_sending_or_calling_anything()
    {
        var client = await fixture.AdminClientAsync();
        await AutomationFixture.PublishRulesAsync(client, Rule($$$"""
            {"name":"dry_welcome","trigger":{"type":"recordUpdated","entity":"company"},
             "condition":{"field":"sector","operator":"eq","value":"finance"},
             "actions":[{"type":"createRecord","entity":"task","values":{"subject":"Welcome {{ record.name }}","due_date":{"daysFromNow":2} } },
                        {"type":"branch","condition":{"field":"employee_count","operator":"gt","value":100},
                         "then":[{"type":"webhook","url":"{{{fixture.Receiver.Url("/dry")}}}"}],
                         "else":[{"type":"updateRecord","values":{"city":"İzmir"}}]}]}
            """));
        var (_, company, _) = await client.PostJsonAsync("/api/records/company", new { name = "Acme", employee_count = 500 });
        var id = company!["id"]!.GetValue<string>();
        var tasksBefore = (await client.GetJsonAsync("/api/records/task?$count=true&$top=1")).Body!["count"]!.GetValue<int>();

        var (status, result, _) = await client.PostJsonAsync("/api/automation/test",
            new { entity = "company", recordId = id, trigger = "recordUpdated", changes = new { sector = "finance" } });
        Assert.Equal(HttpStatusCode.OK, status);
        var rule = Assert.Single(result!["rules"]!.AsArray(), r => r!["rule"]!.GetValue<string>() == "dry_welcome")!;
        Assert.True(rule["fires"]!.GetValue<bool>());
        var actions = rule["actions"]!.AsArray();
        Assert.Equal(["createRecord", "branch", "webhook"], actions.Select(a => a!["type"]!.GetValue<string>()));
        Assert.Equal("Welcome Acme", actions[0]!["output"]!["values"]!["subject"]!.GetValue<string>());
        Assert.Equal(id, actions[0]!["output"]!["values"]!["company"]!.GetValue<string>());
        Assert.Contains("Acme", actions[2]!["output"]!["body"]!.ToJsonString(), StringComparison.Ordinal);

        var (_, notFinance, _) = await client.PostJsonAsync("/api/automation/test", new { entity = "company", recordId = id, trigger = "recordUpdated", changes = new { city = "Bursa" } });
        Assert.False(Assert.Single(notFinance!["rules"]!.AsArray(), r => r!["rule"]!.GetValue<string>() == "dry_welcome")!["fires"]!.GetValue<bool>());

        await Task.Delay(300);
        Assert.Equal(tasksBefore, (await client.GetJsonAsync("/api/records/task?$count=true&$top=1")).Body!["count"]!.GetValue<int>());
        Assert.DoesNotContain(fixture.Receiver.Requests, r => r.Target == "/dry");
        Assert.Empty(await RunsAsync(client, "rule=dry_welcome"));
        var (_, unchanged, _) = await client.GetJsonAsync($"/api/records/company/{id}");
        Assert.Null(unchanged!["sector"]);
    }

    [Fact]
    public async Task An_unpublished_rule_is_tested_on_a_record_as_written_and_its_mistakes_are_named_under_the_definition()
    {
        var client = await fixture.AdminClientAsync();
        var (_, company, _) = await client.PostJsonAsync("/api/records/company", new { name = "Taslak Ltd.", city = "İzmir" });
        var id = company!["id"]!.GetValue<string>();
        var definition = JsonNode.Parse("""
            {"name":"draft_izmir_call","trigger":{"type":"recordCreated","entity":"company"},
             "condition":{"field":"city","operator":"eq","value":"İzmir"},
             "actions":[{"type":"createRecord","entity":"task","values":{"subject":"Ara: {{ record.name }}"}}]}
            """)!;
        var (status, result, _) = await client.PostJsonAsync("/api/automation/test", new { recordId = id, definition });
        Assert.True(status == HttpStatusCode.OK, $"{status}: {result}");
        var rule = Assert.Single(result!["rules"]!.AsArray())!;
        Assert.Equal("draft_izmir_call", rule["rule"]!.GetValue<string>());
        Assert.True(rule["fires"]!.GetValue<bool>());
        Assert.Equal("Ara: Taslak Ltd.", rule["actions"]![0]!["output"]!["values"]!["subject"]!.GetValue<string>());
        // Nothing ran, and the rule is still not part of the model.
        Assert.Empty(await RunsAsync(client, "rule=draft_izmir_call"));
        Assert.DoesNotContain("draft_izmir_call", (await client.GetJsonAsync("/api/metadata")).Body!["automations"]!.ToJsonString(), StringComparison.Ordinal);

        definition["actions"]![0]!["values"]!["no_such_field"] = "x";
        var (invalid, problem, _) = await client.PostJsonAsync("/api/automation/test", new { recordId = id, definition });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid);
        Assert.All(problem.ErrorPaths(), p => Assert.StartsWith("$.definition.actions[0]", p, StringComparison.Ordinal));
        Assert.NotEmpty(problem.ErrorPaths());
    }

    [Fact]
    public async Task A_wait_pauses_the_run_and_a_field_change_to_a_value_fires_only_on_that_change()
    {
        var client = await fixture.AdminClientAsync();
        await AutomationFixture.PublishRulesAsync(client, Rule("""
            {"name":"lost_lead_followup","trigger":{"type":"fieldChanged","entity":"lead","field":"status","to":"lost"},
             "actions":[{"type":"wait","minutes":1},{"type":"createRecord","entity":"task","values":{"subject":"Win back {{ record.first_name }}"}}]}
            """));
        var (_, lead, _) = await client.PostJsonAsync("/api/records/lead", new { first_name = "Zeynep", last_name = "Demir", status = "new" });
        var id = lead!["id"]!.GetValue<string>();
        await client.PatchJsonAsync($"/api/records/lead/{id}", new { company_name = "Other change" });
        await client.PatchJsonAsync($"/api/records/lead/{id}", new { status = "lost" });

        var runs = await AutomationFixture.EventuallyAsync(() => RunsAsync(client, $"rule=lost_lead_followup&recordId={id}"),
            v => v.Count == 1 && v[0]!["status"]!.GetValue<string>() == "waiting", "the run to wait");
        Assert.NotNull(runs[0]!["availableAt"]);
        // Bring the wait's end forward instead of waiting a minute in a test.
        await Database.ExecuteAsync(fixture.ConnectionString, "UPDATE crm_system.automation_run SET available_at = now() WHERE rule = 'lost_lead_followup'");
        await AutomationFixture.EventuallyAsync(() => RunsAsync(client, $"rule=lost_lead_followup&recordId={id}"),
            v => v[0]!["status"]!.GetValue<string>() == "succeeded", "the run to finish after the wait");
        var tasks = (await client.GetJsonAsync("/api/records/task?$filter=subject eq 'Win back Zeynep'&$count=true")).Body!;
        Assert.Equal(1, tasks["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Invalid_rules_are_refused_at_publish_with_the_json_path_of_each_problem()
    {
        var client = await fixture.AdminClientAsync();
        var (_, model, _) = await client.GetJsonAsync("/api/metadata");
        model!["automations"] = JsonNode.Parse("""
            [{"name":"bad_rule","trigger":{"type":"fieldChanged","entity":"person","field":"no_such_field"},
              "condition":{"field":"segment","operator":"eq","value":"platinum"},
              "actions":[{"type":"createRecord","entity":"no_such_entity"},
                         {"type":"updateRecord","values":{"quote_number":"x","shoe_size":1}},
                         {"type":"sendMessage","template":"missing"},
                         {"type":"webhook","url":"ftp://example.com"},
                         {"type":"wait"}]},
             {"name":"bad_rule","trigger":{"type":"event","entity":"person"},"actions":[{"type":"branch","then":[]}]}]
            """);
        var (status, problem, _) = await client.PutJsonAsync("/api/metadata", model);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var paths = problem.ErrorPaths();
        Assert.Contains("$.automations[0].trigger.field", paths);
        Assert.Contains("$.automations[0].actions[0].entity", paths);
        Assert.Contains("$.automations[0].actions[1].values.shoe_size", paths);
        Assert.Contains("$.automations[0].actions[2].template", paths);
        Assert.Contains("$.automations[0].actions[3].url", paths);
        Assert.Contains("$.automations[0].actions[4]", paths);
        Assert.Contains("$.automations[1].name", paths);
        Assert.Contains("$.automations[1].trigger.eventType", paths);
        Assert.Contains("$.automations[1].actions[0].condition", paths);
        Assert.Contains(paths, p => p.StartsWith("$.automations[0].condition", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_run_log_refuses_an_unknown_status_filter_and_an_unknown_run()
    {
        var client = await fixture.AdminClientAsync();
        var (status, problem, _) = await client.GetJsonAsync("/api/automation/runs?status=exploded");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("$.status", problem.ErrorPaths());
        var (missing, _, _) = await client.GetJsonAsync($"/api/automation/runs/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }
}
