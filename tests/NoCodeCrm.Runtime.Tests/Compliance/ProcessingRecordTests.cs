using System.Net;
using NoCodeCrm.Runtime.Tests.Infrastructure;

namespace NoCodeCrm.Runtime.Tests.Compliance;

/// <summary>The record of processing built from the sample pack's annotations, and the annotations' checks at publish.</summary>
public sealed class ProcessingRecordTests(CrmApiFactory app) : IClassFixture<CrmApiFactory>
{
    [Fact]
    public async Task The_processing_record_lists_each_annotated_entity_with_purpose_legal_basis_categories_and_personal_fields()
    {
        var client = await app.CreateAdminClientAsync();
        var (status, register, _) = await client.GetJsonAsync("/api/compliance/processing-record");

        Assert.True(status == HttpStatusCode.OK, $"{status} {register}");
        Assert.Equal("person", register!["dataSubject"]!.GetValue<string>());
        var activities = register["activities"]!.AsArray();
        var person = activities.Single(a => a!["entity"]!.GetValue<string>() == "person")!;
        Assert.Equal("contract", person["legalBasis"]!.GetValue<string>());
        Assert.Contains("identity", person["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        var email = person["personalFields"]!.AsArray().Single(f => f!["field"]!.GetValue<string>() == "email")!;
        Assert.Equal("contact", email["dataCategory"]!.GetValue<string>());
        Assert.Equal("legalObligation", activities.Single(a => a!["entity"]!.GetValue<string>() == "invoice")!["legalBasis"]!.GetValue<string>());
        Assert.Empty(register["unannotated"]!.AsArray());
    }

    [Fact]
    public async Task Publishing_refuses_an_unknown_legal_basis_naming_its_path()
    {
        var client = await app.CreateAdminClientAsync();
        var (_, model, _) = await client.GetJsonAsync("/api/metadata");
        var entities = model!["entities"]!.AsArray();
        var index = entities.Select((e, i) => (e, i)).Single(p => p.e!["name"]!.GetValue<string>() == "company").i;
        var company = entities[index]!;
        company["processing"]!["legalBasis"] = "becauseWeCan";

        var (status, problem, _) = await client.PutJsonAsync("/api/metadata", model);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(problem.ErrorPaths(), p => p.StartsWith($"$.entities[{index}].processing.legalBasis", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_data_category_on_a_field_that_is_not_personal_data_is_refused_at_publish()
    {
        var client = await app.CreateAdminClientAsync();
        var (_, model, _) = await client.GetJsonAsync("/api/metadata");
        var entities = model!["entities"]!.AsArray();
        var index = entities.Select((e, i) => (e, i)).Single(p => p.e!["name"]!.GetValue<string>() == "company").i;
        var fields = entities[index]!["fields"]!.AsArray();
        var sector = fields.Select((f, i) => (f, i)).Single(p => p.f!["name"]!.GetValue<string>() == "sector").i;
        fields[sector]!["dataCategory"] = "contact";

        var (status, problem, _) = await client.PutJsonAsync("/api/metadata", model);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains($"$.entities[{index}].fields[{sector}].dataCategory", problem.ErrorPaths());
    }
}
