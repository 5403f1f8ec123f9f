using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NoCodeCrm.Engine.Workflows;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Workflows;

/// <summary>
/// The runtime with the service-desk pack and a manual clock (Monday 2 March 2026, 10:00 in Istanbul), no scheduler of its own (tests sweep
/// SLA timers when they choose), and its organisation: the Customer Care department (manager), the Service Desk team (lead, one agent),
/// an approver with the service_manager role and a plain agent who may not approve.
/// </summary>
public sealed class WorkflowFixture : IAsyncLifetime
{
    public const string Password = "Wf-test-Pa55word";
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);

    private CrmApiFactory Crm { get; } = new();

    public ManualClock Clock { get; } = new(Start);
    public WebApplicationFactory<Program> App { get; private set; } = null!;
    public string ConnectionString => Crm.ConnectionString;
    public HttpClient Admin { get; private set; } = null!;
    public Guid Manager { get; private set; }
    public Guid Lead { get; private set; }
    public Guid Agent { get; private set; }
    public HttpClient Approver { get; private set; } = null!;
    public HttpClient Outsider { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Crm.InitializeAsync();
        App = Crm.WithWebHostBuilder(b => Configure(b, Clock).UseSetting("Crm:Scheduling:Enabled", "false"));
        Admin = await App.CreateAdminClientAsync();
        Manager = await UserAsync("manager", []);
        Lead = await UserAsync("lead", []);
        var (status, department, _) = await Admin.PostJsonAsync("/api/departments", new { name = "Customer Care", manager = Manager.ToString() });
        Assert.True(status == HttpStatusCode.Created || status == HttpStatusCode.OK, $"department: {status} {department}");
        (status, var team, _) = await Admin.PostJsonAsync("/api/teams", new { name = "Service Desk", lead = Lead.ToString(), department = "Customer Care" });
        Assert.True(status == HttpStatusCode.Created || status == HttpStatusCode.OK, $"team: {status} {team}");
        Agent = await UserAsync("agent", ["service_agent"], team: "Service Desk", department: "Customer Care");
        await UserAsync("approver", ["service_manager"]);
        await UserAsync("outsider", ["service_agent"]);
        Approver = await LoginAsync("approver");
        Outsider = await LoginAsync("outsider");
    }

    /// <summary>The service-desk pack, quiet logs and the manual clock, for this and any later host over the same database.</summary>
    public static IWebHostBuilder Configure(IWebHostBuilder builder, TimeProvider clock) => builder
        .UseSetting("Crm:Sample", "service-desk")
        .UseSetting("Crm:Automation:PollInterval", "00:00:00.100")
        .ConfigureTestServices(s => s.AddKeyedSingleton<TimeProvider>(Hosting.WorkflowServiceCollectionExtensions.ClockKey, clock));

    /// <summary>Moves the clock and fires every SLA timer due by then, as the clustered job would.</summary>
    public async Task<int> SweepAtAsync(DateTimeOffset now)
    {
        Clock.Set(now);
        return await App.Services.GetRequiredService<WorkflowSlaSweeper>().SweepAsync(CancellationToken.None);
    }

    public async Task<JsonNode> CreateRequestAsync(string category, string subject)
    {
        var (status, body, _) = await Admin.PostJsonAsync("/api/records/service_request",
            new { subject, category, customer_email = "customer@example.com" });
        Assert.True(status == HttpStatusCode.Created, $"create: {status} {body}");
        return body!;
    }

    public async Task<JsonNode> GetAsync(string id)
    {
        var (status, body, _) = await Admin.GetJsonAsync($"/api/records/service_request/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        return body!;
    }

    public async Task<JsonArray> TrailAsync(string id)
    {
        var (status, body, _) = await Admin.GetJsonAsync($"/api/workflows/service_request/{id}/trail");
        Assert.True(status == HttpStatusCode.OK, $"trail: {status} {body}");
        return body!["entries"]!.AsArray();
    }

    private async Task<Guid> UserAsync(string username, string[] roles, string? team = null, string? department = null)
    {
        var (status, body, _) = await Admin.PostJsonAsync("/api/users",
            new { username, password = Password, displayName = username, email = $"{username}@example.com", roles, team, department });
        Assert.True(status == HttpStatusCode.Created, $"user {username}: {status} {body}");
        return Guid.Parse(body!["id"]!.GetValue<string>());
    }

    private async Task<HttpClient> LoginAsync(string username)
    {
        var client = App.CreateClient();
        var (_, login, _) = await client.PostJsonAsync("/api/auth/login", new { username, password = Password });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!["token"]!.GetValue<string>());
        return client;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Crm.DisposeAsync();
    }
}
