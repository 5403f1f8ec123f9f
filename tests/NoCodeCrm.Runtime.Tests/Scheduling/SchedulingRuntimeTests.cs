using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NoCodeCrm.Engine.Scheduling;
using NoCodeCrm.Runtime.Tests.Infrastructure;
using Quartz;

namespace NoCodeCrm.Runtime.Tests.Scheduling;

public sealed class SchedulingRuntimeTests(CrmApiFactory factory) : IClassFixture<CrmApiFactory>
{
    private static JsonObject Rule(string name, JsonObject trigger) => new()
    {
        ["name"] = name,
        ["trigger"] = trigger,
        ["actions"] = new JsonArray(),
    };

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> PublishWithAsync(HttpClient client, params JsonObject[] rules)
    {
        var document = (await client.GetJsonAsync("/api/metadata")).Body!.AsObject();
        document["automations"] = new JsonArray(rules);
        var (status, body, _) = await client.PutJsonAsync("/api/metadata", document.ToJsonString());
        return (status, body);
    }

    [Fact]
    public async Task The_runtime_starts_the_scheduler_and_a_published_schedule_rule_gets_its_cron_trigger()
    {
        var client = await factory.CreateAdminClientAsync();
        var scheduler = factory.Services.GetRequiredService<CrmScheduler>();
        Assert.NotNull(await scheduler.Quartz.GetJobDetail(CrmScheduler.SweepJobKey));

        var (status, body) = await PublishWithAsync(client,
            Rule("daily_digest", new JsonObject { ["type"] = "schedule", ["cron"] = "0 0 9 * * ?", ["timeZone"] = "Europe/Istanbul" }),
            Rule("birthday", new JsonObject { ["type"] = "dateRelative", ["entity"] = "person", ["field"] = "birth_date", ["yearly"] = true, ["at"] = "09:00" }));
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());

        var key = new TriggerKey("daily_digest", CrmScheduler.RuleGroup);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        ICronTrigger? trigger;
        while ((trigger = await scheduler.Quartz.GetTrigger(key) as ICronTrigger) is null && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(("0 0 9 * * ?", "Europe/Istanbul"), (trigger?.CronExpressionString, trigger?.TimeZone.Id));
        Assert.Equal(1L, await Database.ScalarAsync<long>(factory.ConnectionString,
            "SELECT count(*) FROM crm_system.date_relative_watermark WHERE rule = 'birthday'"));
    }

    [Fact]
    public async Task Publishing_an_invalid_cron_or_time_zone_answers_422_naming_the_trigger_setting()
    {
        var client = await factory.CreateAdminClientAsync();
        var (status, problem) = await PublishWithAsync(client,
            Rule("bad_cron", new JsonObject { ["type"] = "schedule", ["cron"] = "every day" }),
            Rule("bad_zone", new JsonObject { ["type"] = "dateRelative", ["entity"] = "person", ["field"] = "birth_date", ["timeZone"] = "Europe/Atlantis" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(["$.automations[0].trigger.cron", "$.automations[1].trigger.timeZone"], problem.ErrorPaths());
    }
}
