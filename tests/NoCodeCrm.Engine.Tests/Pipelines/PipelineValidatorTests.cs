using System.Text.Json.Nodes;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Validation;

namespace NoCodeCrm.Engine.Tests.Pipelines;

/// <summary>Pipelines and stage triggers are checked at publish, every mistake named by its JSON path.</summary>
public sealed class PipelineValidatorTests
{
    private const string Entities = """
        [{"name":"deal","fields":[
          {"name":"title","type":"text"},
          {"name":"amount","type":"currency"},
          {"name":"close_on","type":"date"},
          {"name":"kind","type":"choice","options":[{"value":"small"},{"value":"big"}]},
          {"name":"stage","type":"choice","options":[{"value":"new"},{"value":"offer"},{"value":"won"},{"value":"lost"}]}]}]
        """;

    private static string[] Errors(string pipelines, string automations = "[]")
    {
        var document = new JsonObject
        {
            ["entities"] = JsonNode.Parse(Entities),
            ["pipelines"] = JsonNode.Parse(pipelines),
            ["automations"] = JsonNode.Parse(automations),
        };
        var model = ModelJson.Parse(document.ToJsonString());
        return ModelValidator.Validate(model).Select(e => $"{e.Path} {e.Code}").ToArray();
    }

    [Fact]
    public void A_well_formed_pipeline_with_a_stage_trigger_is_accepted()
    {
        Assert.Empty(Errors("""
            [{"name":"sales","entity":"deal","field":"stage","stages":[
              {"name":"new","probability":0.1},{"name":"offer","probability":0.5,"requiredFields":["amount"],"transitions":["won","lost"]},
              {"name":"won","probability":1,"outcome":"won"},{"name":"lost","outcome":"lost"}]}]
            """, """
            [{"name":"offer_task","trigger":{"type":"stageEntered","entity":"deal","pipeline":"sales","stage":"offer"}}]
            """));
    }

    [Fact]
    public void Unknown_fields_stages_and_transitions_are_named_by_path()
    {
        var errors = Errors("""
            [{"name":"sales","entity":"deal","field":"title","amountField":"title","closeDateField":"amount","stages":[
              {"name":"new","requiredFields":["nothing"],"transitions":["nowhere"]}]},
             {"name":"other","entity":"deal","field":"stage","stages":[{"name":"maybe"},{"name":"won","outcome":"won"},{"name":"won"}]}]
            """);
        Assert.Contains("$.pipelines[0].field invalidStageField", errors);
        Assert.Contains("$.pipelines[0].amountField invalidFieldType", errors);
        Assert.Contains("$.pipelines[0].closeDateField invalidFieldType", errors);
        Assert.Contains("$.pipelines[0].stages[0].requiredFields[0] unknownField", errors);
        Assert.Contains("$.pipelines[0].stages[0].transitions[0] unknownStage", errors);
        Assert.Contains("$.pipelines[1].stages[0].name unknownOption", errors);
        Assert.Contains("$.pipelines[1].stages[2].name duplicateStage", errors);
    }

    [Fact]
    public void Pipelines_sharing_a_stage_field_need_distinct_selectors()
    {
        var stages = """[{"name":"new"},{"name":"won","outcome":"won"}]""";
        var errors = Errors($$"""
            [{"name":"a","entity":"deal","field":"stage","selector":{"field":"kind","value":"small"},"stages":{{stages}}},
             {"name":"b","entity":"deal","field":"stage","selector":{"field":"kind","value":"small"},"stages":{{stages}}},
             {"name":"c","entity":"deal","field":"stage","stages":{{stages}}},
             {"name":"d","entity":"deal","field":"stage","selector":{"field":"kind","value":"huge"},"stages":{{stages}}}]
            """);
        Assert.Contains("$.pipelines[1].selector duplicateSelector", errors);
        Assert.Contains("$.pipelines[2].selector selectorRequired", errors);
        Assert.Contains("$.pipelines[3].selector.value unknownOption", errors);
        Assert.DoesNotContain(errors, e => e.StartsWith("$.pipelines[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pipeline_of_only_final_stages_and_a_stage_trigger_on_a_missing_stage_are_refused()
    {
        var errors = Errors("""
            [{"name":"sales","entity":"deal","field":"stage","stages":[{"name":"won","outcome":"won"},{"name":"lost","outcome":"lost"}]}]
            """, """
            [{"name":"r1","trigger":{"type":"stageEntered","entity":"deal","pipeline":"sales","stage":"offer"}},
             {"name":"r2","trigger":{"type":"stageLeft","entity":"deal","pipeline":"nope","stage":"won"}},
             {"name":"r3","trigger":{"type":"stageLeft","entity":"deal"}}]
            """);
        Assert.Contains("$.pipelines[0].stages noOpenStage", errors);
        Assert.Contains("$.automations[0].trigger.stage unknownStage", errors);
        Assert.Contains("$.automations[1].trigger.pipeline unknownPipeline", errors);
        Assert.Contains("$.automations[2].trigger.pipeline required", errors);
    }
}
