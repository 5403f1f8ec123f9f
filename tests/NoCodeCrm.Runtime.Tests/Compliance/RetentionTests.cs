using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NoCodeCrm.Engine.Compliance.Retention;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Compliance;

/// <summary>
/// Retention policies on the sample pack: published as metadata, run at an explicit moment (never the wall clock's
/// idea of "two years later"), with the records, the audit and the deletion log read back from the database.
/// </summary>
public sealed class RetentionTests(CrmApiFactory factory) : IClassFixture<CrmApiFactory>
{
    private RetentionRunner Runner => factory.Services.GetRequiredService<RetentionRunner>();

    private static string Tag() => Guid.NewGuid().ToString("N")[..10];

    private static async Task PublishPoliciesAsync(HttpClient client, params JsonObject[] policies)
    {
        var (_, model, _) = await client.GetJsonAsync("/api/metadata");
        var names = policies.Select(p => p["name"]!.GetValue<string>()).ToHashSet();
        var kept = new JsonArray((model!["retention"]?.AsArray() ?? []).Where(p => !names.Contains(p!["name"]!.GetValue<string>())).Select(p => p!.DeepClone()).ToArray());
        foreach (var policy in policies) kept.Add(policy.DeepClone());
        model["retention"] = kept;
        var (status, body, _) = await client.PutJsonAsync("/api/metadata", model);
        Assert.True(status == HttpStatusCode.OK, $"publish failed: {status} {body}");
    }

    private static async Task<string> CreateAsync(HttpClient client, string entity, object record)
    {
        var (status, body, _) = await client.PostJsonAsync($"/api/records/{entity}", record);
        Assert.True(status == HttpStatusCode.Created, $"creating the {entity} failed: {status} {body}");
        return body!["id"]!.GetValue<string>();
    }

    private Task<long> AuditHitsAsync(string value) =>
        Database.ScalarAsync<long>(factory.ConnectionString, "SELECT count(*) FROM crm_system.audit WHERE strpos(lower(changes::text), lower(@v)) > 0", ("v", value));

    private Task<long> DeletionLogsAsync(string id) =>
        Database.ScalarAsync<long>(factory.ConnectionString, "SELECT count(*) FROM crm_system.deletion_log WHERE subject_id = @id AND kind = 'retention'",
            ("id", Guid.Parse(id)));

