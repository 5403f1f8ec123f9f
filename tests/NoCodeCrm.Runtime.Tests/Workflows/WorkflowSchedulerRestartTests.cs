using System.Net;
using System.Text.Json.Nodes;
using NoCodeCrm.Engine.Tests.Infrastructure;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Workflows;

/// <summary>
/// The deployment: a runtime process with the service-desk pack is killed right after a complaint starts its SLA timer; a
/// new process started after the timer fell due breaches and escalates it through its own clustered SLA job, with no test
/// calling the sweep.
/// </summary>
[Collection(RuntimeProcessCollection.Name)]
public sealed class WorkflowSchedulerRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_timer_set_before_the_runtime_was_killed_fires_from_the_restarted_runtimes_scheduler()
    {
        var settings = RuntimeProcess.BaseSettings(await TestPostgres.CreateDatabaseAsync());
        settings["Crm:Sample"] = "service-desk";
        settings["Crm:Workflows:SweepCron"] = "0/1 * * * * ?";
        string id;
        await using (var first = await RuntimeProcess.StartAsync("first", settings))
        {
            using var admin = await first.CreateAdminClientAsync();
            // A first response due seconds after creation, on the wall clock (no business-hours calendar), so the restart
            // happens before it falls due and the new process finds it overdue.
            var (_, model, _) = await admin.GetJsonAsync("/api/metadata");
            var complaint = model!["workflows"]!.AsArray().Single(w => w!["name"]!.GetValue<string>() == "complaint")!;
            complaint["sla"] = JsonNode.Parse("""{"firstResponse":"PT4S","resolution":"P3D","escalation":["teamLead"]}""");
            var (published, problem, _) = await admin.PutJsonAsync("/api/metadata", model);
            Assert.True(published == HttpStatusCode.OK, $"{published}: {problem}");

            var (created, record, _) = await admin.PostJsonAsync("/api/records/service_request",
                new { subject = "Çağrı merkezine ulaşılamıyor", category = "complaint" });
            Assert.True(created == HttpStatusCode.Created, $"{created}: {record}");
            id = record!["id"]!.GetValue<string>();
            Assert.Equal("on_track", record["sla_state"]!.GetValue<string>());
            await first.KillAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(5));
        await using var second = await RuntimeProcess.StartAsync("second", settings);
        using var client = await second.CreateAdminClientAsync();
        var breached = await Poll.UntilAsync(
            async () => (await client.GetJsonAsync($"/api/records/service_request/{id}")).Body!,
            r => r["sla_state"]?.GetValue<string>() == "breached", "the restarted runtime's SLA job to breach the complaint", Patience, second.LogTail);
        Assert.Equal("breached", breached["sla_state"]!.GetValue<string>());
        var trail = (await client.GetJsonAsync($"/api/workflows/service_request/{id}/trail")).Body!["entries"]!.AsArray();
        Assert.Single(trail, e => e!.ToJsonString().Contains("breach", StringComparison.OrdinalIgnoreCase));
    }
}
