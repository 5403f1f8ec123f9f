using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace NoCodeCrm.Runtime.Tests.Infrastructure;

/// <summary>Logs a client of any runtime factory (also one reconfigured with WithWebHostBuilder) in as the administrator.</summary>
public static class AdminLogin
{
    public static async Task<HttpClient> CreateAdminClientAsync(this WebApplicationFactory<Program> app)
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = CrmApiFactory.AdminPassword });
        response.EnsureSuccessStatusCode();
        var login = await response.Content.ReadFromJsonAsync<JsonObject>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!["token"]!.GetValue<string>());
        return client;
    }
}
