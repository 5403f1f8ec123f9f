using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Security;

public sealed class DirectoryApiTests(CrmApiFactory factory) : IClassFixture<CrmApiFactory>
{
    private const string Password = "Gizli-Parola-1";

    private static string Unique(string prefix) => prefix + "." + Guid.NewGuid().ToString("N")[..8];

    private static async Task<JsonNode> CreatedAsync(Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> call)
    {
        var (status, body, _) = await call;
        Assert.True(status == HttpStatusCode.Created, $"{status}: {body}");
        return body!;
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> LoginAsync(string username, string password)
    {
        var (status, body, _) = await factory.CreateClient().PostJsonAsync("/api/auth/login", new { username, password });
        return (status, body);
    }

    private async Task<HttpClient> ClientForAsync(string username, string password = Password)
    {
        var (status, body) = await LoginAsync(username, password);
        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body!["token"]!.GetValue<string>());
        return client;
    }

    /// <summary>Publishes extra roles into the model (the sample's own roles come with role metadata).</summary>
    private static async Task EnsureRolesAsync(HttpClient admin, params string[] names)
    {
        var (_, model, _) = await admin.GetJsonAsync("/api/metadata");
        var roles = model!["roles"]?.AsArray() ?? [];
        model["roles"] = roles;
        var missing = names.Where(n => roles.All(r => r!["name"]?.GetValue<string>() != n)).ToList();
        if (missing.Count == 0) return;
        foreach (var name in missing) roles.Add(new JsonObject { ["name"] = name });
        var (status, body, _) = await admin.PutJsonAsync("/api/metadata", model);
        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
    }

