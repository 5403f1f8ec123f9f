using System.Net;
using System.Net.Http.Headers;
using Npgsql;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Security;

/// <summary>
/// Team and department scopes read the owning team and department stamped on each record: they follow the owner on every
/// write, on assignment, and when the owner moves to another team or department.
/// </summary>
public sealed class OwningUnitsTests : IAsyncLifetime, IDisposable
{
    private const string Password = "Gizli-Parola-1";
    private readonly CrmApiFactory _factory = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        await _factory.InitializeAsync();
        _admin = await _factory.CreateAdminClientAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    public void Dispose() => _factory.Dispose();

    private async Task<(string Id, HttpClient Client)> UserAsync(string username, string role, string team, string? department)
    {
        var (status, user, _) = await _admin.PostJsonAsync("/api/users", new { username, password = Password, roles = new[] { role }, team, department });
        Assert.True(status == HttpStatusCode.Created, $"{status}: {user}");
        var client = _factory.CreateClient();
        var (_, login, _) = await client.PostJsonAsync("/api/auth/login", new { username, password = Password });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!["token"]!.GetValue<string>());
        return (user!["id"]!.GetValue<string>(), client);
    }

    private async Task<(string? Team, string? Department)> StampAsync(string id)
    {
        await using var connection = new NpgsqlConnection(_factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT t.name, d.name FROM crm.opportunity o LEFT JOIN crm_system.team t ON t.id = o.owning_team LEFT JOIN crm_system.department d ON d.id = o.owning_department WHERE o.id = @id",
            connection);
        command.Parameters.AddWithValue("id", Guid.Parse(id));
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private static async Task<int> CountAsync(HttpClient client) =>
        (await client.GetJsonAsync("/api/records/opportunity?$count=true&$top=1")).Body!["count"]!.GetValue<int>();

    [Fact]
    public async Task A_records_team_and_department_follow_its_owner_through_writes_assignment_and_moves()
    {
        await _admin.PostJsonAsync("/api/departments", new { name = "Satış" });
        await _admin.PostJsonAsync("/api/teams", new { name = "İzmir", department = "Satış" });
        await _admin.PostJsonAsync("/api/teams", new { name = "Ankara", department = "Satış" });
        var (_, izmirManager) = await UserAsync("izmir.mudur", "sales_manager", "İzmir", "Satış");
        var (_, ankaraManager) = await UserAsync("ankara.mudur", "sales_manager", "Ankara", "Satış");
        var (repId, rep) = await UserAsync("temsilci", "sales_rep", "İzmir", "Satış");
        var (otherId, _) = await UserAsync("diger", "sales_rep", "Ankara", "Satış");

        var (_, deal, _) = await rep.PostJsonAsync("/api/records/opportunity", new { name = "Ekip fırsatı", amount = 100m });
        var id = deal!["id"]!.GetValue<string>();
        Assert.Equal(("İzmir", "Satış"), await StampAsync(id));
        Assert.Equal(1, await CountAsync(izmirManager));
        Assert.Equal(0, await CountAsync(ankaraManager));

        // The rep moves to Ankara: their records go with them, at once.
        var (moved, body, _) = await _admin.PatchJsonAsync($"/api/users/{repId}", new { team = "Ankara" });
        Assert.True(moved == HttpStatusCode.OK, $"{moved}: {body}");
        Assert.Equal(("Ankara", "Satış"), await StampAsync(id));
        Assert.Equal(0, await CountAsync(izmirManager));
        Assert.Equal(1, await CountAsync(ankaraManager));
        // The rep (own scope) still sees their deal wherever it is stamped.
        Assert.Equal(1, await CountAsync(rep));

        // Assigned to a user with no team, the record leaves every team's scope.
        var (_, loner, _) = await _admin.PostJsonAsync("/api/users", new { username = "yalniz", password = Password, roles = new[] { "sales_rep" } });
        Assert.Equal(HttpStatusCode.OK, (await _admin.PatchJsonAsync($"/api/records/opportunity/{id}", new { owner = loner!["id"]!.GetValue<string>() })).Status);
        Assert.Equal((null, null), await StampAsync(id));
        Assert.Equal(0, await CountAsync(ankaraManager));

        // Assigned back into a team, it shows there again.
        Assert.Equal(HttpStatusCode.OK, (await _admin.PatchJsonAsync($"/api/records/opportunity/{id}", new { owner = otherId })).Status);
        Assert.Equal(("Ankara", "Satış"), await StampAsync(id));
        Assert.Equal(1, await CountAsync(ankaraManager));
    }

    [Fact]
    public async Task A_database_from_before_owning_units_gets_its_stamps_at_start_up()
    {
        await _admin.PostJsonAsync("/api/teams", new { name = "Bursa" });
        var (_, rep) = await UserAsync("eski", "sales_rep", "Bursa", null);
        var (_, deal, _) = await rep.PostJsonAsync("/api/records/opportunity", new { name = "Eski kayıt" });
        var id = deal!["id"]!.GetValue<string>();
        // As an older version left it: no stamps.
        await using (var connection = new NpgsqlConnection(_factory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "UPDATE crm.opportunity SET owning_team = NULL, owning_department = NULL;",
                connection);
            await command.ExecuteNonQueryAsync();
        }
        Assert.Equal((null, null), await StampAsync(id));

        await using var restarted = _factory.WithWebHostBuilder(_ => { });
        Assert.Equal(HttpStatusCode.OK, (await restarted.CreateClient().GetAsync("/health")).StatusCode);
        Assert.Equal(("Bursa", null), await StampAsync(id));
    }
}
