using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using NoCodeCrm.Engine.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Infrastructure;

/// <summary>The real runtime on a fresh PostgreSQL database of the test run's throwaway cluster, with the sample pack loaded.</summary>
public sealed class CrmApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "test-Pa55word";

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = await TestPostgres.CreateDatabaseAsync();

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Crm", ConnectionString);
        builder.UseSetting("Crm:AdminPassword", AdminPassword);
        builder.UseSetting("Crm:Sample", "crm");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>A client logged in as the administrator.</summary>
    public async Task<HttpClient> CreateAdminClientAsync()
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AdminPassword });
        response.EnsureSuccessStatusCode();
        var login = await response.Content.ReadFromJsonAsync<LoginBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!.Token);
        return client;
    }

    private sealed record LoginBody(string Token, DateTime ExpiresAt);
}
