using System.Net;
using System.Text.Json.Nodes;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Automation;

public sealed class AutomationRunTests(AutomationFixture fixture) : IClassFixture<AutomationFixture>
{
    [Fact]
    public async Task The_issue_example_rule_creates_a_task_and_calls_the_webhook_for_a_gold_person_only()
    {
        var client = await fixture.AdminClientAsync();
        var rule = JsonNode.Parse($$$"""
            {"name":"gold_welcome","trigger":{"type":"recordCreated","entity":"person"},
             "condition":{"script":"record.segment == 'gold'"},
             "actions":[{"type":"createRecord","entity":"task","values":{"subject":"Call {{ record.first_name }}"}},
                        {"type":"webhook","url":"{{{fixture.Receiver.Url("/gold")}}}"}]}
            """)!.AsObject();
        await AutomationFixture.PublishRulesAsync(client, rule);

        var (status, gold, _) = await client.PostJsonAsync("/api/records/person", new { first_name = "Ayşe", last_name = "Yılmaz", segment = "gold" });
        Assert.Equal(HttpStatusCode.Created, status);
        var (_, silver, _) = await client.PostJsonAsync("/api/records/person", new { first_name = "Mehmet", last_name = "Kaya", segment = "silver" });
        var goldId = gold!["id"]!.GetValue<string>();

        var tasks = await AutomationFixture.EventuallyAsync(
            async () => (await client.GetJsonAsync($"/api/records/task?$filter=person eq {goldId}")).Body!["value"]!.AsArray(),
            v => v.Count == 1, "the welcome task");
        Assert.Equal("Call Ayşe", tasks[0]!["subject"]!.GetValue<string>());
        Assert.Equal(gold["owner"]!.GetValue<string>(), tasks[0]!["owner"]!.GetValue<string>());

        var runs = await AutomationFixture.EventuallyAsync(
            async () => (await client.GetJsonAsync($"/api/automation/runs?rule=gold_welcome&recordId={goldId}")).Body!["value"]!.AsArray(),
            v => v.Count == 1 && v[0]!["status"]!.GetValue<string>() == "succeeded", "the run to succeed");
        var steps = runs[0]!["steps"]!.AsArray();
        Assert.Equal(["createRecord", "webhook"], steps.Select(s => s!["type"]!.GetValue<string>()));
        Assert.All(steps, s => Assert.Equal("succeeded", s!["status"]!.GetValue<string>()));
        var hook = Assert.Single(fixture.Receiver.Requests, r => r.Target == "/gold");
        Assert.Contains("Ayşe", hook.Body, StringComparison.Ordinal);

        var silverRuns = (await client.GetJsonAsync($"/api/automation/runs?rule=gold_welcome&recordId={silver!["id"]}")).Body!["value"]!.AsArray();
        Assert.Empty(silverRuns);
    }
}
