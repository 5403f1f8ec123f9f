using System.Text.Json.Nodes;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata.Validation;

namespace NoCodeCrm.Engine.Tests.Layout;

/// <summary>Forms and views are typed and checked at publish: every wrong reference comes back with its JSON path.</summary>
public sealed class LayoutValidationTests
{
    private static readonly Lazy<string> Sample = new(() =>
        File.ReadAllText(Path.Combine(FindRepositoryRoot(), "samples", "crm", "model.json")));

    private static JsonObject Document() => JsonNode.Parse(Sample.Value)!.AsObject();

    private static IReadOnlyList<CrmError> Errors(JsonObject document)
    {
        var error = Assert.Throws<CrmException>(() => MetadataDocumentReader.Read(document.ToJsonString()));
        return error.Errors;
    }

    private static JsonObject Form(JsonObject document, string name) =>
        document["forms"]!.AsArray().Select(f => f!.AsObject()).Single(f => (string?)f["name"] == name);

    private static int IndexOf(JsonObject document, string section, string name) =>
        document[section]!.AsArray().Select((f, i) => (f, i)).Single(x => (string?)x.f!["name"] == name).i;

    [Fact]
    public void The_model_currency_is_an_ISO_4217_code_and_anything_else_is_named_at_its_path()
    {
        Assert.Equal("TRY", MetadataDocumentReader.Read(Sample.Value).Settings.Currency);
        var document = Document();
        document["settings"]!["currency"] = "lira";
        Assert.Contains(Errors(document), e => e.Path == "$.settings.currency");
    }

    [Fact]
    public void The_sample_has_a_main_form_and_a_default_view_for_the_main_entities_and_a_module_for_every_entity()
    {
        var model = MetadataDocumentReader.Read(Sample.Value);

        string[] main = ["person", "company", "lead", "opportunity", "activity", "task", "service_request", "quote", "campaign"];
        foreach (var entity in main)
        {
            var form = Assert.Single(model.Forms, f => f.Entity == entity);
            Assert.NotEmpty(form.Tabs.SelectMany(t => t.Sections).SelectMany(s => s.Fields));
            Assert.NotNull(form.Label?.Get("tr"));
            Assert.NotNull(form.Label?.Get("en"));
            var view = Assert.Single(model.Views, v => v.Entity == entity && v.Default);
            Assert.NotEmpty(view.Columns);
        }
        Assert.All(model.Entities, e => Assert.Contains(e.Module, new[] { "marketing", "sales", "service", "settings" }));
        var company = Assert.Single(model.Forms, f => f.Entity == "company");
        Assert.Contains(company.RelatedLists, r => r.Entity == "person" && r.Field == "company");
    }

    [Fact]
    public void An_entity_keeps_an_icon_from_the_set_and_an_unknown_icon_is_reported_at_its_path()
    {
        var document = Document();
        var person = IndexOf(document, "entities", "person");
        document["entities"]![person]!["icon"] = "person";

        Assert.Equal("person", MetadataDocumentReader.Read(document.ToJsonString()).FindEntity("person")!.Icon);

        document["entities"]![person]!["icon"] = "unicorn";
        var error = Assert.Single(Errors(document));
        Assert.StartsWith($"$.entities[{person}].icon", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_field_on_a_form_is_reported_at_its_path()
    {
        var document = Document();
        var form = Form(document, "person_main");
        form["tabs"]![0]!["sections"]![0]!["fields"]!.AsArray().Add("shoe_size");
        var index = IndexOf(document, "forms", "person_main");

        var error = Assert.Single(Errors(document));

        Assert.Equal("unknownField", error.Code);
        Assert.Equal($"$.forms[{index}].tabs[0].sections[0].fields[6]", error.Path);
        Assert.Contains("shoe_size", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_form_on_an_unknown_entity_and_a_related_list_through_a_field_that_is_not_its_lookup_are_refused()
    {
        var document = Document();
        Form(document, "lead_main")["entity"] = "prospect";
        Form(document, "company_main")["relatedLists"]![0]!["field"] = "first_name";
        var lead = IndexOf(document, "forms", "lead_main");
        var company = IndexOf(document, "forms", "company_main");

        var errors = Errors(document);

        Assert.Contains(errors, e => e.Path == $"$.forms[{lead}].entity" && e.Code == "unknownEntity");
        Assert.Contains(errors, e => e.Path == $"$.forms[{company}].relatedLists[0].field" && e.Code == "invalidRelatedField");
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void View_columns_follow_lookups_and_a_wrong_step_or_a_broken_filter_is_reported()
    {
        var document = Document();
        var index = IndexOf(document, "views", "person_all");
        var view = document["views"]![index]!.AsObject();
        view["columns"]!.AsArray().Add("company/name");
        view["columns"]!.AsArray().Add("company/shoe_size");
        view["columns"]!.AsArray().Add("city/name");
        view["filter"] = "segment eq";
        view["sort"] = "nope desc";

        var errors = Errors(document).OrderBy(e => e.Path, StringComparer.Ordinal).ToList();

        Assert.Equal(
            [($"$.views[{index}].columns[8]", "unknownField"), ($"$.views[{index}].columns[9]", "notALookup"),
             ($"$.views[{index}].filter", "invalidQuery"), ($"$.views[{index}].sort", "unknownField")],
            errors.Select(e => (e.Path, e.Code)));
    }

    [Fact]
    public void A_form_section_has_one_to_three_columns_and_an_entity_one_default_view()
    {
        var document = Document();
        Form(document, "person_main")["tabs"]![0]!["sections"]![0]!["columns"] = 4;
        var second = JsonNode.Parse(document["views"]![0]!.ToJsonString())!.AsObject();
        second["name"] = "person_second";
        document["views"]!.AsArray().Add(second);
        var index = document["views"]!.AsArray().Count - 1;

        var errors = Errors(document);

        Assert.Contains(errors, e => e.Path.StartsWith($"$.forms[{IndexOf(document, "forms", "person_main")}].tabs[0].sections[0].columns", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == $"$.views[{index}].default" && e.Code == "duplicateDefault");
    }

    [Fact]
    public void A_retired_field_may_stay_on_a_form()
    {
        var document = Document();
        var person = document["entities"]!.AsArray().Single(e => (string?)e!["name"] == "person")!;
        person["fields"]!.AsArray().Single(f => (string?)f!["name"] == "city")!["retired"] = true;

        var model = MetadataDocumentReader.Read(document.ToJsonString());

        Assert.Contains("city", model.Forms.Single(f => f.Name == "person_main").Tabs[0].Sections[1].Fields);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NoCodeCrm.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No NoCodeCrm.sln above {AppContext.BaseDirectory}.");
    }
}