    [Fact]
    public async Task An_anonymise_policy_clears_only_matching_records_older_than_its_period_scrubs_their_audit_logs_each_and_a_second_run_does_nothing()
    {
        var client = await factory.CreateAdminClientAsync();
        var tag = Tag();
        var policy = "stale_leads_" + tag;
        await PublishPoliciesAsync(client, JsonNode.Parse($$$"""
            {"name": "{{{policy}}}", "entity": "lead", "afterDays": 730, "action": "anonymise", "legalBasis": "KVKK md. 7 — saklama süresi doldu",
             "condition": {"all": [{"field": "company_name", "operator": "eq", "value": "Retain {{{tag}}}"}, {"field": "status", "operator": "ne", "value": "converted"}]}}
            """)!.AsObject());
        var stale = await CreateAsync(client, "lead", new { first_name = "Elif" + tag, last_name = "Soyad" + tag, email = $"old.{tag}@example.com", company_name = "Retain " + tag, status = "new" });
        var (patched, patchBody, _) = await client.PatchJsonAsync($"/api/records/lead/{stale}", new { email = $"new.{tag}@example.com" });
        Assert.True(patched == HttpStatusCode.OK, $"{patched} {patchBody}");
        var converted = await CreateAsync(client, "lead", new { first_name = "Kalan" + tag, last_name = "Kalan", email = $"kept.{tag}@example.com", company_name = "Retain " + tag, status = "converted" });
        var now = DateTimeOffset.UtcNow;
        Assert.NotEqual(0, await AuditHitsAsync($"old.{tag}@example.com")); // the search finds them before: it can fail

        // Within the period nothing happens, whatever the condition says.
        var early = Assert.Single(await Runner.RunAsync(RetentionRunner.ApiTrigger, "test", now.AddDays(729), policy, default))!;
        Assert.Equal(0, early["recordsAffected"]!.GetValue<int>());
        Assert.Equal("Elif" + tag, (await client.GetJsonAsync($"/api/records/lead/{stale}")).Body!["first_name"]!.GetValue<string>());

        var run = Assert.Single(await Runner.RunAsync(RetentionRunner.ApiTrigger, "test", now.AddDays(731), policy, default))!;

        Assert.True(run["error"] is null, run.ToJsonString());
        Assert.Equal(1, run["recordsAffected"]!.GetValue<int>());
        var (_, lead, _) = await client.GetJsonAsync($"/api/records/lead/{stale}");
        Assert.Null(lead!["first_name"]);
        Assert.Null(lead["last_name"]);
        Assert.Null(lead["email"]);
        Assert.Equal("Retain " + tag, lead["company_name"]!.GetValue<string>());
        Assert.Equal("Kalan" + tag, (await client.GetJsonAsync($"/api/records/lead/{converted}")).Body!["first_name"]!.GetValue<string>());
        foreach (var value in new[] { "Elif" + tag, "Soyad" + tag, $"old.{tag}@example.com", $"new.{tag}@example.com" })
            Assert.True(await AuditHitsAsync(value) == 0, $"the audit still holds {value}");
        Assert.Equal(1, await AuditHitsAsync($"kept.{tag}@example.com"));

        var log = JsonNode.Parse(await Database.ScalarAsync<string>(factory.ConnectionString,
            "SELECT to_jsonb(d)::text FROM crm_system.deletion_log d WHERE subject_id = @id", ("id", Guid.Parse(stale))))!;
        Assert.Equal("retention", log["kind"]!.GetValue<string>());
        Assert.Equal("retention:" + policy, log["user_name"]!.GetValue<string>());
        Assert.Equal("KVKK md. 7 — saklama süresi doldu", log["legal_basis"]!.GetValue<string>());
        Assert.Equal(run["id"]!.GetValue<string>(), log["retention_run"]!.GetValue<string>());
        Assert.DoesNotContain(tag, log["items"]!.ToJsonString().Replace(policy, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(0, await DeletionLogsAsync(converted));

        var again = Assert.Single(await Runner.RunAsync(RetentionRunner.ApiTrigger, "test", now.AddDays(731), policy, default))!;
        Assert.Equal(0, again["recordsAffected"]!.GetValue<int>());
        Assert.Equal(1, await DeletionLogsAsync(stale));
        var (_, runs, _) = await client.GetJsonAsync($"/api/compliance/retention/runs?policy={policy}");
        Assert.Equal([0, 1, 0], runs!["value"]!.AsArray().Select(r => r!["recordsAffected"]!.GetValue<int>()).ToArray());
    }

    [Fact]
    public async Task A_delete_policy_soft_deletes_the_record_and_what_it_cascades_to_and_leaves_no_personal_value_in_them()
    {
        var client = await factory.CreateAdminClientAsync();
        var tag = Tag();
        var policy = "old_people_" + tag;
        await PublishPoliciesAsync(client, JsonNode.Parse($$$"""
            {"name": "{{{policy}}}", "entity": "person", "afterDays": 3650, "action": "delete", "condition": {"field": "last_name", "operator": "eq", "value": "Eski{{{tag}}}"}}
            """)!.AsObject());
        var person = await CreateAsync(client, "person", new { first_name = "Ahmet" + tag, last_name = "Eski" + tag, email = $"ahmet.{tag}@example.com" });
        var note = await CreateAsync(client, "note", new { title = "Görüşme", body = $"Ahmet{tag} aranacak", person });

        var run = Assert.Single(await Runner.RunAsync(RetentionRunner.ApiTrigger, "test", DateTimeOffset.UtcNow.AddDays(3651), policy, default))!;

        Assert.True(run["error"] is null, run.ToJsonString());
        Assert.Equal(1, run["recordsAffected"]!.GetValue<int>());
        Assert.Equal(1, run["summary"]!["cascaded"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync($"/api/records/person/{person}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync($"/api/records/note/{note}")).Status);
        var row = await Database.ScalarAsync<string>(factory.ConnectionString,
            "SELECT concat_ws('|', deleted_at IS NOT NULL, first_name, last_name, email) FROM crm.person WHERE id = @id", ("id", Guid.Parse(person)));
        Assert.Equal("t", row);
        Assert.Equal("[erased] aranacak", await Database.ScalarAsync<string>(factory.ConnectionString, "SELECT body FROM crm.note WHERE id = @id", ("id", Guid.Parse(note))));
        Assert.Equal(1, await DeletionLogsAsync(person));
        Assert.Equal(1, await DeletionLogsAsync(note));
        Assert.Equal(0, await AuditHitsAsync("Ahmet" + tag));
    }

    [Fact]
    public async Task A_retention_run_leaves_no_column_holding_the_persons_values_and_their_consents_keep_only_the_decision()
    {
        var client = await factory.CreateAdminClientAsync();
        var tag = Tag();
        var policy = "forgotten_" + tag;
        await PublishPoliciesAsync(client, JsonNode.Parse($$$"""
            {"name": "{{{policy}}}", "entity": "person", "afterDays": 1000, "action": "anonymise", "condition": {"field": "last_name", "operator": "eq", "value": "Unutulan{{{tag}}}"}}
            """)!.AsObject());
        var email = $"zeynep.{tag}@example.com";
        var other = $"zeynep.alt.{tag}@example.com";
        var person = await CreateAsync(client, "person", new { first_name = "Zeynep" + tag, last_name = "Unutulan" + tag, email });
        await Consents.RecordAsync(client, person, "email", recipient: other);
        // The last name is in the policy's own condition (the metadata document), so it is checked on the record instead.
        string[] values = ["Zeynep" + tag, email, other];
        Assert.NotEmpty(await Database.ColumnsHoldingAsync(factory.ConnectionString, values)); // the search finds them before: it can fail

        var run = Assert.Single(await Runner.RunAsync(RetentionRunner.ApiTrigger, "test", DateTimeOffset.UtcNow.AddDays(1001), policy, default))!;

        Assert.True(run["error"] is null, run.ToJsonString());
        Assert.Equal(1, run["recordsAffected"]!.GetValue<int>());
        Assert.Empty(await Database.ColumnsHoldingAsync(factory.ConnectionString, values));
        Assert.Equal("", await Database.ScalarAsync<string>(factory.ConnectionString,
            "SELECT concat_ws('|', first_name, last_name, email) FROM crm.person WHERE id = @id", ("id", Guid.Parse(person))));
        var consent = await Database.ScalarAsync<string>(factory.ConnectionString,
            "SELECT concat_ws('|', channel, status, recipient, proof_ip, proof_user_agent) FROM crm_system.consent WHERE subject_id = @id",
            ("id", Guid.Parse(person)));
        Assert.Equal("email|granted", consent);
    }

    [Fact]
    public async Task Invalid_retention_policies_are_refused_at_publish_with_422_naming_each_path()
    {
        var client = await factory.CreateAdminClientAsync();
        var (_, model, _) = await client.GetJsonAsync("/api/metadata");
        // Shape errors (JSON Schema) come back on their own: a document that cannot be read is not checked for meaning.
        model!["retention"] = JsonNode.Parse("""
            [{"name": "e", "entity": "lead", "afterDays": 10, "action": "shred"},
             {"name": "f", "entity": "lead", "afterDays": 0, "action": "delete"}]
            """);
        var (shape, shapeProblem, _) = await client.PutJsonAsync("/api/metadata", model);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, shape);
        AssertPaths(shapeProblem, "$.retention[0].action", "$.retention[1].afterDays");

        model["retention"] = JsonNode.Parse("""
            [{"name": "a", "entity": "nothing", "afterDays": 10, "action": "delete"},
             {"name": "b", "entity": "lead", "dateField": "email", "afterDays": 10, "action": "anonymise"},
             {"name": "c", "entity": "product", "afterDays": 10, "action": "anonymise"},
             {"name": "d", "entity": "lead", "afterDays": 10, "action": "anonymise", "condition": {"field": "no_such_field", "operator": "eq", "value": 1}},
             {"name": "a", "entity": "lead", "dateField": "missing", "afterDays": 10, "action": "delete"}]
            """);
        var (meaning, problem, _) = await client.PutJsonAsync("/api/metadata", model);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, meaning);
        AssertPaths(problem, "$.retention[0].entity", "$.retention[1].dateField", "$.retention[2].action", "$.retention[3].condition", "$.retention[4].name",
            "$.retention[4].dateField");
    }

    private static void AssertPaths(JsonNode? problem, params string[] expected)
    {
        var paths = problem.ErrorPaths();
        foreach (var path in expected)
            Assert.True(paths.Any(p => p.StartsWith(path, StringComparison.Ordinal)), $"no error at {path}: {string.Join(", ", paths)}");
    }

    [Fact]
    public async Task The_retention_routes_run_the_policies_on_demand_for_administrators_and_refuse_everyone_else()
    {
        var admin = await factory.CreateAdminClientAsync();
        var username = "auditor_" + Tag();
        var (created, user, _) = await admin.PostJsonAsync("/api/users", new { username, password = "Gizli-Parola-1", roles = new[] { "auditor" } });
        Assert.True(created == HttpStatusCode.Created, $"{created} {user}");
        var auditor = factory.CreateClient();
        var (_, login, _) = await auditor.PostJsonAsync("/api/auth/login", new { username, password = "Gizli-Parola-1" });
        auditor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!["token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostJsonAsync("/api/compliance/retention/run", new { })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetJsonAsync("/api/compliance/retention/runs")).Status);
        var (unknown, problem, _) = await admin.PostJsonAsync("/api/compliance/retention/run", new { policy = "no_such_policy" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown);
        Assert.Contains("$.policy", problem.ErrorPaths());

        var (status, body, _) = await admin.PostJsonAsync("/api/compliance/retention/run", new { policy = "inactive_leads" });

        Assert.True(status == HttpStatusCode.OK, $"{status} {body}");
        var run = Assert.Single(body!["value"]!.AsArray())!;
        Assert.Equal("inactive_leads", run["policy"]!.GetValue<string>());
        Assert.Equal("admin", run["startedBy"]!.GetValue<string>());
        Assert.NotNull(run["finishedAt"]);
        var (_, runs, _) = await admin.GetJsonAsync("/api/compliance/retention/runs");
        Assert.Contains(runs!["value"]!.AsArray(), r => r!["id"]!.GetValue<string>() == run["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deletion_log_rows_younger_than_three_years_cannot_be_purged_while_older_ones_can()
    {
        var young = Guid.NewGuid();
        var old = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO crm_system.deletion_log (id, at, kind, user_name, legal_basis, items) VALUES
              (@young, now() - interval '2 years 11 months', 'retention', 'test', 'test', '[]'), (@old, now() - interval '3 years 1 day', 'retention', 'test', 'test', '[]')
            """, connection))
        {
            insert.Parameters.AddWithValue("young", young);
            insert.Parameters.AddWithValue("old", old);
            await insert.ExecuteNonQueryAsync();
        }

        async Task<int> PurgeAsync(params Guid[] ids)
        {
            await using var purge = new NpgsqlCommand("DELETE FROM crm_system.deletion_log WHERE id = ANY(@ids)", connection);
            purge.Parameters.AddWithValue("ids", ids);
            return await purge.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<PostgresException>(() => PurgeAsync(young, old));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Equal(1, await PurgeAsync(old));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => PurgeAsync(young))).SqlState);
        Assert.Equal(1, await Database.ScalarAsync<long>(factory.ConnectionString, "SELECT count(*) FROM crm_system.deletion_log WHERE id = @id", ("id", young)));
    }
}
