using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Metadata;

public sealed class MetadataApiTests(CrmApiFactory factory) : IClassFixture<CrmApiFactory>
{
    private Task<T> Scalar<T>(string sql, params (string, object)[] parameters) => Database.ScalarAsync<T>(factory.ConnectionString, sql, parameters);

    private static async Task<int> CurrentVersionAsync(HttpClient client) => (await client.GetJsonAsync("/api/metadata")).Body!["version"]!.GetValue<int>();

    private static async Task<JsonObject> DocumentAsync(HttpClient client) => (await client.GetJsonAsync("/api/metadata")).Body!.AsObject();

    private static JsonObject Entity(string name, params JsonObject[] fields) => new()
    {
        ["name"] = name,
        ["label"] = new JsonObject { ["en"] = name },
        ["fields"] = new JsonArray(fields),
    };

    private static JsonObject Field(string name, string type, Action<JsonObject>? more = null)
    {
        var field = new JsonObject { ["name"] = name, ["type"] = type };
        more?.Invoke(field);
        return field;
    }

    private static async Task AddEntityAsync(HttpClient client, JsonObject entity)
    {
        var (status, body, _) = await client.PostJsonAsync("/api/metadata/entities", entity.ToJsonString());
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
    }

    [Fact]
    public async Task Publishing_the_sample_creates_the_tables_columns_foreign_keys_and_indexes_it_says()
    {
        await factory.CreateAdminClientAsync();
        Assert.Equal("text", await Scalar<string>("SELECT data_type FROM information_schema.columns WHERE table_schema='crm' AND table_name='person' AND column_name='first_name'"));
        Assert.Equal("date", await Scalar<string>("SELECT data_type FROM information_schema.columns WHERE table_schema='crm' AND table_name='person' AND column_name='birth_date'"));
        Assert.Equal("ARRAY", await Scalar<string>("SELECT data_type FROM information_schema.columns WHERE table_schema='crm' AND table_name='person' AND column_name='tags'"));
        Assert.Equal("numeric", await Scalar<string>("SELECT data_type FROM information_schema.columns WHERE table_schema='crm' AND table_name='person' AND column_name='lifetime_value'"));
        Assert.Equal("uuid", await Scalar<string>("SELECT data_type FROM information_schema.columns WHERE table_schema='crm' AND table_name='person' AND column_name='company'"));
        Assert.Equal("tr-x-icu", await Scalar<string>("SELECT collation_name FROM information_schema.columns WHERE table_schema='crm' AND table_name='person' AND column_name='last_name'"));
        Assert.Equal(10L, await Scalar<long>("SELECT count(*) FROM information_schema.columns WHERE table_schema='crm' AND table_name='person' AND column_name IN ('id','version','created_at','created_by','updated_at','updated_by','owner','owning_team','owning_department','deleted_at')"));

        Assert.Equal("SET NULL", await Scalar<string>("SELECT delete_rule FROM information_schema.referential_constraints WHERE constraint_schema='crm' AND constraint_name='fk__person__company'"));
        Assert.Equal("CASCADE", await Scalar<string>("SELECT delete_rule FROM information_schema.referential_constraints WHERE constraint_schema='crm' AND constraint_name='fk__quote_line__quote'"));
        Assert.Equal("RESTRICT", await Scalar<string>("SELECT delete_rule FROM information_schema.referential_constraints WHERE constraint_schema='crm' AND constraint_name='fk__quote_line__product'"));

        Assert.Contains("UNIQUE INDEX", await Scalar<string>("SELECT indexdef FROM pg_indexes WHERE schemaname='crm' AND indexname='ux__person__email'"));
        Assert.Contains("gin", await Scalar<string>("SELECT indexdef FROM pg_indexes WHERE schemaname='crm' AND indexname='ix__person__tags'"));
        Assert.Contains("gin_trgm_ops", await Scalar<string>("SELECT indexdef FROM pg_indexes WHERE schemaname='crm' AND indexname='tg__person__email'"));
        Assert.NotNull(await Scalar<string>("SELECT indexdef FROM pg_indexes WHERE schemaname='crm' AND indexname='ix__person__company'"));

        Assert.Equal("text", await Scalar<string>("SELECT data_type FROM information_schema.columns WHERE table_schema='crm' AND table_name='company_contact' AND column_name='role'"));
        Assert.Equal(1L, await Scalar<long>("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname='crm' AND c.relname='seq__service_request__request_number' AND c.relkind='S'"));
    }

