using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NoCodeCrm.Engine.Workflows;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Workflows;

/// <summary>SLA timers are rows, not in-memory jobs: a complaint created on a host that then stops is escalated by the next host's sweep.</summary>
public sealed class WorkflowRestartTests
{
    [Fact]
    public async Task A_workflow_timer_set_before_a_restart_fires_on_the_host_that_comes_up_after_it()
    {
        await using var crm = new CrmApiFactory();
        await crm.InitializeAsync();
        var clock = new ManualClock(WorkflowFixture.Start);
        string id;
        await using (var first = crm.WithWebHostBuilder(b => WorkflowFixture.Configure(b, clock).UseSetting("Crm:Scheduling:Enabled", "false")))
        {
            var admin = await first.CreateAdminClientAsync();
            var (status, record, _) = await admin.PostJsonAsync("/api/records/service_request",
                new { subject = "Restart", category = "complaint", customer_email = "customer@example.com" });
            Assert.True(status == HttpStatusCode.Created, $"{status} {record}");
            id = record!["id"]!.GetValue<string>();
            Assert.Equal("on_track", record["sla_state"]!.GetValue<string>());
        }

        // The next host comes up a day later and runs the sweep its clustered job would run; nothing but the rows carries the timers over.
        clock.Set(WorkflowFixture.Start.AddDays(1));
        await using var second = crm.WithWebHostBuilder(b => WorkflowFixture.Configure(b, clock).UseSetting("Crm:Scheduling:Enabled", "false"));
        var client = await second.CreateAdminClientAsync();
        Assert.Equal("on_track", (await client.GetJsonAsync($"/api/records/service_request/{id}")).Body!["sla_state"]!.GetValue<string>());
        Assert.True(await second.Services.GetRequiredService<WorkflowSlaSweeper>().SweepAsync(CancellationToken.None) >= 1);
        var breached = (await client.GetJsonAsync($"/api/records/service_request/{id}")).Body!;
        Assert.Equal("breached", breached["sla_state"]!.GetValue<string>());
    }
}
