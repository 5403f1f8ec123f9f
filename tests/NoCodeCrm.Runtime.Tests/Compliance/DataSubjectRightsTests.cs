using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NoCodeCrm.Engine.Messaging;
using NoCodeCrm.Runtime.Tests.Automation;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Compliance;

/// <summary>
/// Export, erasure and restriction of a person on the sample pack, with real automation, e-mail through the loopback
/// SMTP server and the database searched directly afterwards.
/// </summary>
public sealed class DataSubjectRightsTests(AutomationFixture fixture) : IClassFixture<AutomationFixture>
{
    private static readonly JsonObject PingRule = JsonNode.Parse("""
        {"name":"compliance_ping","trigger":{"type":"event","entity":"person","eventType":"compliance.ping"},
         "actions":[{"type":"sendMessage","template":"birthday_greeting"}]}
        """)!.AsObject();

    private sealed record Person(string Id, string FirstName, string LastName, string Email, string Phone);

    private static async Task<Person> CreatePersonAsync(HttpClient client)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var person = new Person("", "Zeynep" + tag, "Yilmazoglu" + tag, $"zeynep.{tag}@example.com",
            "+90532" + Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture));
        var (status, body, _) = await client.PostJsonAsync("/api/records/person",
            new { first_name = person.FirstName, last_name = person.LastName, email = person.Email, phone = person.Phone, city = "Kadikoy" + tag });
        Assert.True(status == HttpStatusCode.Created, $"creating the person failed: {status} {body}");
        return person with { Id = body!["id"]!.GetValue<string>() };
    }

    private static async Task<string> CreateAsync(HttpClient client, string entity, object record)
    {
        var (status, body, _) = await client.PostJsonAsync($"/api/records/{entity}", record);
        Assert.True(status == HttpStatusCode.Created, $"creating the {entity} failed: {status} {body}");
        return body!["id"]!.GetValue<string>();
    }

    private static async Task PingAndWaitAsync(HttpClient client, Person person, int runs, string status = "succeeded")
    {
        var (code, body, _) = await client.PostJsonAsync("/api/events",
            new { type = "compliance.ping", entity = "person", recordId = person.Id, data = new { note = $"asked by {person.Email} from {person.Phone}" } });
        Assert.True(code == HttpStatusCode.Created, $"posting the event failed: {code} {body}");
        await AutomationFixture.EventuallyAsync(
            async () => (await client.GetJsonAsync($"/api/automation/runs?rule=compliance_ping&recordId={person.Id}")).Body!["value"]!.AsArray(),
            v => v.Count == runs && v.Any(r => r!["status"]!.GetValue<string>() == status)
                 && v.All(r => r!["status"]!.GetValue<string>() is "succeeded" or "skipped"), $"{runs} finished ping runs");
    }

    /// <summary>Every automation run and outbox entry about these records has finished, so nothing writes their values afterwards.</summary>
    private async Task QuietAsync(params string[] ids) =>
        await AutomationFixture.EventuallyAsync(
            () => Database.ScalarAsync<long>(fixture.ConnectionString,
                "SELECT (SELECT count(*) FROM crm_system.outbox WHERE record_id = ANY(@ids) AND status = 'pending') + " +
                "(SELECT count(*) FROM crm_system.automation_run WHERE record_id = ANY(@ids) AND status IN ('pending','running','retrying'))",
                ("ids", ids.Select(Guid.Parse).ToArray())),
            n => n == 0, "automation about the person to finish");

    [Fact]
    public async Task The_export_holds_the_person_their_related_records_consents_messages_events_runs_and_audit_and_is_itself_audited()
    {
        var client = await fixture.AdminClientAsync();
        await AutomationFixture.PublishRulesAsync(client, PingRule);
        var person = await CreatePersonAsync(client);
        var noteId = await CreateAsync(client, "note", new { title = "Görüşme", body = "Aranacak", person = person.Id });
        await Consents.GrantAsync(client, person.Id, "email");
        await PingAndWaitAsync(client, person, 1);

        var (status, export, response) = await client.GetJsonAsync($"/api/compliance/persons/{person.Id}/export");

        Assert.True(status == HttpStatusCode.OK, $"{status} {export}");
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? response.Headers.ToString(), StringComparison.Ordinal);
        Assert.Equal(person.Email, export!["record"]!["email"]!.GetValue<string>());
        Assert.Equal(noteId, Assert.Single(export["related"]!["note"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Equal("granted", Assert.Single(export["consents"]!.AsArray())!["status"]!.GetValue<string>());
        Assert.Contains(export["messages"]!.AsArray(), m => m!["recipient"]!.GetValue<string>() == person.Email && m["status"]!.GetValue<string>() == "sent");
        Assert.Contains(export["events"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "compliance.ping");
        Assert.Contains(export["automationRuns"]!.AsArray(), r => r!["rule"]!.GetValue<string>() == "compliance_ping");
        Assert.Contains(export["audit"]!.AsArray(), a => a!["operation"]!.GetValue<string>() == "create" && a["record_id"]!.GetValue<string>() == noteId);

        var exports = await Database.ScalarAsync<long>(fixture.ConnectionString,
            "SELECT count(*) FROM crm_system.audit WHERE operation = 'export' AND record_id = @id AND 'email' = ANY(fields)", ("id", Guid.Parse(person.Id)));
        Assert.Equal(1, exports);
    }

    [Fact]
    public async Task After_erasure_no_text_or_json_column_of_any_table_holds_the_persons_values_and_the_deletion_log_names_what_was_erased_without_them()
    {
        var client = await fixture.AdminClientAsync();
        await AutomationFixture.PublishRulesAsync(client, PingRule);
        var person = await CreatePersonAsync(client);
        var oldEmail = person.Email;
        var (patched, patchBody, _) = await client.PatchJsonAsync($"/api/records/person/{person.Id}", new { email = "new." + oldEmail });
        Assert.True(patched == HttpStatusCode.OK, $"{patched} {patchBody}");
        person = person with { Email = "new." + oldEmail };
        var noteId = await CreateAsync(client, "note", new { title = "Call " + person.LastName, body = $"{person.FirstName} {person.LastName} asked to be called on {person.Phone}", person = person.Id });
        var leadId = await CreateAsync(client, "lead", new { first_name = person.FirstName, last_name = person.LastName, email = person.Email, converted_person = person.Id });
        var companyId = await CreateAsync(client, "company", new { name = "Acme " + Guid.NewGuid().ToString("N")[..6] });
        var (linked, linkBody, _) = await client.PostJsonAsync($"/api/records/person/{person.Id}/links/company_contact", new { id = companyId, role = "Contact: " + person.LastName });
        Assert.True(linked == HttpStatusCode.OK, $"{linked} {linkBody}");
        await Consents.GrantAsync(client, person.Id, "email");
        // A user's saved list view that looks the person up by name and address.
        var (saved, savedBody, _) = await client.PostJsonAsync("/api/saved-views/person", new
        {
            name = "Callback list " + Guid.NewGuid().ToString("N")[..6], filter = $"last_name eq '{person.LastName}'", search = person.Email,
            conditions = new[] { new { path = "last_name", @operator = "eq", value = person.LastName } },
        });
        Assert.True(saved == HttpStatusCode.Created, $"{saved} {savedBody}");
        await PingAndWaitAsync(client, person, 1);
        Assert.Contains(fixture.Smtp.Received, m => m.To.Contains(person.Email));
        await QuietAsync(person.Id, noteId, leadId);

        string[] values = [person.FirstName, person.LastName, person.Email, oldEmail, person.Phone];
        Assert.Contains("crm_system.saved_view.filter", await HitsAsync(values)); // the search finds them before: it can fail

        var (status, log, _) = await client.PostJsonAsync($"/api/compliance/persons/{person.Id}/erase",
            new { legalBasis = "KVKK md. 7 — ilgili kişi başvurusu", reason = "request by phone" });

        Assert.True(status == HttpStatusCode.OK, $"{status} {log}");
        var hits = await HitsAsync(values);
        Assert.True(hits.Count == 0, "still found: " + string.Join("; ", hits));

        var stored = await Database.ScalarAsync<string>(fixture.ConnectionString,
            "SELECT to_jsonb(d)::text FROM crm_system.deletion_log d WHERE subject_id = @id AND kind = 'erasure'", ("id", Guid.Parse(person.Id)));
        var entry = JsonNode.Parse(stored)!;
        Assert.Equal("KVKK md. 7 — ilgili kişi başvurusu", entry["legal_basis"]!.GetValue<string>());
        Assert.Equal("admin", entry["user_name"]!.GetValue<string>());
        var items = entry["items"]!.AsArray();
        Assert.Contains(items, i => i!["entity"]?.GetValue<string>() == "person" && i["fields"]!.AsArray().Any(f => f!.GetValue<string>() == "email"));
        Assert.Contains(items, i => i!["entity"]?.GetValue<string>() == "lead" && i["ids"]!.AsArray().Any(f => f!.GetValue<string>() == leadId));

        // The person stays (id, relations, consent decisions as proof); their personal fields are gone; nobody may delete the log yet.
        var (_, record, _) = await client.GetJsonAsync($"/api/records/person/{person.Id}");
        Assert.Null(record!["email"]);
        Assert.Null(record["first_name"]);
        Assert.Equal("granted", (await client.GetJsonAsync($"/api/consents?person={person.Id}")).Body!["value"]!.AsArray().Single()!["status"]!.GetValue<string>());
        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            Database.ExecuteAsync(fixture.ConnectionString, $"DELETE FROM crm_system.deletion_log WHERE subject_id = '{person.Id}'"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        var auditRefused = await Assert.ThrowsAsync<PostgresException>(() =>
            Database.ExecuteAsync(fixture.ConnectionString, $"UPDATE crm_system.audit SET changes = NULL WHERE record_id = '{person.Id}'"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, auditRefused.SqlState);
    }

    private Task<List<string>> HitsAsync(string[] values) => Database.ColumnsHoldingAsync(fixture.ConnectionString, values);

    [Fact]
    public async Task While_restricted_the_person_cannot_be_written_automation_skips_their_runs_and_no_message_reaches_them_even_transactional()
    {
        var client = await fixture.AdminClientAsync();
        await AutomationFixture.PublishRulesAsync(client, PingRule);
        var person = await CreatePersonAsync(client);
        await Consents.GrantAsync(client, person.Id, "email");

        var (status, body, _) = await client.PostJsonAsync($"/api/compliance/persons/{person.Id}/restrict", new { restricted = true, reason = "accuracy contested" });
        Assert.True(status == HttpStatusCode.OK, $"{status} {body}");

        var (patched, problem, _) = await client.PatchJsonAsync($"/api/records/person/{person.Id}", new { city = "Izmir" });
        Assert.Equal(HttpStatusCode.Conflict, patched);
        Assert.Equal("processingRestricted", problem!["code"]?.GetValue<string>());
        var (deleted, _, _) = await client.SendAsync(HttpMethod.Delete, $"/api/records/person/{person.Id}");
        Assert.Equal(HttpStatusCode.Conflict, deleted);

        var sender = fixture.App.Services.GetRequiredService<MessageSender>();
        var transactional = await sender.SendAsync(new OutgoingMessage(MessageChannels.Email, person.Email, "Fatura", "Faturanız hazır", null, "person",
            Guid.Parse(person.Id), Purpose: "transactional"), CancellationToken.None);
        Assert.Equal(MessageStatus.Blocked, transactional.Status);
        Assert.Contains("restricted", transactional.Error, StringComparison.Ordinal);

        await PingAndWaitAsync(client, person, 1, status: "skipped");
        var run = (await client.GetJsonAsync($"/api/automation/runs?rule=compliance_ping&recordId={person.Id}")).Body!["value"]!.AsArray().Single()!;
        Assert.Equal("skipped", run["status"]!.GetValue<string>());
        Assert.Contains("accuracy contested", run["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Smtp.Received, m => m.To.Contains(person.Email));

        var (lifted, _, _) = await client.PostJsonAsync($"/api/compliance/persons/{person.Id}/restrict", new { restricted = false, reason = "corrected" });
        Assert.Equal(HttpStatusCode.OK, lifted);
        Assert.Equal(HttpStatusCode.OK, (await client.PatchJsonAsync($"/api/records/person/{person.Id}", new { city = "Izmir" })).Status);
        Assert.Equal(2, await Database.ScalarAsync<long>(fixture.ConnectionString,
            "SELECT count(*) FROM crm_system.audit WHERE operation = 'restrict' AND record_id = @id", ("id", Guid.Parse(person.Id))));
    }

    [Fact]
    public async Task Compliance_routes_are_for_administrators_and_erasure_needs_a_legal_basis()
    {
        var client = await fixture.AdminClientAsync();
        var person = await CreatePersonAsync(client);
        var (missing, problem, _) = await client.PostJsonAsync($"/api/compliance/persons/{person.Id}/erase", new { reason = "no basis" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing);
        Assert.Contains("$.legalBasis", problem.ErrorPaths());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync($"/api/compliance/persons/{Guid.NewGuid()}/export")).Status);

        var username = "rep" + Guid.NewGuid().ToString("N")[..8];
        var (created, user, _) = await client.PostJsonAsync("/api/users", new { username, password = "Rep-Pa55word!", roles = new[] { "sales_rep" } });
        Assert.True(created == HttpStatusCode.Created, $"{created} {user}");
        var rep = fixture.App.CreateClient();
        var (_, login, _) = await rep.PostJsonAsync("/api/auth/login", new { username, password = "Rep-Pa55word!" });
        rep.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", login!["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.GetJsonAsync($"/api/compliance/persons/{person.Id}/export")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostJsonAsync($"/api/compliance/persons/{person.Id}/erase", new { legalBasis = "x" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostJsonAsync($"/api/compliance/persons/{person.Id}/restrict", new { restricted = true })).Status);
    }
}
