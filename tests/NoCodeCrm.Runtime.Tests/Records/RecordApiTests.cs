using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Records;

public sealed class RecordApiTests(CrmApiFactory factory) : IClassFixture<CrmApiFactory>
{
    private async Task<HttpClient> Client() => await factory.CreateAdminClientAsync();

    private static async Task<JsonNode> CreateAsync(HttpClient client, string entity, object body)
    {
        var (status, json, _) = await client.PostJsonAsync($"/api/records/{entity}", body);
        Assert.True(status == HttpStatusCode.Created, $"{status}: {json}");
        return json!;
    }

    private async Task<long> CountRowsAsync(string table)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM crm.\"{table}\"", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Creating_a_record_returns_it_flat_with_id_version_timestamps_and_an_etag()
    {
        var client = await Client();
        var (status, person, response) = await client.PostJsonAsync("/api/records/person",
            new { first_name = "Ayşe", last_name = "Yılmaz", email = "ayse@example.com", birth_date = "1990-02-28", segment = "gold", tags = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.True(Guid.TryParse(person!["id"]!.GetValue<string>(), out _));
        Assert.Equal(1, person["version"]!.GetValue<int>());
        Assert.Equal("\"1\"", response.Headers.ETag!.ToString());
        Assert.Equal("1990-02-28", person["birth_date"]!.GetValue<string>());
        Assert.EndsWith("Z", person["created_at"]!.GetValue<string>());
        Assert.Equal("Ayşe", person["first_name"]!.GetValue<string>());
        Assert.Contains("\"Ayşe\"", await response.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal($"/api/records/person/{person["id"]}", response.Headers.Location!.ToString());

        var (getStatus, read, _) = await client.GetJsonAsync($"/api/records/person/{person["id"]}");
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal("1990-02-28", read!["birth_date"]!.GetValue<string>());
    }

    [Fact]
    public async Task Defaults_and_autonumbers_are_filled_in_on_create()
    {
        var client = await Client();
        var person = await CreateAsync(client, "person", new { first_name = "Can", last_name = "Demir" });
        Assert.Equal("standard", person["segment"]!.GetValue<string>());

        var first = await CreateAsync(client, "service_request", new { subject = "Kargo gecikti", request_type = "complaint" });
        var second = await CreateAsync(client, "service_request", new { subject = "Öneri", request_type = "suggestion" });
        Assert.Matches("^SR-[0-9]{5}$", first["request_number"]!.GetValue<string>());
        Assert.NotEqual(first["request_number"]!.GetValue<string>(), second["request_number"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_records_get_422_naming_every_wrong_field_and_nothing_is_written()
    {
        var client = await Client();
        var before = await CountRowsAsync("person");
        var (status, problem, response) = await client.PostJsonAsync("/api/records/person", new Dictionary<string, object?>
        {
            ["first_name"] = new string('x', 101),          // longer than maxLength 100
            ["last_name"] = null,                            // required
            ["email"] = "not-an-email",                      // format
            ["birth_date"] = "2024-02-30",                   // no such date
            ["segment"] = "platinum",                        // not an option
            ["tags"] = new[] { "vip", "vip" },               // duplicate option / not an option
            ["nps"] = 11,                                    // above max 10
            ["lifetime_value"] = 12.345,                     // more decimals than the scale
            ["company"] = Guid.NewGuid().ToString(),         // no such company
            ["no_such_field"] = 1,                           // unknown field
            ["created_at"] = "2020-01-01T00:00:00Z",         // read-only system column
            ["phone"] = 5551234,                             // wrong JSON type
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var paths = problem.ErrorPaths();
        foreach (var expected in new[] { "$.first_name", "$.last_name", "$.email", "$.birth_date", "$.segment", "$.tags", "$.nps",
                     "$.lifetime_value", "$.no_such_field", "$.created_at", "$.phone" })
            Assert.Contains(expected, paths);
        Assert.Equal(before, await CountRowsAsync("person"));

        var (lookupStatus, lookupProblem, _) = await client.PostJsonAsync("/api/records/person",
            new { first_name = "A", last_name = "B", company = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, lookupStatus);
        Assert.Equal(["$.company"], lookupProblem.ErrorPaths());
        Assert.Equal(before, await CountRowsAsync("person"));
    }

    [Fact]
    public async Task A_bad_value_in_an_optional_field_is_explained_not_named_after_the_schema_check()
    {
        var client = await Client();
        var (status, problem, _) = await client.PostJsonAsync("/api/records/person",
            new { first_name = "A", last_name = "B", email = "not-an-email" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var error = Assert.Single(problem!["errors"]!.AsArray());
        Assert.Equal("$.email", error!["path"]!.GetValue<string>());
        Assert.Equal("Expected an e-mail address.", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_bodies_and_unknown_entities_get_clear_problems()
    {
        var client = await Client();
        var (status, problem, _) = await client.SendAsync(HttpMethod.Post, "/api/records/person", "{\"first_name\": ");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalidJson", problem!["code"]!.GetValue<string>());

        (status, problem, _) = await client.SendAsync(HttpMethod.Post, "/api/records/person", "[1,2]");
        Assert.Equal(HttpStatusCode.BadRequest, status);

        (status, problem, _) = await client.PostJsonAsync("/api/records/spaceship", new { name = "x" });
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("spaceship", problem!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Requests_without_a_token_get_401_problem_details()
    {
        var client = factory.CreateClient();
        var (status, problem, _) = await client.GetJsonAsync("/api/records/person");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("unauthorized", problem!["code"]!.GetValue<string>());

        var (loginStatus, _, _) = await client.PostJsonAsync("/api/auth/login", new { username = "admin", password = "wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, loginStatus);
    }

    [Fact]
    public async Task Two_concurrent_patches_with_the_same_if_match_one_wins_and_one_gets_412()
    {
        var client = await Client();
        var person = await CreateAsync(client, "person", new { first_name = "Eş", last_name = "Zamanlı" });
        var url = $"/api/records/person/{person["id"]}";

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
            client.PatchJsonAsync(url, new { city = $"City {i}" }, "\"1\"")));

        Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.Single(results, r => r.Status == HttpStatusCode.PreconditionFailed);
        var (_, current, _) = await client.GetJsonAsync(url);
        Assert.Equal(2, current!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Patch_changes_only_the_given_fields_and_bumps_the_version()
    {
        var client = await Client();
        var person = await CreateAsync(client, "person", new { first_name = "Mehmet", last_name = "Kaya", city = "İzmir" });
        var (status, patched, response) = await client.PatchJsonAsync($"/api/records/person/{person["id"]}", new { city = "Ankara", nps = 9 });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Mehmet", patched!["first_name"]!.GetValue<string>());
        Assert.Equal("Ankara", patched["city"]!.GetValue<string>());
        Assert.Equal(2, patched["version"]!.GetValue<int>());
        Assert.Equal("\"2\"", response.Headers.ETag!.ToString());

        var (nullStatus, problem, _) = await client.PatchJsonAsync($"/api/records/person/{person["id"]}", new { last_name = (string?)null });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nullStatus);
        Assert.Equal(["$.last_name"], problem.ErrorPaths());
    }

    [Fact]
    public async Task Delete_is_soft_and_restore_brings_back_cascaded_children()
    {
        var client = await Client();
        var person = await CreateAsync(client, "person", new { first_name = "Silinen", last_name = "Kişi" });
        var note = await CreateAsync(client, "note", new { title = "n", body = "gövde", person = person["id"]!.GetValue<string>() });

        var (deleteStatus, _, _) = await client.SendAsync(HttpMethod.Delete, $"/api/records/person/{person["id"]}");
        Assert.Equal(HttpStatusCode.NoContent, deleteStatus);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync($"/api/records/person/{person["id"]}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync($"/api/records/note/{note["id"]}")).Status);

        var (_, bin, _) = await client.GetJsonAsync($"/api/records/person?includeDeleted=true&$filter=id eq {person["id"]}&$count=true");
        Assert.Equal(1, bin!["count"]!.GetValue<long>());
        Assert.NotNull(bin["value"]![0]!["deleted_at"]);

        var (restoreStatus, restored, _) = await client.PostJsonAsync($"/api/records/person/{person["id"]}/restore", new { });
        Assert.Equal(HttpStatusCode.OK, restoreStatus);
        Assert.Null(restored!["deleted_at"]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync($"/api/records/note/{note["id"]}")).Status);
    }

    [Fact]
    public async Task Deleting_a_record_clears_set_null_lookups_and_restrict_lookups_block_it()
    {
        var client = await Client();
        var company = await CreateAsync(client, "company", new { name = "Acme A.Ş." });
        var person = await CreateAsync(client, "person", new { first_name = "Ali", last_name = "Veli", company = company["id"]!.GetValue<string>() });
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/records/company/{company["id"]}")).Status);
        var (_, after, _) = await client.GetJsonAsync($"/api/records/person/{person["id"]}");
        Assert.Null(after!["company"]);

        var product = await CreateAsync(client, "product", new { name = "Widget" });
        var quote = await CreateAsync(client, "quote", new { name = "Q" });
        await CreateAsync(client, "quote_line", new { quote = quote["id"]!.GetValue<string>(), product = product["id"]!.GetValue<string>(), quantity = 2 });
        var (status, problem, _) = await client.SendAsync(HttpMethod.Delete, $"/api/records/product/{product["id"]}");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("quote_line", problem!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lists_filter_sort_page_count_select_and_expand()
    {
        var client = await Client();
        var company = await CreateAsync(client, "company", new { name = "Listeleme Holding", sector = "finance" });
        var companyId = company["id"]!.GetValue<string>();
        for (var i = 1; i <= 5; i++)
            await CreateAsync(client, "person", new { first_name = $"Liste{i}", last_name = "Test", nps = i, company = companyId, tags = i % 2 == 0 ? new[] { "vip" } : Array.Empty<string>() });

        var (status, page, _) = await client.GetJsonAsync(
            "/api/records/person?$filter=last_name eq 'Test' and nps ge 2 and company/sector eq 'finance'&$orderby=nps desc&$top=2&$skip=1&$count=true&$select=first_name,nps&$expand=company");
        Assert.True(status == HttpStatusCode.OK, page?.ToJsonString());
        Assert.Equal(4, page!["count"]!.GetValue<long>());
        var value = page["value"]!.AsArray();
        Assert.Equal([4, 3], value.Select(v => v!["nps"]!.GetValue<int>()));
        Assert.Null(value[0]!["city"]);
        Assert.Equal("Listeleme Holding", value[0]!["company"]!["name"]!.GetValue<string>());

        var (_, vip, _) = await client.GetJsonAsync("/api/records/person?$filter=last_name eq 'Test' and tags has 'vip'&$count=true");
        Assert.Equal(2, vip!["count"]!.GetValue<long>());
        var (_, inList, _) = await client.GetJsonAsync("/api/records/person?$filter=first_name in ('Liste1','Liste5') and not (nps eq 5)&$count=true");
        Assert.Equal(1, inList!["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Turkish_text_matches_case_insensitively_and_sorts_by_Turkish_rules()
    {
        var client = await Client();
        foreach (var name in new[] { "Çelik", "Cem", "Dağ", "ışık", "İnce" })
            await CreateAsync(client, "person", new { first_name = "TR", last_name = name });

        var (_, matches, _) = await client.GetJsonAsync("/api/records/person?$filter=first_name eq 'TR' and contains(last_name,'IŞIK')&$count=true");
        Assert.Equal(1, matches!["count"]!.GetValue<long>());
        var (_, dotted, _) = await client.GetJsonAsync("/api/records/person?$filter=first_name eq 'TR' and startswith(last_name,'ince')&$count=true");
        Assert.Equal(1, dotted!["count"]!.GetValue<long>());

        var (_, sorted, _) = await client.GetJsonAsync("/api/records/person?$filter=first_name eq 'TR'&$orderby=last_name");
        Assert.Equal(["Cem", "Çelik", "Dağ", "ışık", "İnce"], sorted!["value"]!.AsArray().Select(v => v!["last_name"]!.GetValue<string>()));

        await CreateAsync(client, "company", new { name = "Işıklı Aydınlatma" });
        var (_, searched, _) = await client.GetJsonAsync("/api/records/company?$search=" + Uri.EscapeDataString("IŞIKLI aydın") + "&$count=true");
        Assert.Equal(1, searched!["count"]!.GetValue<long>());
        // Dotted İ lowers to i, not ı: "IŞİKLI" is another word in Turkish.
        (_, searched, _) = await client.GetJsonAsync("/api/records/company?$search=" + Uri.EscapeDataString("IŞİKLI") + "&$count=true");
        Assert.Equal(0, searched!["count"]!.GetValue<long>());
        (_, searched, _) = await client.GetJsonAsync("/api/records/company?$search=" + Uri.EscapeDataString("ışıklı AYDIN") + "&$count=true");
        Assert.Equal(1, searched!["count"]!.GetValue<long>());
        (_, searched, _) = await client.GetJsonAsync("/api/records/company?$search=" + Uri.EscapeDataString("100%_") + "&$count=true");
        Assert.Equal(0, searched!["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Bad_queries_get_400_naming_the_parameter()
    {
        var client = await Client();
        foreach (var (query, parameter) in new[]
                 {
                     ("$filter=nosuch eq 1", "$filter"),
                     ("$filter=nps eq 'text'", "$filter"),
                     ("$filter=first_name eq", "$filter"),
                     ("$orderby=tags", "$orderby"),
                     ("$top=100000", "$top"),
                     ("$select=nosuch", "$select"),
                     ("$expand=first_name", "$expand"),
                     ("$filter=segment eq 'platinum'", "$filter"),
                 })
        {
            var (status, problem, _) = await client.GetJsonAsync("/api/records/person?" + query);
            Assert.True(status == HttpStatusCode.BadRequest, $"{query}: {status} {problem}");
            Assert.Contains(parameter, problem.ErrorPaths());
        }
    }

    [Fact]
    public async Task Injection_in_filters_orderby_and_bodies_is_refused_or_stored_literally()
    {
        var client = await Client();
        var evil = "x'); DROP TABLE crm.person; --";
        var person = await CreateAsync(client, "person", new { first_name = evil, last_name = "\"; DELETE FROM crm.company; --" });
        Assert.Equal(evil, person["first_name"]!.GetValue<string>());

        var (status, found, _) = await client.GetJsonAsync("/api/records/person?$filter=" + Uri.EscapeDataString($"first_name eq '{evil.Replace("'", "''")}'") + "&$count=true");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, found!["count"]!.GetValue<long>());

        foreach (var query in new[]
                 {
                     "$filter=" + Uri.EscapeDataString("first_name eq 'a' or 1=1; DROP TABLE crm.person"),
                     "$filter=" + Uri.EscapeDataString("\"first_name\" eq 'a'"),
                     "$orderby=" + Uri.EscapeDataString("first_name; DROP TABLE crm.person"),
                     "$orderby=" + Uri.EscapeDataString("(SELECT 1)"),
                     "$select=" + Uri.EscapeDataString("first_name,\"x\" FROM pg_user --"),
                 })
        {
            var (badStatus, _, _) = await client.GetJsonAsync("/api/records/person?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        }
        var (fieldStatus, _, _) = await client.PostJsonAsync("/api/records/person", new Dictionary<string, object> { ["first_name\"; DROP TABLE crm.person; --"] = "x", ["last_name"] = "y" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fieldStatus);

        Assert.True(await CountRowsAsync("person") > 0);
        Assert.True(await CountRowsAsync("company") >= 0);
    }

    [Fact]
    public async Task Many_to_many_links_carry_their_own_fields_and_read_from_both_sides()
    {
        var client = await Client();
        var person = await CreateAsync(client, "person", new { first_name = "Bağlı", last_name = "Kişi" });
        var company = await CreateAsync(client, "company", new { name = "Bağ Ltd." });
        var (status, link, _) = await client.PostJsonAsync($"/api/records/person/{person["id"]}/links/company_contact",
            new { id = company["id"]!.GetValue<string>(), role = "CFO", is_primary = true });
        Assert.True(status == HttpStatusCode.OK, link?.ToJsonString());

        var (_, fromPerson, _) = await client.GetJsonAsync($"/api/records/person/{person["id"]}/links/company_contact");
        var only = fromPerson!["value"]!.AsArray().Single()!;
        Assert.Equal("CFO", only["role"]!.GetValue<string>());
        Assert.Equal(company["id"]!.GetValue<string>(), only["company"]!.GetValue<string>());
        var (_, fromCompany, _) = await client.GetJsonAsync($"/api/records/company/{company["id"]}/links/company_contact");
        Assert.Equal(person["id"]!.GetValue<string>(), fromCompany!["value"]![0]!["person"]!.GetValue<string>());

        var (badStatus, problem, _) = await client.PostJsonAsync($"/api/records/person/{person["id"]}/links/company_contact",
            new { id = Guid.NewGuid(), role = new string('r', 101) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badStatus);
        Assert.Contains("$.role", problem.ErrorPaths());

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/records/person/{person["id"]}/links/company_contact/{company["id"]}")).Status);
        var (_, empty, _) = await client.GetJsonAsync($"/api/records/person/{person["id"]}/links/company_contact");
        Assert.Empty(empty!["value"]!.AsArray());
    }

    [Fact]
    public async Task Odd_accept_language_headers_do_not_break_requests()
    {
        var client = await Client();
        foreach (var header in new[] { "*", "x", "tr-TR,tr;q=0.9", "en;q=abc" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/records/person?$top=1");
            request.Headers.TryAddWithoutValidation("Accept-Language", header);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
