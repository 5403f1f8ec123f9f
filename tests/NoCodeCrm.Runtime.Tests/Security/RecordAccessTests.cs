using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Security;

/// <summary>
/// The sample's roles over real users: two reps and their manager in one team, a rep of another team, an auditor and a
/// marketer; each rep owns opportunities and a person. Permissions come from the roles in the published model.
/// </summary>
public sealed class RecordAccessTests(RecordAccessTests.Organisation org) : IClassFixture<RecordAccessTests.Organisation>
{
    private const string Password = "Gizli-Parola-1";

    public sealed class Organisation : IAsyncLifetime
    {
        public CrmApiFactory Factory { get; } = new();
        public Dictionary<string, HttpClient> Users { get; } = [];
        public Dictionary<string, string> Ids { get; } = [];
        /// <summary>Opportunity ids by owner.</summary>
        public Dictionary<string, List<string>> Opportunities { get; } = [];
        public Dictionary<string, string> People { get; } = [];

        public async Task InitializeAsync()
        {
            await Factory.InitializeAsync();
            var admin = await Factory.CreateAdminClientAsync();
            await admin.PostJsonAsync("/api/departments", new { name = "Satış" });
            await admin.PostJsonAsync("/api/departments", new { name = "Ege", parent = "Satış" });
            await admin.PostJsonAsync("/api/teams", new { name = "İzmir", department = "Ege" });
            await admin.PostJsonAsync("/api/teams", new { name = "Ankara", department = "Satış" });
            await AddAsync(admin, "rep1", "sales_rep", "İzmir", "Ege");
            await AddAsync(admin, "rep2", "sales_rep", "İzmir", "Ege");
            await AddAsync(admin, "manager", "sales_manager", "İzmir", "Ege");
            await AddAsync(admin, "rep3", "sales_rep", "Ankara", "Satış");
            await AddAsync(admin, "auditor", "auditor", null, null);
            await AddAsync(admin, "marketer", "marketing", null, null);
            await AddAsync(admin, "agent", "service_agent", null, null);
            foreach (var rep in new[] { "rep1", "rep2", "rep3" })
            {
                var (_, person, _) = await Users[rep].PostJsonAsync("/api/records/person", new { first_name = "Müşteri", last_name = rep, notes = $"gizli-{rep}" });
                People[rep] = person!["id"]!.GetValue<string>();
                Opportunities[rep] = [];
                for (var i = 0; i < 2; i++)
                {
                    var (status, opportunity, _) = await Users[rep].PostJsonAsync("/api/records/opportunity",
                        new { name = $"{rep}-fırsat-{i}", amount = 1000m * (i + 1), person = People[rep] });
                    Assert.True(status == HttpStatusCode.Created, $"{status}: {opportunity}");
                    Opportunities[rep].Add(opportunity!["id"]!.GetValue<string>());
                }
            }
        }

