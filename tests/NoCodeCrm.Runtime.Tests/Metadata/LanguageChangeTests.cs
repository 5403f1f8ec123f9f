using System.Net;
using System.Text.Json.Nodes;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Metadata;

public sealed class LanguageChangeTests(CrmApiFactory factory) : IClassFixture<CrmApiFactory>
{
    [Fact]
    public async Task Changing_the_model_language_recollates_text_columns_and_keeps_their_indexes()
    {
        var client = await factory.CreateAdminClientAsync();
        await client.PostJsonAsync("/api/records/person", new { first_name = "Dil", last_name = "Işık", email = "dil@example.com" });
        var document = (await client.GetJsonAsync("/api/metadata")).Body!.AsObject();
        document["settings"] = new JsonObject { ["defaultLanguage"] = "en", ["languages"] = new JsonArray("tr", "en") };

        var (status, result, _) = await client.PutJsonAsync("/api/metadata", document.ToJsonString());
        Assert.True(status == HttpStatusCode.OK, result?.ToJsonString());
        Assert.Equal("en-x-icu", await Database.ScalarAsync<string>(factory.ConnectionString,
            "SELECT collation_name FROM information_schema.columns WHERE table_schema='crm' AND table_name='person' AND column_name='last_name'"));
        Assert.NotNull(await Database.ScalarAsync<string>(factory.ConnectionString,
            "SELECT indexdef FROM pg_indexes WHERE schemaname='crm' AND indexname='ux__person__email'"));
        var (_, page, _) = await client.GetJsonAsync("/api/records/person?$filter=last_name eq 'Işık'&$count=true");
        Assert.Equal(1, page!["count"]!.GetValue<long>());

        document["settings"] = new JsonObject { ["defaultLanguage"] = "xx", ["languages"] = new JsonArray("xx") };
        // Templates (and the rules sending them) are written in tr/en, which a language-xx model would refuse first.
        document["templates"] = new JsonArray();
        document["automations"] = new JsonArray();
        var (badStatus, problem, _) = await client.PutJsonAsync("/api/metadata", document.ToJsonString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badStatus);
        Assert.Contains("$.settings.defaultLanguage", problem.ErrorPaths());
    }
}
