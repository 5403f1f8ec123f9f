using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NoCodeCrm.Runtime.Auth;
using NoCodeCrm.Runtime.Tests.Automation;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Audit;

/// <summary><c>GET /api/audit</c>: the history of writes through the API and automation, its filters, its errors and who may read it.</summary>
public sealed class AuditApiTests(AutomationFixture fixture) : IClassFixture<AutomationFixture>
{
    private static async Task<JsonArray> AuditAsync(HttpClient client, string query)
    {
        var (status, body, _) = await client.GetJsonAsync("/api/audit?" + query);
        Assert.True(status == HttpStatusCode.OK, $"GET /api/audit?{query}: {status} {body}");
        return body!["value"]!.AsArray();
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString()}");

    private static string[] Operations(JsonArray rows) => rows.Select(r => r!["operation"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task Api_writes_show_the_administrator_and_each_fields_old_and_new_value()
    {
        var client = await fixture.AdminClientAsync();
        var (_, person, _) = await client.PostJsonAsync("/api/records/person", new { first_name = "Audit", last_name = "Api", city = "Ankara" });
        var id = person!["id"]!.GetValue<string>();
        await client.PatchJsonAsync($"/api/records/person/{id}", new { city = "Bursa" });
        await client.SendAsync(HttpMethod.Delete, $"/api/records/person/{id}");
        await client.PostJsonAsync($"/api/records/person/{id}/restore", new { });

        var rows = await AuditAsync(client, $"entity=person&id={id}");
        Assert.Equal(["restore", "delete", "update", "create"], Operations(rows));
        Assert.All(rows, r => Assert.Equal("admin", r!["userName"]!.GetValue<string>()));
        Assert.All(rows, r => Assert.Equal("api", r!["source"]!.GetValue<string>()));
        AssertJson("""{"city":{"old":"Ankara","new":"Bursa"}}""", rows[2]!["changes"]);
        Assert.Equal("Audit", rows[3]!["changes"]!["first_name"]!["new"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_update_made_by_an_automation_rule_is_attributed_to_the_rule_with_old_and_new_values()
    {
        var client = await fixture.AdminClientAsync();
        await AutomationFixture.PublishRulesAsync(client, JsonNode.Parse("""
            {"name":"audit_moved","trigger":{"type":"fieldChanged","entity":"person","field":"city"},
             "actions":[{"type":"updateRecord","values":{"notes":"moved to {{ record.city }}"}}]}
            """)!.AsObject());
        var (_, person, _) = await client.PostJsonAsync("/api/records/person", new { first_name = "Audit", last_name = "Rule", notes = "new here" });
        var id = person!["id"]!.GetValue<string>();
        await client.PatchJsonAsync($"/api/records/person/{id}", new { city = "İzmir" });

        var rows = await AutomationFixture.EventuallyAsync(() => AuditAsync(client, $"id={id}"), r => r.Count == 3, "the rule's update in the audit");
        var byRule = rows[0]!;
        Assert.Equal("update", byRule["operation"]!.GetValue<string>());
        Assert.Equal("automation", byRule["source"]!.GetValue<string>());
        Assert.Equal("audit_moved", byRule["rule"]!.GetValue<string>());
        Assert.Equal("automation", byRule["userName"]!.GetValue<string>());
        Assert.NotNull(byRule["actionKey"]?.GetValue<string>());
        AssertJson("""{"notes":{"old":"new here","new":"moved to İzmir"}}""", byRule["changes"]);
        Assert.Equal("api", rows[1]!["source"]!.GetValue<string>());
        Assert.Null(rows[1]!["rule"]);

        Assert.Equal(byRule.ToJsonString(), Assert.Single(await AuditAsync(client, $"id={id}&user=automation"))!.ToJsonString());
    }

    [Fact]
    public async Task Linking_and_unlinking_records_shows_in_the_history_of_both_ends()
    {
        var client = await fixture.AdminClientAsync();
        var person = (await client.PostJsonAsync("/api/records/person", new { first_name = "Audit", last_name = "Link" })).Body!["id"]!.GetValue<string>();
        var company = (await client.PostJsonAsync("/api/records/company", new { name = "Audit Link Ltd." })).Body!["id"]!.GetValue<string>();
        var (linked, body, _) = await client.PostJsonAsync($"/api/records/person/{person}/links/company_contact", new { id = company, role = "CFO" });
        Assert.True(linked == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/records/person/{person}/links/company_contact/{company}")).Status);

        var rows = await AuditAsync(client, $"id={company}");
        Assert.Equal(["unlink", "link", "create"], Operations(rows));
        Assert.All(rows.Take(2), r => Assert.Equal(person, r!["recordId"]!.GetValue<string>()));
        AssertJson($$$"""{"company_contact":{"linked":"{{{company}}}"}}""", rows[1]!["changes"]);
        AssertJson($$$"""{"company_contact":{"unlinked":"{{{company}}}"}}""", rows[0]!["changes"]);
        Assert.Equal(["unlink", "link", "create"], Operations(await AuditAsync(client, $"id={person}")));
    }

    [Fact]
    public async Task Filters_by_user_and_time_and_pages_newest_first_with_an_optional_count()
    {
        var client = await fixture.AdminClientAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add((await client.PostJsonAsync("/api/records/company", new { name = $"Audit Paging {i}" })).Body!["id"]!.GetValue<string>());
        var first = (await AuditAsync(client, $"id={ids[0]}"))[0]!["at"]!.GetValue<DateTimeOffset>();
        var from = Uri.EscapeDataString(first.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

        var (_, page, _) = await client.GetJsonAsync($"/api/audit?entity=company&from={from}&$top=2&$skip=1&$count=true");
        Assert.Equal([ids[1], ids[0]], page!["value"]!.AsArray().Select(r => r!["recordId"]!.GetValue<string>()));
        Assert.True(page["count"]!.GetValue<long>() >= 3);
        Assert.Null((await client.GetJsonAsync("/api/audit?$top=1")).Body!["count"]);
        var byId = await AuditAsync(client, $"entity=company&from={from}&user=00000000-0000-0000-0000-00000000000a");
        Assert.Equal(ids.AsEnumerable().Reverse(), byId.Select(r => r!["recordId"]!.GetValue<string>()));
        Assert.Empty(await AuditAsync(client, $"id={ids[0]}&to={from}"));
        Assert.Empty(await AuditAsync(client, $"id={ids[0]}&user=someone-else"));
        Assert.Empty(await AuditAsync(client, $"id={ids[0]}&from=2999-01-01"));
    }

    [Theory]
    [InlineData("id=42", "id")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2025-03-01T09:00:00", "from")]
    [InlineData("to=2025-13-01", "to")]
    [InlineData("from=2025-03-02&to=2025-03-01", "to")]
    [InlineData("$top=0", "$top")]
    [InlineData("$top=501", "$top")]
    [InlineData("$skip=-1", "$skip")]
    [InlineData("$count=yes", "$count")]
    public async Task Bad_parameters_are_refused_naming_the_parameter(string query, string parameter)
    {
        var client = await fixture.AdminClientAsync();
        var (status, problem, response) = await client.GetJsonAsync("/api/audit?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([parameter], problem.ErrorPaths());
    }

    [Fact]
    public async Task Only_administrators_and_roles_with_the_audit_read_capability_may_read_the_audit_and_no_route_changes_it()
    {
        var admin = await fixture.AdminClientAsync();
        var (_, company, _) = await admin.PostJsonAsync("/api/records/company", new { name = "Audit Guard" });
        var id = company!["id"]!.GetValue<string>();

        using var rep = await UserAsync(admin, "sales_rep");
        var (status, problem, _) = await rep.GetJsonAsync($"/api/audit?id={id}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("forbidden", problem!["code"]!.GetValue<string>());
        using var auditor = await UserAsync(admin, "auditor");
        var (read, history, _) = await auditor.GetJsonAsync($"/api/audit?id={id}");
        Assert.True(read == HttpStatusCode.OK, $"{read}: {history}");
        Assert.Equal("create", Assert.Single(history!["value"]!.AsArray())!["operation"]!.GetValue<string>());
        using var anonymous = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetJsonAsync("/api/audit")).Status);

        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete })
        {
            var (refused, _, _) = await admin.SendAsync(method, "/api/audit", new { });
            Assert.Equal(HttpStatusCode.MethodNotAllowed, refused);
        }
        Assert.Single(await AuditAsync(admin, $"id={id}"));
    }

    [Fact]
    public async Task Role_capabilities_are_checked_at_publish()
    {
        var admin = await fixture.AdminClientAsync();
        var (_, model, _) = await admin.GetJsonAsync("/api/metadata");
        var roles = model!["roles"]!.AsArray();
        var administrator = roles.Select((r, i) => (r, i)).Single(x => x.r!["name"]!.GetValue<string>() == "administrator");
        administrator.r!["capabilities"] = new JsonArray("auditRead");

        var (status, problem, _) = await admin.PutJsonAsync("/api/metadata", model);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains($"$.roles[{administrator.i}]", problem.ErrorPaths());

        administrator.r.AsObject().Remove("capabilities");
        var auditor = roles.Select((r, i) => (r, i)).Single(x => x.r!["name"]!.GetValue<string>() == "auditor");
        auditor.r!["capabilities"] = new JsonArray("auditRead", "launchMissiles");
        (status, problem, _) = await admin.PutJsonAsync("/api/metadata", model);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(problem.ErrorPaths(), p => p.StartsWith($"$.roles[{auditor.i}].capabilities", StringComparison.Ordinal));
    }

    /// <summary>A logged-in client of a new user holding one of the sample's roles.</summary>
    private async Task<HttpClient> UserAsync(HttpClient admin, string role)
    {
        var username = role + "." + Guid.NewGuid().ToString("N")[..8];
        var (created, body, _) = await admin.PostJsonAsync("/api/users", new { username, password = "Gizli-Parola-1", roles = new[] { role } });
        Assert.True(created == HttpStatusCode.Created, $"{created}: {body}");
        var client = fixture.App.CreateClient();
        var (_, login, _) = await client.PostJsonAsync("/api/auth/login", new { username, password = "Gizli-Parola-1" });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!["token"]!.GetValue<string>());
        return client;
    }
}