        private async Task AddAsync(HttpClient admin, string username, string role, string? team, string? department)
        {
            var (status, user, _) = await admin.PostJsonAsync("/api/users", new { username, password = Password, roles = new[] { role }, team, department });
            Assert.True(status == HttpStatusCode.Created, $"{status}: {user}");
            Ids[username] = user!["id"]!.GetValue<string>();
            var client = Factory.CreateClient();
            var (_, login, _) = await client.PostJsonAsync("/api/auth/login", new { username, password = Password });
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!["token"]!.GetValue<string>());
            Users[username] = client;
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    private static async Task<string[]> NamesAsync(HttpClient client, string query)
    {
        var (status, page, _) = await client.GetJsonAsync("/api/records/opportunity?" + query);
        Assert.True(status == HttpStatusCode.OK, $"{status}: {page}");
        return page!["value"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public async Task A_rep_with_own_scope_sees_exactly_their_records_through_get_list_filter_count_and_expand()
    {
        var rep1 = org.Users["rep1"];

        Assert.Equal(["rep1-fırsat-0", "rep1-fırsat-1"], await NamesAsync(rep1, "$orderby=name"));
        Assert.Empty(await NamesAsync(rep1, "$filter=name eq 'rep2-fırsat-0'"));
        Assert.Equal(2, (await rep1.GetJsonAsync("/api/records/opportunity?$count=true&$top=1")).Body!["count"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await rep1.GetJsonAsync($"/api/records/opportunity/{org.Opportunities["rep1"][0]}")).Status);
        var (_, expanded, _) = await rep1.GetJsonAsync($"/api/records/opportunity?$expand=person&$filter=name eq 'rep1-fırsat-0'");
        Assert.Equal("rep1", expanded!["value"]![0]!["person"]!["last_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_rep_with_own_scope_sees_only_their_records_and_totals_on_the_board_whatever_scope_they_ask_for()
    {
        foreach (var scope in new[] { "mine", "team", "all" })
        {
            var (status, board, _) = await org.Users["rep1"].GetJsonAsync($"/api/pipelines/individual_sales/board?scope={scope}");
            Assert.True(status == HttpStatusCode.OK, $"{status}: {board}");
            var prospecting = board!["columns"]!.AsArray().Single(c => c!["stage"]!.GetValue<string>() == "prospecting")!;
            Assert.Equal(org.Opportunities["rep1"].Order(StringComparer.Ordinal),
                prospecting["records"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
            Assert.Equal(2, prospecting["count"]!.GetValue<int>());
            Assert.Equal(3000m, prospecting["sum"]!.GetValue<decimal>());
        }
        // The manager's team board holds the team's four deals, not the other team's.
        var (_, team, _) = await org.Users["manager"].GetJsonAsync("/api/pipelines/individual_sales/board?scope=team");
        Assert.Equal(4, team!["columns"]!.AsArray().Sum(c => c!["count"]!.GetValue<int>()));
        // A role with no read right on the entity gets no board at all.
        Assert.Equal(HttpStatusCode.Forbidden, (await org.Users["agent"].GetJsonAsync("/api/pipelines/individual_sales/board")).Status);
    }

    [Fact]
    public async Task Probing_another_reps_record_id_answers_exactly_like_a_missing_id()
    {
        var rep1 = org.Users["rep1"];
        var theirs = org.Opportunities["rep2"][0];

        var (hiddenStatus, hidden, _) = await rep1.GetJsonAsync($"/api/records/opportunity/{theirs}");
        var (missingStatus, missing, _) = await rep1.GetJsonAsync($"/api/records/opportunity/{Guid.NewGuid()}");
        var (patchStatus, patched, _) = await rep1.PatchJsonAsync($"/api/records/opportunity/{theirs}", new { amount = 1 });
        var (deleteStatus, _, _) = await rep1.SendAsync(HttpMethod.Delete, $"/api/records/opportunity/{theirs}");

        Assert.Equal(HttpStatusCode.NotFound, hiddenStatus);
        Assert.Equal(missingStatus, hiddenStatus);
        Assert.Equal(missing!["code"]!.GetValue<string>(), hidden!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, patchStatus);
        Assert.Equal("notFound", patched!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, deleteStatus);
        Assert.Equal(1000m, (await org.Users["rep2"].GetJsonAsync($"/api/records/opportunity/{theirs}")).Body!["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_manager_with_team_scope_sees_and_changes_the_teams_records_but_not_another_teams()
    {
        var manager = org.Users["manager"];

        Assert.Equal(["rep1-fırsat-0", "rep1-fırsat-1", "rep2-fırsat-0", "rep2-fırsat-1"], await NamesAsync(manager, "$orderby=name"));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetJsonAsync($"/api/records/opportunity/{org.Opportunities["rep3"][0]}")).Status);
        var (status, updated, _) = await manager.PatchJsonAsync($"/api/records/opportunity/{org.Opportunities["rep2"][1]}", new { description = "Müdür notu" });
        Assert.True(status == HttpStatusCode.OK, $"{status}: {updated}");
    }

    [Fact]
    public async Task Reassigning_needs_the_assign_right_a_rep_lacks_and_a_manager_has_within_the_team()
    {
        var rep1 = org.Users["rep1"];
        var (refused, problem, _) = await rep1.PostJsonAsync("/api/records/opportunity", new { name = "başkasına", owner = org.Ids["rep2"] });
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal("forbidden", problem!["code"]!.GetValue<string>());
        var (_, own, _) = await rep1.PostJsonAsync("/api/records/opportunity", new { name = "devredilecek" });
        var id = own!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Forbidden, (await rep1.PatchJsonAsync($"/api/records/opportunity/{id}", new { owner = org.Ids["rep2"] })).Status);

        var (moved, body, _) = await org.Users["manager"].PatchJsonAsync($"/api/records/opportunity/{id}", new { owner = org.Ids["rep2"] });

        Assert.True(moved == HttpStatusCode.OK, $"{moved}: {body}");
        Assert.Equal(HttpStatusCode.NotFound, (await rep1.GetJsonAsync($"/api/records/opportunity/{id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await org.Users["rep2"].GetJsonAsync($"/api/records/opportunity/{id}")).Status);
    }

    [Fact]
    public async Task An_auditor_reads_everything_and_changes_nothing()
    {
        var auditor = org.Users["auditor"];

        Assert.Equal(6, (await NamesAsync(auditor, "$filter=contains(name, 'fırsat')")).Length);
        var (status, problem, _) = await auditor.PatchJsonAsync($"/api/records/opportunity/{org.Opportunities["rep1"][0]}", new { amount = 5 });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("forbidden", problem!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostJsonAsync("/api/records/person", new { first_name = "Yeni", last_name = "Kişi" })).Status);
    }

    [Fact]
    public async Task Marketing_has_no_access_to_service_requests_or_notes()
    {
        var marketer = org.Users["marketer"];

        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.GetJsonAsync("/api/records/service_request")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.GetJsonAsync("/api/records/note")).Status);
        Assert.Equal(HttpStatusCode.OK, (await marketer.GetJsonAsync("/api/records/person")).Status);
    }

    [Fact]
    public async Task A_role_change_takes_effect_on_the_next_request()
    {
        var admin = await org.Factory.CreateAdminClientAsync();
        var (_, user, _) = await admin.PostJsonAsync("/api/users", new { username = "gecici", password = Password, roles = new[] { "marketing" } });
        var client = org.Factory.CreateClient();
        var (_, login, _) = await client.PostJsonAsync("/api/auth/login", new { username = "gecici", password = Password });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetJsonAsync("/api/records/opportunity")).Status);

        await admin.PatchJsonAsync($"/api/users/{user!["id"]}", new { roles = new[] { "auditor" } });

        Assert.Equal(6, (await NamesAsync(client, "$filter=contains(name, 'fırsat')")).Length);
    }

    [Fact]
    public async Task Publishing_roles_that_name_unknown_entities_or_fields_or_a_field_not_marked_sensitive_is_refused_with_paths()
    {
        var admin = await org.Factory.CreateAdminClientAsync();
        var (_, model, _) = await admin.GetJsonAsync("/api/metadata");
        model!["roles"]!.AsArray().Add(JsonNode.Parse("""
            {"name": "broken", "entities": {"no_such_entity": {"read": "all"}},
             "fields": {"person": {"email": "read", "no_such_field": "update"}}}
            """));

        var (status, problem, _) = await admin.PutJsonAsync("/api/metadata", model);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var broken = $"$.roles[{model["roles"]!.AsArray().Count - 1}]";
        Assert.Equal([$"{broken}.entities.no_such_entity", $"{broken}.fields.person.email", $"{broken}.fields.person.no_such_field"], problem.ErrorPaths().Order());
    }

    [Fact]
    public async Task A_sensitive_field_hidden_from_a_role_never_appears_and_cannot_be_filtered_sorted_selected_expanded_or_written()
    {
        var marketer = org.Users["marketer"];
        var person = org.People["rep1"];

        var (_, list, _) = await marketer.GetJsonAsync("/api/records/person?$top=1000");
        var (_, one, _) = await marketer.GetJsonAsync($"/api/records/person/{person}");
        Assert.All(list!["value"]!.AsArray(), r => Assert.False(r!.AsObject().ContainsKey("notes")));
        Assert.False(one!.AsObject().ContainsKey("notes"));
        Assert.Equal("Müşteri", one["first_name"]!.GetValue<string>());
        Assert.DoesNotContain("gizli-", list.ToJsonString(), StringComparison.Ordinal);

        foreach (var query in new[] { "$filter=notes eq 'gizli-rep1'", "$orderby=notes", "$select=first_name,notes", "$filter=startswith(notes, 'gizli')" })
        {
            var (status, problem, _) = await marketer.GetJsonAsync("/api/records/person?" + query);
            Assert.True(status == HttpStatusCode.Forbidden, $"{query}: {status} {problem}");
            Assert.Equal("fieldHidden", problem!["code"]!.GetValue<string>());
        }
        var (throughLookup, lookupProblem, _) = await marketer.GetJsonAsync("/api/records/lead?$filter=converted_person/notes eq 'gizli-rep1'");
        Assert.Equal(HttpStatusCode.Forbidden, throughLookup);
        Assert.Equal("fieldHidden", lookupProblem!["code"]!.GetValue<string>());

        var (written, writeProblem, _) = await marketer.PatchJsonAsync($"/api/records/person/{person}", new { notes = "üzerine yaz", city = "Bursa" });
        Assert.Equal(HttpStatusCode.Forbidden, written);
        Assert.Equal(["$.notes"], writeProblem.ErrorPaths());
        Assert.Equal("gizli-rep1", (await org.Users["rep1"].GetJsonAsync($"/api/records/person/{person}")).Body!["notes"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_read_only_sensitive_field_is_shown_but_not_writable_and_other_fields_still_are()
    {
        var agent = org.Users["agent"];
        var person = org.People["rep2"];

        Assert.Equal("gizli-rep2", (await agent.GetJsonAsync($"/api/records/person/{person}")).Body!["notes"]!.GetValue<string>());
        var (refused, problem, _) = await agent.PatchJsonAsync($"/api/records/person/{person}", new { notes = "değişti" });
        var (allowed, updated, _) = await agent.PatchJsonAsync($"/api/records/person/{person}", new { city = "Manisa" });

        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal(["$.notes"], problem.ErrorPaths());
        Assert.True(allowed == HttpStatusCode.OK, $"{allowed}: {updated}");
        Assert.Equal("gizli-rep2", updated!["notes"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_expanded_lookup_leaves_out_the_fields_hidden_from_the_reader()
    {
        var admin = await org.Factory.CreateAdminClientAsync();
        var (_, lead, _) = await admin.PostJsonAsync("/api/records/lead", new { first_name = "Aday", last_name = "Bir", converted_person = org.People["rep3"] });

        var (status, expanded, _) = await org.Users["marketer"].GetJsonAsync($"/api/records/lead/{lead!["id"]}?$expand=converted_person");

        Assert.True(status == HttpStatusCode.OK, $"{status}: {expanded}");
        var inlined = expanded!["converted_person"]!.AsObject();
        Assert.Equal("rep3", inlined["last_name"]!.GetValue<string>());
        Assert.False(inlined.ContainsKey("notes"));
    }

    [Fact]
    public async Task Sharing_opens_one_record_to_a_user_or_team_to_read_or_update_and_unsharing_closes_it()
    {
        var record = org.Opportunities["rep1"][1];
        var rep3 = org.Users["rep3"];
        var manager = org.Users["manager"];
        var url = $"/api/records/opportunity/{record}/shares";
        Assert.Equal(HttpStatusCode.NotFound, (await rep3.GetJsonAsync($"/api/records/opportunity/{record}")).Status);
        var (refused, _, _) = await org.Users["rep1"].PostJsonAsync(url, new { user = "rep3" });
        Assert.Equal(HttpStatusCode.Forbidden, refused);

        var share = (await manager.PostJsonAsync(url, new { user = "rep3", access = "read" })).Body!;
        Assert.Equal("rep3", share["user"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await rep3.GetJsonAsync($"/api/records/opportunity/{record}")).Status);
        Assert.Contains("rep1-fırsat-1", await NamesAsync(rep3, "$orderby=name"));
        Assert.Equal(HttpStatusCode.Forbidden, (await rep3.PatchJsonAsync($"/api/records/opportunity/{record}", new { description = "okuyabilir" })).Status);

        var teamShare = (await manager.PostJsonAsync(url, new { team = "Ankara", access = "update" })).Body!;
        var (updated, body, _) = await rep3.PatchJsonAsync($"/api/records/opportunity/{record}", new { description = "ekip güncelledi" });
        Assert.True(updated == HttpStatusCode.OK, $"{updated}: {body}");
        Assert.Equal(HttpStatusCode.Forbidden, (await rep3.SendAsync(HttpMethod.Delete, $"/api/records/opportunity/{record}")).Status);
        Assert.Equal(2, (await manager.GetJsonAsync(url)).Body!["value"]!.AsArray().Count);

        Assert.Equal(HttpStatusCode.NoContent, (await manager.SendAsync(HttpMethod.Delete, $"{url}/{share["id"]}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.SendAsync(HttpMethod.Delete, $"{url}/{teamShare["id"]}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await rep3.GetJsonAsync($"/api/records/opportunity/{record}")).Status);
    }

    [Fact]
    public async Task Reading_a_sensitive_field_is_kept_in_the_audit_with_the_reader_and_field_but_not_the_value()
    {
        var person = org.People["rep2"];
        Assert.Equal(HttpStatusCode.OK, (await org.Users["rep2"].GetJsonAsync($"/api/records/person/{person}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await org.Users["marketer"].GetJsonAsync($"/api/records/person/{person}")).Status);
        var admin = await org.Factory.CreateAdminClientAsync();

        var rows = (await admin.GetJsonAsync($"/api/audit?id={person}&$top=200")).Body!["value"]!.AsArray()
            .Where(r => r!["operation"]!.GetValue<string>() == "read").ToList();

        var read = Assert.Single(rows, r => r!["userName"]!.GetValue<string>() == "rep2");
        Assert.Equal(["notes"], read!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.DoesNotContain("gizli-rep2", read.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(rows, r => r!["userName"]!.GetValue<string>() == "marketer");
    }

    [Fact]
    public async Task Sensitive_fields_of_records_inlined_by_expand_are_kept_in_the_audit_for_lists_and_gets()
    {
        var person = org.People["rep3"];
        var (listed, list, _) = await org.Users["rep3"].GetJsonAsync("/api/records/opportunity?$expand=person");
        Assert.True(listed == HttpStatusCode.OK, $"{listed}: {list}");
        Assert.Equal("gizli-rep3", list!["value"]![0]!["person"]!["notes"]!.GetValue<string>()); // the value was shown: it must be logged
        var opportunity = org.Opportunities["rep3"][0];
        Assert.Equal(HttpStatusCode.OK, (await org.Users["auditor"].GetJsonAsync($"/api/records/opportunity/{opportunity}?$expand=person")).Status);
        var admin = await org.Factory.CreateAdminClientAsync();

        var rows = (await admin.GetJsonAsync($"/api/audit?id={person}&$top=200")).Body!["value"]!.AsArray()
            .Where(r => r!["operation"]!.GetValue<string>() == "read" && r["entity"]!.GetValue<string>() == "person").ToList();

        foreach (var reader in new[] { "rep3", "auditor" })
        {
            var read = Assert.Single(rows, r => r!["userName"]!.GetValue<string>() == reader);
            Assert.Equal(["notes"], read!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
            Assert.Contains(person, read["recordIds"]!.AsArray().Select(f => f!.GetValue<string>()));
            Assert.DoesNotContain("gizli-rep3", read.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_template_preview_renders_only_records_and_fields_the_user_may_read()
    {
        var draft = new { name = "probe", entity = "person", channel = "sms", text = new { tr = "{{ record.last_name }}:{{ record.notes }}" } };
        async Task<(HttpStatusCode, JsonNode?)> PreviewAsync(HttpClient client, string person)
        {
            var (status, body, _) = await client.PostJsonAsync("/api/templates/preview", new { template = draft, recordId = person, language = "tr" });
            return (status, body);
        }

        var (own, ownBody) = await PreviewAsync(org.Users["rep1"], org.People["rep1"]);
        var (other, otherBody) = await PreviewAsync(org.Users["rep1"], org.People["rep2"]);
        var (hidden, hiddenBody) = await PreviewAsync(org.Users["marketer"], org.People["rep1"]);
        var (published, publishedBody, _) = await org.Users["rep1"].PostJsonAsync("/api/templates/birthday_greeting_sms/preview",
            new { recordId = org.People["rep2"], language = "tr" });

        Assert.True(own == HttpStatusCode.OK, $"{own}: {ownBody}");
        Assert.Equal("rep1:gizli-rep1", ownBody!["text"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, other);
        Assert.Equal("notFound", otherBody!["code"]!.GetValue<string>());
        Assert.True(hidden == HttpStatusCode.OK, $"{hidden}: {hiddenBody}");
        Assert.Equal("rep1:", hiddenBody!["text"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, published);
        Assert.Equal("notFound", publishedBody!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_timeline_shows_messages_events_and_consents_only_of_records_in_the_readers_scope_and_masks_hidden_values_in_messages()
    {
        var admin = await org.Factory.CreateAdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        foreach (var rep in new[] { "rep1", "rep2" })
        {
            var person = org.People[rep];
            await Database.ExecuteAsync(org.Factory.ConnectionString,
                $"""
                 INSERT INTO crm_system.message (id, channel, recipient, subject, text, status, entity, record_id)
                 VALUES ('{Guid.NewGuid()}', 'email', '{rep}.{tag}@example.com', 'Not {tag}', 'Özel not: gizli-{rep}', 'sent', 'person', '{person}')
                 """);
            var (status, stored, _) = await admin.PostJsonAsync("/api/events", new { type = "web.visit", entity = "person", recordId = person, data = new { tag } });
            Assert.True(status == HttpStatusCode.Created, $"{status}: {stored}");
            await Consents.RecordAsync(admin, person, "sms", recipient: $"+90555{tag[..4]}");
        }

        async Task<string[]> RecordsAsync(HttpClient client, string url, string idProperty)
        {
            var (status, body, _) = await client.GetJsonAsync(url);
            Assert.True(status == HttpStatusCode.OK, $"{url}: {status} {body}");
            return body!["value"]!.AsArray().Select(m => m![idProperty]!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal).ToArray();
        }
        var rep1 = org.Users["rep1"];
        string[] own = [org.People["rep1"]];
        Assert.Equal(own, await RecordsAsync(rep1, "/api/messages?entity=person&channel=email", "recordId"));
        Assert.Empty(await RecordsAsync(rep1, $"/api/messages?entity=person&recordId={org.People["rep2"]}", "recordId"));
        Assert.Equal(own, await RecordsAsync(rep1, "/api/events?entity=person&type=web.visit", "recordId"));
        Assert.Equal(own, await RecordsAsync(rep1, "/api/consents?channel=sms", "person"));
        var manager = org.Users["manager"];
        Assert.Equal(new[] { org.People["rep1"], org.People["rep2"] }.Order(StringComparer.Ordinal),
            await RecordsAsync(manager, "/api/messages?entity=person&channel=email", "recordId"));

        var (_, messages, _) = await rep1.GetJsonAsync("/api/messages?entity=person&channel=email");
        var theirs = (await Database.ScalarAsync<Guid>(org.Factory.ConnectionString,
            "SELECT id FROM crm_system.message WHERE record_id = @id AND channel = 'email'", ("id", Guid.Parse(org.People["rep2"])))).ToString();
        var (probe, _, _) = await rep1.GetJsonAsync($"/api/messages/{theirs}");
        Assert.Equal(HttpStatusCode.NotFound, probe);
        Assert.Equal("Özel not: gizli-rep1", messages!["value"]![0]!["text"]!.GetValue<string>());

        // The marketer reads people but not their notes: a message that rendered the notes shows them masked.
        var (_, masked, _) = await org.Users["marketer"].GetJsonAsync($"/api/messages?entity=person&recordId={org.People["rep1"]}&channel=email");
        Assert.Equal("Özel not: [hidden]", masked!["value"]![0]!["text"]!.GetValue<string>());
        var id = masked["value"]![0]!["id"]!.GetValue<string>();
        Assert.Equal("Özel not: [hidden]", (await org.Users["marketer"].GetJsonAsync($"/api/messages/{id}")).Body!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_csv_export_follows_the_export_right_and_its_scope_leaves_out_hidden_fields_and_neutralises_formulas()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await org.Users["rep1"].GetAsync("/api/records/opportunity/export")).StatusCode);

        var team = await org.Users["manager"].GetAsync("/api/records/opportunity/export?$orderby=name");
        Assert.Equal(HttpStatusCode.OK, team.StatusCode);
        Assert.Equal("text/csv", team.Content.Headers.ContentType!.MediaType);
        var rows = (await team.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,owner,created_at,updated_at,name,", rows[0], StringComparison.Ordinal);
        Assert.Contains(rows, r => r.Contains(",rep1-fırsat-0,", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(",rep2-fırsat-1,", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("rep3-", StringComparison.Ordinal));

        var admin = await org.Factory.CreateAdminClientAsync();
        await admin.PostJsonAsync("/api/records/person", new { first_name = "Formül", last_name = "=HYPERLINK(\"http://kötü\")" });
        var people = await (await org.Users["marketer"].GetAsync("/api/records/person/export")).Content.ReadAsStringAsync();
        var header = people.Split("\r\n")[0].Split(',');
        Assert.Contains("last_name", header);
        Assert.DoesNotContain("notes", header);
        Assert.DoesNotContain("gizli-", people, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://kötü\"\")\"", people, StringComparison.Ordinal);

        var exports = (await admin.GetJsonAsync("/api/audit?user=manager&entity=opportunity&$top=200")).Body!["value"]!.AsArray()
            .Where(r => r!["operation"]!.GetValue<string>() == "export").ToList();
        Assert.Equal(rows.Length - 1, Assert.Single(exports)!["recordIds"]!.AsArray().Count);
    }
}
