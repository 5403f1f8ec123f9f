using System.Net;
using System.Text.Json.Nodes;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Templates;

/// <summary>The preview routes against the sample pack's templates and real records, and template errors as problem details.</summary>
public sealed class TemplatesApiTests(CrmApiFactory factory) : IClassFixture<CrmApiFactory>
{
    private static async Task<string> CreateAsync(HttpClient client, string entity, object body)
    {
        var (status, created, _) = await client.PostJsonAsync($"/api/records/{entity}", body);
        Assert.True(status == HttpStatusCode.Created, created?.ToJsonString());
        return created!["id"]!.GetValue<string>();
    }

    private static JsonObject Sms(string text) => new()
    {
        ["name"] = "draft",
        ["entity"] = "person",
        ["channel"] = "sms",
        ["text"] = new JsonObject { ["tr"] = text },
    };

    [Fact]
    public async Task A_published_template_renders_against_a_real_record_with_its_lookup_in_the_language_asked_for()
    {
        var client = await factory.CreateAdminClientAsync();
        var company = await CreateAsync(client, "company", new { name = "Çınar & Oğulları" });
        var person = await CreateAsync(client, "person", new { first_name = "Ayşe", last_name = "Yılmaz", segment = "gold", company });

        var (status, tr, _) = await client.PostJsonAsync("/api/templates/segment_gold_welcome/preview", new { recordId = person, language = "tr" });
        var (_, en, _) = await client.PostJsonAsync("/api/templates/segment_gold_welcome/preview", new { recordId = person, language = "en" });

        Assert.True(status == HttpStatusCode.OK, tr?.ToJsonString());
        Assert.Equal("Ayşe, Altın müşterilerimiz arasına hoş geldiniz", tr!["subject"]!.GetValue<string>());
        Assert.Contains("<p>Çınar &amp; Oğulları hesabınız da bu ayrıcalıklardan yararlanır.</p>", tr["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("Sevgili Ayşe, artık Altın müşterimizsiniz", tr["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(("email", "tr"), (tr["channel"]!.GetValue<string>(), tr["language"]!.GetValue<string>()));
        Assert.Equal("Ayşe, welcome to our Gold customers", en!["subject"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_template_reads_a_lookup_of_the_record_and_formats_numbers_and_dates_in_its_language()
    {
        var client = await factory.CreateAdminClientAsync();
        var person = await CreateAsync(client, "person", new { first_name = "Mehmet", last_name = "Kaya" });
        var order = await CreateAsync(client, "sales_order", new { person, order_date = "2025-03-31", total_amount = 12345.5m });

        var (status, body, _) = await client.PostJsonAsync("/api/templates/renewal_offer/preview", new { recordId = order, language = "tr" });

        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        var html = body!["html"]!.GetValue<string>();
        Assert.StartsWith("<p>Sayın Mehmet Kaya,</p>", html, StringComparison.Ordinal);
        Assert.Contains("31.03.2025 tarihli", html, StringComparison.Ordinal);
        Assert.Contains("(12.345,50 TL)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_sms_template_answers_only_with_its_text()
    {
        var client = await factory.CreateAdminClientAsync();
        var person = await CreateAsync(client, "person", new { first_name = "Zeynep", last_name = "Şahin" });

        var (status, body, _) = await client.PostJsonAsync("/api/templates/bounce_sms_fallback/preview", new { recordId = person });

        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.StartsWith("Merhaba Zeynep,", body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(body["subject"]);
        Assert.Null(body["html"]);
        Assert.Equal("sms", body["channel"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unsaved_template_is_previewed_against_a_real_record()
    {
        var client = await factory.CreateAdminClientAsync();
        var person = await CreateAsync(client, "person", new { first_name = "Deniz", last_name = "Ak", tags = new[] { "vip", "online" } });

        var template = Sms("{{ record.first_name }}: {{ record.tags_labels | array.join ', ' }}");
        template["text"]!["en"] = "{{ record.first_name }} in English: {{ record.tags_labels | array.join ', ' }}";

        var (status, body, _) = await client.PostJsonAsync("/api/templates/preview", new { template, recordId = person, language = "en" });
        var (_, turkish, _) = await client.PostJsonAsync("/api/templates/preview", new { template, recordId = person, language = "tr" });

        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal("Deniz in English: VIP, Online customer", body!["text"]!.GetValue<string>());
        Assert.Equal("Deniz: VIP, Çevrimiçi müşteri", turkish!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_syntax_error_in_an_unsaved_template_is_a_422_naming_path_line_and_column()
    {
        var client = await factory.CreateAdminClientAsync();

        var (status, problem, _) = await client.PostJsonAsync("/api/templates/preview",
            new { template = Sms("Merhaba\n{{ record.first_name | }}") });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("templateFailed", problem!["code"]!.GetValue<string>());
        var error = problem["errors"]![0]!;
        Assert.Equal("$.template.text.tr", error["path"]!.GetValue<string>());
        Assert.Equal("templateSyntax", error["code"]!.GetValue<string>());
        Assert.Equal((2, 24), (error["line"]!.GetValue<int>(), error["column"]!.GetValue<int>()));
        Assert.StartsWith("Line 2, column 24:", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ while true; end }}", "iteration limit")]
    [InlineData("{{ 'x' | string.pad_left 100000000 }}", "LimitToString")]
    [InlineData("{{ func f; f; end; f }}", "recursive depth limit")]
    [InlineData("{{ func f(n); if n > 0; f(n - 1); f(n - 1); end; end; f(40) }}", "took longer than")]
    [InlineData("{{ include 'appsettings.json' }}", "include")]
    public async Task A_hostile_template_is_stopped_with_a_422_and_the_server_keeps_serving(string text, string reason)
    {
        var client = await factory.CreateAdminClientAsync();

        var (status, problem, _) = await client.PostJsonAsync("/api/templates/preview", new { template = Sms(text) });
        var (health, _, _) = await client.GetJsonAsync("/api/metadata/entities");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("templateFailed", problem!["code"]!.GetValue<string>());
        var error = problem["errors"]![0]!;
        Assert.Equal("$.template.text.tr", error["path"]!.GetValue<string>());
        Assert.Contains(reason, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(error["line"]);
        Assert.Equal(HttpStatusCode.OK, health);
    }

    [Fact]
    public async Task Publishing_a_broken_template_is_a_422_naming_its_path_line_and_column()
    {
        var client = await factory.CreateAdminClientAsync();
        var document = (await client.GetJsonAsync("/api/metadata")).Body!.AsObject();
        var templates = document["templates"]!.AsArray();
        var index = templates.Select((t, i) => (t, i)).Single(p => p.t!["name"]!.GetValue<string>() == "renewal_offer").i;
        templates[index]!["html"]!["tr"] = "<p>\n  {{ for x in record }}\n</p>";

        var (status, problem, _) = await client.PutJsonAsync("/api/metadata", document.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var error = problem!["errors"]!.AsArray().Single(e => e!["code"]!.GetValue<string>() == "templateSyntax")!;
        Assert.Equal($"$.templates[{index}].html.tr", error["path"]!.GetValue<string>());
        Assert.Equal(2, error["line"]!.GetValue<int>());
        Assert.NotNull(error["column"]);
    }

    [Fact]
    public async Task Unknown_templates_and_records_are_404_and_a_bad_record_id_is_422()
    {
        var client = await factory.CreateAdminClientAsync();

        var (unknownTemplate, _, _) = await client.PostJsonAsync("/api/templates/nope/preview", new { });
        var (unknownRecord, _, _) = await client.PostJsonAsync("/api/templates/bounce_sms_fallback/preview", new { recordId = Guid.NewGuid() });
        var (badId, problem, _) = await client.PostJsonAsync("/api/templates/bounce_sms_fallback/preview", new { recordId = "x" });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.UnprocessableEntity), (unknownTemplate, unknownRecord, badId));
        Assert.Equal(["$.recordId"], problem.ErrorPaths());
    }

    [Fact]
    public async Task Previews_need_a_login()
    {
        var (status, _, _) = await factory.CreateClient().PostJsonAsync("/api/templates/bounce_sms_fallback/preview", new { });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