    [Fact]
    public async Task Adding_a_field_to_an_entity_with_10000_records_keeps_every_value_and_is_usable_at_once()
    {
        var client = await factory.CreateAdminClientAsync();
        await AddEntityAsync(client, Entity("bulk_item", Field("name", "text"), Field("amount", "integer")));
        await Database.ExecuteAsync(factory.ConnectionString,
            "INSERT INTO crm.bulk_item (name, amount) SELECT 'item ' || g, g FROM generate_series(1, 10000) g");
        var checksum = await Scalar<string>("SELECT md5(string_agg(id::text || name || amount, ',' ORDER BY id)) FROM crm.bulk_item");

        var (status, result, _) = await client.PostJsonAsync("/api/metadata/entities/bulk_item/fields",
            Field("rating", "decimal", f => { f["searchable"] = true; f["precision"] = 5; f["scale"] = 2; }).ToJsonString());
        Assert.True(status == HttpStatusCode.OK, result?.ToJsonString());

        Assert.Equal(checksum, await Scalar<string>("SELECT md5(string_agg(id::text || name || amount, ',' ORDER BY id)) FROM crm.bulk_item"));
        var ids = await Scalar<Guid[]>("SELECT array_agg(id ORDER BY amount) FROM (SELECT id, amount FROM crm.bulk_item WHERE amount <= 3) s");
        for (var i = 0; i < ids.Length; i++)
        {
            var (patchStatus, patched, _) = await client.PatchJsonAsync($"/api/records/bulk_item/{ids[i]}", new { rating = 1.5m + i });
            Assert.True(patchStatus == HttpStatusCode.OK, patched?.ToJsonString());
        }
        var (listStatus, page, _) = await client.GetJsonAsync("/api/records/bulk_item?$filter=rating ge 2&$orderby=rating desc&$count=true");
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Equal(2, page!["count"]!.GetValue<long>());
        Assert.Equal([3.5m, 2.5m], page["value"]!.AsArray().Select(v => v!["rating"]!.GetValue<decimal>()));
        var (_, openApi, _) = await factory.CreateClient().GetJsonAsync("/openapi.json");
        Assert.NotNull(openApi!["components"]!["schemas"]!["bulk_item"]!["properties"]!["rating"]);
    }