    [Fact]
    public async Task A_user_created_with_roles_team_and_department_by_name_logs_in_and_sees_their_organisation_including_sub_departments()
    {
        var admin = await factory.CreateAdminClientAsync();
        await EnsureRolesAsync(admin, "sales_rep");
        var sales = await CreatedAsync(admin.PostJsonAsync("/api/departments", new { name = Unique("Satış") }));
        var region = await CreatedAsync(admin.PostJsonAsync("/api/departments", new { name = Unique("Ege"), parent = sales["name"]!.GetValue<string>() }));
        var team = await CreatedAsync(admin.PostJsonAsync("/api/teams", new { name = Unique("İzmir ekibi"), department = region["id"]!.GetValue<string>() }));
        var username = Unique("ayse");

        var user = await CreatedAsync(admin.PostJsonAsync("/api/users", new
        {
            username, password = Password, displayName = "Ayşe Yılmaz", email = "ayse@example.com", roles = new[] { "sales_rep" },
            team = team["name"]!.GetValue<string>(), department = sales["name"]!.GetValue<string>(),
        }));

        Assert.Equal(username, user["username"]!.GetValue<string>());
        Assert.Equal(team["id"]!.GetValue<string>(), user["teamId"]!.GetValue<string>());
        Assert.Equal(sales["name"]!.GetValue<string>(), user["department"]!.GetValue<string>());
        Assert.Null(user["passwordHash"]);
        var me = (await (await ClientForAsync(username)).GetJsonAsync("/api/auth/me")).Body!;
        Assert.Equal(["sales_rep"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.False(me["administrator"]!.GetValue<bool>());
        Assert.Equal([team["id"]!.GetValue<string>()], me["teams"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(
            new[] { sales["id"]!.GetValue<string>(), region["id"]!.GetValue<string>() }.Order(),
            me["departments"]!.AsArray().Select(d => d!.GetValue<string>()).Order());
        var listed = (await admin.GetJsonAsync($"/api/users?search={username}")).Body!["value"]!.AsArray();
        Assert.Equal(username, Assert.Single(listed)!["username"]!.GetValue<string>());
        var teams = (await admin.GetJsonAsync("/api/teams")).Body!["value"]!.AsArray();
        Assert.Equal(1, teams.Single(t => t!["id"]!.GetValue<string>() == team["id"]!.GetValue<string>())!["members"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_bad_user_gets_one_answer_naming_every_wrong_property_and_a_taken_name_is_a_conflict()
    {
        var admin = await factory.CreateAdminClientAsync();

        var (status, problem, _) = await admin.PostJsonAsync("/api/users", new
        {
            username = "has space", password = "short", roles = new[] { "no_such_role" }, team = "no such team", department = "yok", colour = "red",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(["$.colour", "$.department", "$.password", "$.roles[0]", "$.team", "$.username"], problem.ErrorPaths().Order());

        var username = Unique("mehmet");
        await CreatedAsync(admin.PostJsonAsync("/api/users", new { username, password = Password }));
        var (again, conflict, _) = await admin.PostJsonAsync("/api/users", new { username = username.ToUpperInvariant(), password = Password });
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal(["$.username"], conflict.ErrorPaths());
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_for_the_right_one_until_an_administrator_resets_it()
    {
        var admin = await factory.CreateAdminClientAsync();
        var username = Unique("kilit");
        var user = await CreatedAsync(admin.PostJsonAsync("/api/users", new { username, password = Password }));

        for (var i = 0; i < 4; i++)
            Assert.Equal("invalidCredentials", (await LoginAsync(username, "wrong-password")).Body!["code"]!.GetValue<string>());
        var fifth = await LoginAsync(username, "wrong-password");
        var right = await LoginAsync(username, Password);

        Assert.Equal(HttpStatusCode.Unauthorized, fifth.Status);
        Assert.Equal("accountLocked", fifth.Body!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, right.Status);
        Assert.Equal("accountLocked", right.Body!["code"]!.GetValue<string>());
        Assert.NotNull((await admin.GetJsonAsync($"/api/users/{user["id"]}")).Body!["lockedUntil"]);

        var (reset, _, _) = await admin.PatchJsonAsync($"/api/users/{user["id"]}", new { password = "Yeni-Parola-2" });
        Assert.Equal(HttpStatusCode.OK, reset);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(username, "Yeni-Parola-2")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(username, Password)).Status);
    }

    [Fact]
    public async Task Role_changes_apply_on_the_next_request_and_deactivation_or_a_new_password_ends_existing_sessions()
    {
        var admin = await factory.CreateAdminClientAsync();
        await EnsureRolesAsync(admin, "auditor");
        var username = Unique("deniz");
        var user = await CreatedAsync(admin.PostJsonAsync("/api/users", new { username, password = Password }));
        var id = user["id"]!.GetValue<string>();
        var session = await ClientForAsync(username);
        Assert.Empty((await session.GetJsonAsync("/api/auth/me")).Body!["roles"]!.AsArray());

        await admin.PatchJsonAsync($"/api/users/{id}", new { roles = new[] { "auditor" } });
        Assert.Equal(["auditor"], (await session.GetJsonAsync("/api/auth/me")).Body!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));

        var (changed, _, _) = await session.PostJsonAsync("/api/auth/password", new { currentPassword = Password, newPassword = "Baska-Parola-3" });
        Assert.Equal(HttpStatusCode.NoContent, changed);
        var (ended, problem, _) = await session.GetJsonAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, ended);
        Assert.Equal("sessionEnded", problem!["code"]!.GetValue<string>());

        var second = await ClientForAsync(username, "Baska-Parola-3");
        await admin.PatchJsonAsync($"/api/users/{id}", new { active = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetJsonAsync("/api/auth/me")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(username, "Baska-Parola-3")).Status);
    }

    [Fact]
    public async Task A_wrong_current_password_or_a_weak_new_one_changes_nothing()
    {
        var admin = await factory.CreateAdminClientAsync();
        var username = Unique("zeynep");
        await CreatedAsync(admin.PostJsonAsync("/api/users", new { username, password = Password }));
        var session = await ClientForAsync(username);

        var (status, problem, _) = await session.PostJsonAsync("/api/auth/password", new { currentPassword = "not-it-at-all", newPassword = "kisa" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(["$.currentPassword", "$.newPassword"], problem.ErrorPaths().Order());
        Assert.Equal(HttpStatusCode.OK, (await session.GetJsonAsync("/api/auth/me")).Status);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(username, Password)).Status);
    }

    [Fact]
    public async Task Only_administrators_manage_the_directory_and_a_user_may_read_only_themselves()
    {
        var admin = await factory.CreateAdminClientAsync();
        var username = Unique("can");
        var user = await CreatedAsync(admin.PostJsonAsync("/api/users", new { username, password = Password }));
        var session = await ClientForAsync(username);

        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetJsonAsync("/api/users")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.PostJsonAsync("/api/teams", new { name = Unique("x") })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetJsonAsync($"/api/users/{Guid.Empty}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await session.GetJsonAsync($"/api/users/{user["id"]}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.PatchJsonAsync($"/api/users/{user["id"]}", new { roles = new[] { "administrator" } })).Status);
    }

    [Fact]
    public async Task A_department_cannot_move_under_its_own_sub_department()
    {
        var admin = await factory.CreateAdminClientAsync();
        var top = await CreatedAsync(admin.PostJsonAsync("/api/departments", new { name = Unique("Genel") }));
        var middle = await CreatedAsync(admin.PostJsonAsync("/api/departments", new { name = Unique("Orta"), parent = top["id"]!.GetValue<string>() }));
        var bottom = await CreatedAsync(admin.PostJsonAsync("/api/departments", new { name = Unique("Alt"), parent = middle["id"]!.GetValue<string>() }));

        var (status, problem, _) = await admin.PatchJsonAsync($"/api/departments/{top["id"]}", new { parent = bottom["id"]!.GetValue<string>() });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(["$.parent"], problem.ErrorPaths());
        var (moved, body, _) = await admin.PatchJsonAsync($"/api/departments/{bottom["id"]}", new { parent = top["id"]!.GetValue<string>() });
        Assert.Equal(HttpStatusCode.OK, moved);
        Assert.Equal(top["name"]!.GetValue<string>(), body!["parent"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_api_key_acts_only_within_its_role_and_stops_working_once_revoked()
    {
        var admin = await factory.CreateAdminClientAsync();
        await EnsureRolesAsync(admin, "integration");
        var limited = await CreatedAsync(admin.PostJsonAsync("/api/api-keys", new { name = "ERP", role = "integration" }));
        var full = await CreatedAsync(admin.PostJsonAsync("/api/api-keys", new { name = "Yedekleme", role = "administrator" }));
        HttpClient WithKey(string key)
        {
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            return client;
        }
        var erp = WithKey(limited["key"]!.GetValue<string>());
        var backup = WithKey(full["key"]!.GetValue<string>());

        var me = (await erp.GetJsonAsync("/api/auth/me")).Body!;
        Assert.Equal(["integration"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(limited["id"]!.GetValue<string>(), me["apiKey"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await erp.GetJsonAsync("/api/users")).Status);
        Assert.Equal(HttpStatusCode.OK, (await backup.GetJsonAsync("/api/users")).Status);
        Assert.DoesNotContain(limited["key"]!.GetValue<string>(), (await admin.GetJsonAsync("/api/api-keys")).Body!.ToJsonString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"/api/api-keys/{full["id"]}")).Status);
        var (revoked, problem, _) = await backup.GetJsonAsync("/api/users");
        Assert.Equal(HttpStatusCode.Unauthorized, revoked);
        Assert.Equal("invalidApiKey", problem!["code"]!.GetValue<string>());
        var forged = limited["key"]!.GetValue<string>()[..^4] + "0000";
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithKey(forged).GetJsonAsync("/api/auth/me")).Status);
    }

    [Fact]
    public async Task The_session_cookie_authenticates_the_spa_and_changes_need_the_csrf_header()
    {
        var client = factory.CreateClient();
        var (status, body, response) = await client.PostJsonAsync("/api/auth/session", new { username = "admin", password = CrmApiFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, status);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("admin", body!["user"]!["username"]!.GetValue<string>());
        var cookie = setCookie.Split(';')[0];
        var browser = factory.CreateClient();
        browser.DefaultRequestHeaders.Add("Cookie", cookie);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetJsonAsync("/api/auth/me")).Status);
        var (refused, problem, _) = await browser.PostJsonAsync("/api/records/person", new { first_name = "Çerez", last_name = "Yok" });
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal("csrf", problem!["code"]!.GetValue<string>());
        browser.DefaultRequestHeaders.Add("X-Requested-With", "XMLHttpRequest");
        Assert.Equal(HttpStatusCode.Created, (await browser.PostJsonAsync("/api/records/person", new { first_name = "Çerez", last_name = "Var" })).Status);

        var (_, _, logout) = await browser.SendAsync(HttpMethod.Delete, "/api/auth/session");
        Assert.Contains("crm_session=;", Assert.Single(logout.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
    }
}
