using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Pipelines;

/// <summary>
/// A sales floor on the sample's two pipelines: reps in two teams and a manager, each rep's opportunities moved along
/// their pipeline to a final stage through the API, with a hand-moved clock between moves. Remembers what it seeded so
/// tests can compute the expected board and forecast without the engine.
/// </summary>
public sealed class SalesFloor : IAsyncLifetime, IDisposable
{
    public const string Password = "Gizli-Parola-1";
    public static readonly string[] Reps = ["rep1", "rep2", "rep3"];

    private readonly CrmApiFactory _factory = new();
    private WebApplicationFactory<Program> _host = null!;

    public ManualClock Clock { get; } = new();
    public string ConnectionString => _factory.ConnectionString;
    public HttpClient Admin { get; private set; } = null!;
    public Dictionary<string, HttpClient> Users { get; } = [];
    public Dictionary<string, string> Ids { get; } = [];
    public List<Deal> Deals { get; } = [];

    /// <summary>One seeded opportunity as the test knows it.</summary>
    public sealed record Deal(string Id, string Owner, string SalesType, string Stage, decimal Amount, DateOnly CloseDate, TimeSpan Cycle);

    public HttpClient CreateClient() => _host.CreateClient();

    public async Task InitializeAsync()
    {
        await _factory.InitializeAsync();
        _host = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock)));
        Admin = await LoginAsync("admin", CrmApiFactory.AdminPassword);
        await Admin.PostJsonAsync("/api/departments", new { name = "Satış" });
        await Admin.PostJsonAsync("/api/teams", new { name = "İzmir", department = "Satış" });
        await Admin.PostJsonAsync("/api/teams", new { name = "Ankara", department = "Satış" });
        await AddUserAsync("rep1", "sales_rep", "İzmir");
        await AddUserAsync("rep2", "sales_rep", "İzmir");
        await AddUserAsync("manager", "sales_manager", "İzmir");
        await AddUserAsync("rep3", "sales_rep", "Ankara");

        for (var r = 0; r < Reps.Length; r++)
        {
            var rep = Reps[r];
            var (_, company, _) = await Users[rep].PostJsonAsync("/api/records/company", new { name = $"{rep} A.Ş." });
            var companyId = company!["id"]!.GetValue<string>();
            for (var i = 0; i < 8; i++)
            {
                var corporate = i % 2 == 1;
                string[] path = corporate
                    ? ((i / 2 + r) % 6) switch
                    {
                        0 => ["prospecting"],
                        1 => ["prospecting", "qualification"],
                        2 => ["prospecting", "qualification", "proposal"],
                        3 => ["prospecting", "qualification", "proposal", "negotiation"],
                        4 => ["prospecting", "qualification", "proposal", "negotiation", "won"],
                        _ => ["prospecting", "qualification", "lost"],
                    }
                    : ((i / 2 + r) % 4) switch
                    {
                        0 => ["prospecting"],
                        1 => ["prospecting", "proposal"],
                        2 => ["prospecting", "proposal", "won"],
                        _ => ["prospecting", "lost"],
                    };
                var amount = 1000m * (i + 1) + 250m * r;
                var close = new DateOnly(2027, 1 + i % 3, 10 + r);
                var (status, created, _) = await Users[rep].PostJsonAsync("/api/records/opportunity", new
                {
                    name = $"{rep}-{i}",
                    sales_type = corporate ? "corporate" : "individual",
                    amount,
                    expected_close_date = close.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    company = companyId,
                });
                Assert.True(status == HttpStatusCode.Created, $"{status}: {created}");
                var id = created!["id"]!.GetValue<string>();
                var started = Clock.GetUtcNow();
                foreach (var stage in path.Skip(1))
                {
                    Clock.Advance(TimeSpan.FromHours(6 * (i + 1) + r));
                    var (moved, body, _) = await Users[rep].PatchJsonAsync($"/api/records/opportunity/{id}",
                        stage == "lost" ? new { stage, lost_reason = "price" } : (object)new { stage });
                    Assert.True(moved == HttpStatusCode.OK, $"{rep}-{i} → {stage}: {moved} {body}");
                }
                Deals.Add(new Deal(id, rep, corporate ? "corporate" : "individual", path[^1], amount, close, Clock.GetUtcNow() - started));
            }
        }
    }

    public async Task<HttpClient> LoginAsync(string username, string password)
    {
        var client = CreateClient();
        var (status, login, _) = await client.PostJsonAsync("/api/auth/login", new { username, password });
        Assert.True(status == HttpStatusCode.OK, $"{status}: {login}");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!["token"]!.GetValue<string>());
        return client;
    }

    private async Task AddUserAsync(string username, string role, string team)
    {
        var (status, user, _) = await Admin.PostJsonAsync("/api/users", new { username, password = Password, roles = new[] { role }, team, department = "Satış" });
        Assert.True(status == HttpStatusCode.Created, $"{status}: {user}");
        Ids[username] = user!["id"]!.GetValue<string>();
        Users[username] = await LoginAsync(username, Password);
    }

    public void Dispose()
    {
        _host?.Dispose();
        _factory.Dispose();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _factory.DisposeAsync();
    }
}