    [Fact]
    public async Task A_type_change_that_would_lose_data_is_refused_naming_the_rows_and_a_safe_one_converts()
    {
        var client = await factory.CreateAdminClientAsync();
        await AddEntityAsync(client, Entity("conv_item", Field("code", "text")));
        var ok1 = (await client.PostJsonAsync("/api/records/conv_item", new { code = "12" })).Body!;
        var bad = (await client.PostJsonAsync("/api/records/conv_item", new { code = "x7" })).Body!;
        await client.PostJsonAsync("/api/records/conv_item", new { code = " 30 " });
        var version = await CurrentVersionAsync(client);

        var (status, problem, _) = await client.PutJsonAsync("/api/metadata/entities/conv_item/fields/code", Field("code", "integer").ToJsonString());
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("dataWouldBeLost", problem!["code"]!.GetValue<string>());
        var impact = problem["details"]!.AsArray().Single()!;
        Assert.Equal(3, impact["affectedRows"]!.GetValue<long>());
        Assert.Equal(1, impact["failingRows"]!.GetValue<long>());
        Assert.Equal(bad["id"]!.GetValue<string>(), impact["samples"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("x7", impact["samples"]![0]!["value"]!.GetValue<string>());
        Assert.Contains("1 would fail", impact["message"]!.GetValue<string>());
        Assert.Equal(version, await CurrentVersionAsync(client));
        Assert.Equal("text", await Scalar<string>("SELECT data_type FROM information_schema.columns WHERE table_schema='crm' AND table_name='conv_item' AND column_name='code'"));

        Assert.Equal(HttpStatusCode.OK, (await client.PatchJsonAsync($"/api/records/conv_item/{bad["id"]}", new { code = "7" })).Status);
        var (okStatus, okBody, _) = await client.PutJsonAsync("/api/metadata/entities/conv_item/fields/code", Field("code", "integer").ToJsonString());
        Assert.True(okStatus == HttpStatusCode.OK, okBody?.ToJsonString());
        var (_, converted, _) = await client.GetJsonAsync($"/api/records/conv_item/{ok1["id"]}");
        Assert.Equal(12, converted!["code"]!.GetValue<long>());
        var (_, sum, _) = await client.GetJsonAsync("/api/records/conv_item?$filter=code gt 10&$count=true");
        Assert.Equal(2, sum!["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Making_a_field_unique_over_duplicates_is_refused_with_the_duplicates_named()
    {
        var client = await factory.CreateAdminClientAsync();
        await AddEntityAsync(client, Entity("dup_item", Field("code", "text")));
        await client.PostJsonAsync("/api/records/dup_item", new { code = "A" });
        await client.PostJsonAsync("/api/records/dup_item", new { code = "A" });
        await client.PostJsonAsync("/api/records/dup_item", new { code = "B" });
        var (status, problem, _) = await client.PutJsonAsync("/api/metadata/entities/dup_item/fields/code",
            Field("code", "text", f => f["unique"] = true).ToJsonString());
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(2, problem!["details"]![0]!["failingRows"]!.GetValue<long>());
    }

    [Fact]
    public async Task Bad_metadata_gets_400_naming_every_wrong_path_and_nothing_is_written()
    {
        var client = await factory.CreateAdminClientAsync();
        var version = await CurrentVersionAsync(client);
        var document = await DocumentAsync(client);
        var entities = document["entities"]!.AsArray();
        entities.Add(Entity("Bad Name", Field("x", "text")));                                                      // invalid entity name
        entities.Add(Entity("person", Field("x", "text")));                                                        // duplicate entity
        entities.Add(Entity("broken",
            Field("id", "text"),                                                                                   // reserved name
            Field("owner_ref", "lookup", f => f["target"] = "nowhere"),                                            // unknown lookup target
            Field("level", "integer", f => f["default"] = "high"),                                                 // invalid default
            Field("state", "choice"),                                                                              // choice without options
            Field("number", "autonumber", f => f["format"] = "N-{}"),                                              // bad autonumber format
            Field("score", "decimal", f => { f["min"] = 10; f["max"] = 1; }),                                       // min above max
            Field("score", "text"),                                                                                // duplicate field
            Field("code", "text", f => f["pattern"] = "([a-z"),                                                    // invalid pattern
            Field("size", "integer", f => f["maxLength"] = 5),                                                     // setting of another type
            Field("and", "text")));                                                                                // filter-language word
        entities[entities.Count - 1]!["primaryField"] = "missing";                                                 // unknown primary field
        document["relations"]!.AsArray().Add(new JsonObject { ["name"] = "ghost_link", ["from"] = "person", ["to"] = "ghost" }); // unknown relation side

        var (status, problem, _) = await client.PutJsonAsync("/api/metadata", document.ToJsonString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var paths = problem.ErrorPaths();
        var broken = entities.Count - 1;
        var relation = document["relations"]!.AsArray().Count - 1;
        foreach (var expected in new[]
                 {
                     $"$.entities[{broken - 2}].name", $"$.entities[{broken - 1}].name", $"$.entities[{broken}].fields[0].name",
                     $"$.entities[{broken}].fields[1].target", $"$.entities[{broken}].fields[2].default", $"$.entities[{broken}].fields[3].options",
                     $"$.entities[{broken}].fields[4].format", $"$.entities[{broken}].fields[5].min", $"$.entities[{broken}].fields[6].name",
                     $"$.entities[{broken}].fields[7].pattern", $"$.entities[{broken}].fields[8].maxLength", $"$.entities[{broken}].fields[9].name",
                     $"$.entities[{broken}].primaryField", $"$.relations[{relation}].to",
                 })
            Assert.Contains(expected, paths);
        Assert.Equal(version, await CurrentVersionAsync(client));
        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema='crm' AND table_name='broken'"));

        var (shapeStatus, shape, _) = await client.PutJsonAsync("/api/metadata",
            """{"entities":[{"name":"shape","fields":[{"name":"a","type":"texty"},{"name":"b","type":"text","requried":true},{"type":"text"}]}],"colour":1}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, shapeStatus);
        Assert.Contains("$.entities[0].fields[0].type", shape.ErrorPaths());
        Assert.Contains("$.entities[0].fields[1].requried", shape.ErrorPaths());
        Assert.Contains("$.entities[0].fields[2].name", shape.ErrorPaths());
        Assert.Contains("$.colour", shape.ErrorPaths());

        var (mixedStatus, mixed, _) = await client.PostJsonAsync("/api/metadata/entities",
            """{"name":"mixed","label":{"en":5},"fields":[{"name":"Bad-Name","type":"text"},{"name":"ok","type":"text","default":7}]}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mixedStatus);
        Assert.Contains(mixed.ErrorPaths(), p => p.EndsWith(".label.en", StringComparison.Ordinal));
        Assert.Contains(mixed.ErrorPaths(), p => p.EndsWith(".fields[0].name", StringComparison.Ordinal));

        var (namedStatus, named, _) = await client.PostJsonAsync("/api/metadata/entities",
            """{"name":"named","fields":[{"name":"Bad-Name","type":"text"},{"name":"ok","type":"text","default":7},{"name":"id","type":"text"}]}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, namedStatus);
        Assert.Contains(named.ErrorPaths(), p => p.EndsWith(".fields[0].name", StringComparison.Ordinal));
        Assert.Contains(named.ErrorPaths(), p => p.EndsWith(".fields[1].default", StringComparison.Ordinal));
        Assert.Contains(named.ErrorPaths(), p => p.EndsWith(".fields[2].name", StringComparison.Ordinal));

        var (jsonStatus, _, _) = await client.PutJsonAsync("/api/metadata", "{\"entities\": [");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, jsonStatus);
        Assert.Equal(version, await CurrentVersionAsync(client));
    }

    [Fact]
    public async Task An_entity_with_300_custom_fields_of_mixed_types_can_be_published_written_read_and_filtered()
    {
        var client = await factory.CreateAdminClientAsync();
        string[] types = ["text", "integer", "decimal", "boolean", "date", "datetime", "choice", "currency", "email", "multiChoice"];
        var fields = Enumerable.Range(0, 300).Select(i => Field($"f{i:000}", types[i % types.Length], f =>
        {
            if (f["type"]!.GetValue<string>() is "choice" or "multiChoice")
                f["options"] = new JsonArray(new JsonObject { ["value"] = "a" }, new JsonObject { ["value"] = "b" });
        })).ToArray();
        await AddEntityAsync(client, Entity("wide", fields));

        var record = new JsonObject();
        for (var i = 0; i < 300; i++)
        {
            record[$"f{i:000}"] = types[i % types.Length] switch
            {
                "text" => $"value {i}",
                "integer" => i,
                "decimal" => i + 0.25m,
                "boolean" => i % 3 == 0,
                "date" => "2025-01-31",
                "datetime" => "2025-01-31T10:00:00Z",
                "choice" => "b",
                "currency" => 1000.5m,
                "email" => $"u{i}@example.com",
                _ => new JsonArray("a", "b"),
            };
        }
        var (status, created, _) = await client.PostJsonAsync("/api/records/wide", record.ToJsonString());
        Assert.True(status == HttpStatusCode.Created, created?.ToJsonString());
        var (_, read, _) = await client.GetJsonAsync($"/api/records/wide/{created!["id"]}");
        Assert.Equal("value 290", read!["f290"]!.GetValue<string>());
        Assert.Equal(291, read["f291"]!.GetValue<long>());
        var (_, page, _) = await client.GetJsonAsync("/api/records/wide?$filter=f001 eq 1 and f296 eq 'b' and f299 has 'a' and f294 eq 2025-01-31&$count=true");
        Assert.Equal(1, page!["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Preview_shows_errors_diff_ddl_and_impact_without_publishing()
    {
        var client = await factory.CreateAdminClientAsync();
        var version = await CurrentVersionAsync(client);
        var document = await DocumentAsync(client);
        var person = document["entities"]!.AsArray().First(e => e!["name"]!.GetValue<string>() == "person")!;
        person["fields"]!.AsArray().Add(Field("preview_only", "integer"));

        var (status, preview, _) = await client.PostJsonAsync("/api/metadata/preview", document.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(preview!["valid"]!.GetValue<bool>());
        Assert.False(preview["published"]!.GetValue<bool>());
        Assert.Contains(preview["changes"]!.AsArray(), c => c!["path"]!.GetValue<string>() == "$.entities[person].fields[preview_only]");
        Assert.Contains(preview["ddl"]!.AsArray(), d => d!.GetValue<string>().Contains("ADD COLUMN \"preview_only\" bigint", StringComparison.Ordinal));
        Assert.Equal(version, await CurrentVersionAsync(client));
        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM information_schema.columns WHERE table_schema='crm' AND table_name='person' AND column_name='preview_only'"));
    }

    [Fact]
    public async Task A_stale_if_match_gets_412_and_concurrent_publishes_are_serialised()
    {
        var client = await factory.CreateAdminClientAsync();
        var version = await CurrentVersionAsync(client);
        var document = (await DocumentAsync(client)).ToJsonString();
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => client.PutJsonAsync("/api/metadata", document, $"\"{version}\"")));
        Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.Single(results, r => r.Status == HttpStatusCode.PreconditionFailed);
        Assert.Equal(version + 1, await CurrentVersionAsync(client));
    }

    [Fact]
    public async Task A_busy_table_makes_the_publish_fail_cleanly_instead_of_waiting()
    {
        var client = await factory.CreateAdminClientAsync();
        var version = await CurrentVersionAsync(client);
        await using var blocker = new NpgsqlConnection(factory.ConnectionString);
        await blocker.OpenAsync();
        await using var tx = await blocker.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("LOCK TABLE crm.task IN ACCESS SHARE MODE", blocker, tx)) await command.ExecuteNonQueryAsync();

        var (status, problem, _) = await client.PostJsonAsync("/api/metadata/entities/task/fields", Field("blocked_field", "text").ToJsonString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("tableBusy", problem!["code"]!.GetValue<string>());
        await tx.RollbackAsync();
        Assert.Equal(version, await CurrentVersionAsync(client));
    }

    [Fact]
    public async Task Versions_can_be_listed_diffed_and_restored_as_a_new_version()
    {
        var client = await factory.CreateAdminClientAsync();
        var before = await CurrentVersionAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/metadata/entities/campaign/fields", Field("restore_me", "text").ToJsonString())).Status);
        var after = await CurrentVersionAsync(client);

        var (_, versions, _) = await client.GetJsonAsync("/api/metadata/versions");
        Assert.Equal(after, versions![0]!["version"]!.GetValue<int>());
        Assert.Equal("admin", versions[0]!["author"]!.GetValue<string>());

        var (_, diff, _) = await client.GetJsonAsync($"/api/metadata/versions/{before}/diff/{after}");
        Assert.Contains(diff!["changes"]!.AsArray(), c => c!["path"]!.GetValue<string>() == "$.entities[campaign].fields[restore_me]" && c["op"]!.GetValue<string>() == "added");

        var (status, restored, _) = await client.PostJsonAsync($"/api/metadata/versions/{before}/restore", new { });
        Assert.True(status == HttpStatusCode.OK, restored?.ToJsonString());
        Assert.Equal(after + 1, restored!["version"]!.GetValue<int>());
        // The field is retired, not dropped: its column and data stay until an explicit purge.
        var campaign = (await DocumentAsync(client))["entities"]!.AsArray().First(e => e!["name"]!.GetValue<string>() == "campaign")!;
        Assert.True(campaign["fields"]!.AsArray().First(f => f!["name"]!.GetValue<string>() == "restore_me")!["retired"]!.GetValue<bool>());
        Assert.Equal(1L, await Scalar<long>("SELECT count(*) FROM information_schema.columns WHERE table_schema='crm' AND table_name='campaign' AND column_name='restore_me'"));
    }

    [Fact]
    public async Task A_retired_field_keeps_its_data_hidden_until_it_is_purged()
    {
        var client = await factory.CreateAdminClientAsync();
        await AddEntityAsync(client, Entity("retire_item", Field("name", "text"), Field("legacy", "text")));
        var record = (await client.PostJsonAsync("/api/records/retire_item", new { name = "n", legacy = "keep me" })).Body!;

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Delete, "/api/metadata/entities/retire_item/fields/legacy")).Status);
        var (_, read, _) = await client.GetJsonAsync($"/api/records/retire_item/{record["id"]}");
        Assert.Null(read!.AsObject()["legacy"]);
        Assert.False(read.AsObject().ContainsKey("legacy"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PatchJsonAsync($"/api/records/retire_item/{record["id"]}", new { legacy = "x" })).Status);
        Assert.Equal("keep me", await Scalar<string>("SELECT legacy FROM crm.retire_item"));

        var (purgeStatus, purge, _) = await client.PostJsonAsync("/api/metadata/entities/retire_item/fields/legacy/purge", new { });
        Assert.True(purgeStatus == HttpStatusCode.OK, purge?.ToJsonString());
        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM information_schema.columns WHERE table_schema='crm' AND table_name='retire_item' AND column_name='legacy'"));
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostJsonAsync("/api/metadata/entities/retire_item/fields/name/purge", new { })).Status);
    }

    [Fact]
    public async Task A_package_of_selected_entities_exports_and_imports()
    {
        var client = await factory.CreateAdminClientAsync();
        await AddEntityAsync(client, Entity("pkg_parent", Field("name", "text")));
        await AddEntityAsync(client, Entity("pkg_child", Field("name", "text"), Field("parent", "lookup", f => { f["target"] = "pkg_parent"; f["onDelete"] = "cascade"; })));
        var (_, package, _) = await client.GetJsonAsync("/api/metadata/export?entities=pkg_parent,pkg_child");
        Assert.Equal("nocodecrm-package", package!["format"]!.GetValue<string>());
        Assert.Equal(["pkg_parent", "pkg_child"], package["entities"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));

        var child = package["entities"]![1]!;
        child["fields"]!.AsArray().Add(Field("imported_note", "textarea"));
        var (dryStatus, dry, _) = await client.PostJsonAsync("/api/metadata/import?dryRun=true", package.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, dryStatus);
        Assert.False(dry!["published"]!.GetValue<bool>());
        var (status, imported, _) = await client.PostJsonAsync("/api/metadata/import", package.ToJsonString());
        Assert.True(status == HttpStatusCode.OK, imported?.ToJsonString());
        Assert.Equal(1L, await Scalar<long>("SELECT count(*) FROM information_schema.columns WHERE table_schema='crm' AND table_name='pkg_child' AND column_name='imported_note'"));

        var (badStatus, _, _) = await client.PostJsonAsync("/api/metadata/import", new { entities = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
    }
}
