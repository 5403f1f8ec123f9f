using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Rules;

/// <summary>Rules over HTTP: validation messages as problem details, the script check route, and hostile rules that do not stop the server.</summary>
public sealed class RulesApiTests(CrmApiFactory factory) : IClassFixture<CrmApiFactory>
{
    private static readonly SemaphoreSlim Publishing = new(1, 1);

    private static async Task EnsureEntityAsync(HttpClient client, object entity)
    {
        await Publishing.WaitAsync();
        try
        {
            var name = (string)entity.GetType().GetProperty("name")!.GetValue(entity)!;
            var (existing, _, _) = await client.GetJsonAsync($"/api/metadata/entities/{name}");
            if (existing == HttpStatusCode.OK) return;
            var (status, body, _) = await client.PostJsonAsync("/api/metadata/entities", entity);
            Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
        }
        finally
        {
            Publishing.Release();
        }
    }

    [Fact]
    public async Task A_broken_validation_rule_comes_back_as_problem_details_in_the_callers_language()
    {
        var client = await factory.CreateAdminClientAsync();
        await EnsureEntityAsync(client, new
        {
            name = "rule_probe",
            fields = new object[]
            {
                new { name = "title", type = "text" },
                new { name = "discount_percent", type = "percent" },
                new { name = "title_upper", type = "text", formula = "crm.upperTr(record.title)" },
            },
            rules = new object[]
            {
                new
                {
                    name = "discount_limit", field = "discount_percent",
                    condition = new { field = "discount_percent", @operator = "gt", value = 20 },
                    message = new { en = "At most 20% discount.", tr = "En fazla %20 indirim." },
                },
            },
        });

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/records/rule_probe") { Content = JsonContent.Create(new { title = "istanbul", discount_percent = 30 }) };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("tr"));
        var response = await client.SendAsync(request);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("$.discount_percent", problem.ErrorPaths().Single());
        Assert.Equal("En fazla %20 indirim.", problem["errors"]![0]!["message"]!.GetValue<string>());

        var (created, record, _) = await client.PostJsonAsync("/api/records/rule_probe", new { title = "istanbul", discount_percent = 10 });
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("İSTANBUL", record!["title_upper"]!.GetValue<string>());
        var (listed, page, _) = await client.GetJsonAsync("/api/records/rule_probe?$filter=" + Uri.EscapeDataString("title_upper eq 'İSTANBUL'") + "&$count=true");
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.True(page!["count"]!.GetValue<long>() >= 1);

        var (readOnly, readOnlyProblem, _) = await client.PostJsonAsync("/api/records/rule_probe", new { title = "x", title_upper = "Y" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, readOnly);
        Assert.Contains("$.title_upper", readOnlyProblem.ErrorPaths());
    }

    [Fact]
    public async Task Bad_rule_metadata_is_refused_at_publish_with_json_paths()
    {
        var client = await factory.CreateAdminClientAsync();
        var (status, problem, _) = await client.PostJsonAsync("/api/metadata/entities", new
        {
            name = "bad_rule_probe",
            fields = new object[] { new { name = "amount", type = "integer", formula = "record.amount +" } },
            rules = new object[] { new { name = "r", condition = new { field = "amount", @operator = "bigger", value = 1 } } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var paths = problem.ErrorPaths();
        Assert.Contains(paths, p => p.EndsWith(".fields[0].formula", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.EndsWith(".rules[0].condition.operator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_script_check_reports_syntax_errors_with_line_and_column()
    {
        var client = await factory.CreateAdminClientAsync();
        var (status, body, _) = await client.PostJsonAsync("/api/rules/check-script", new { script = "let a = 1;\nreturn a +* 2;" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body!["valid"]!.GetValue<bool>());
        Assert.Equal(2, body["problems"]![0]!["line"]!.GetValue<int>());
        Assert.Equal(11, body["problems"]![0]!["column"]!.GetValue<int>());

        var (_, good, _) = await client.PostJsonAsync("/api/rules/check-script", new { script = "record.amount > 5" });
        Assert.True(good!["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_hostile_rule_fails_its_own_writes_while_other_requests_keep_being_served()
    {
        // Statements unlimited here, so the endless loop runs into the 200 ms time limit on every write.
        await using var slowFactory = factory.WithWebHostBuilder(b => b.UseSetting("Crm:Rules:MaxStatements", "2000000000"));
        var client = slowFactory.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = CrmApiFactory.AdminPassword });
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await EnsureEntityAsync(client, new
        {
            name = "hostile_probe",
            fields = new object[]
            {
                new { name = "title", type = "text" },
                new { name = "spin", type = "integer", formula = "let n = 0; while (true) { n = (n + 1) % 3; } return n;" },
            },
        });

        var hostile = Enumerable.Range(0, 6).Select(async i =>
        {
            var clock = Stopwatch.StartNew();
            var (status, problem, response) = await client.PostJsonAsync("/api/records/hostile_probe", new { title = $"h{i}" });
            return (status, problem, response.Content.Headers.ContentType?.MediaType, clock.ElapsedMilliseconds);
        }).ToArray();
        var reads = Enumerable.Range(0, 30).Select(async _ =>
        {
            var (status, _, _) = await client.GetJsonAsync("/api/records/person?$top=5");
            return status;
        }).ToArray();

        foreach (var status in await Task.WhenAll(reads)) Assert.Equal(HttpStatusCode.OK, status);
        foreach (var (status, problem, mediaType, elapsed) in await Task.WhenAll(hostile))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
            Assert.Equal("application/problem+json", mediaType);
            Assert.Equal("ruleFailed", problem!["code"]!.GetValue<string>());
            Assert.Equal("$.spin", problem.ErrorPaths().Single());
            Assert.Contains("was stopped: it ran longer than 200 ms", problem["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True(elapsed < 10_000, $"took {elapsed} ms");
        }
        Assert.Equal(0L, await Database.ScalarAsync<long>(factory.ConnectionString, "SELECT count(*) FROM crm.hostile_probe"));
        var (health, _, _) = await client.GetJsonAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health);
    }
}
