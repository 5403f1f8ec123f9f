using System.Text.Json.Nodes;
using NoCodeCrm.Engine.Compiled;

namespace NoCodeCrm.Engine.OpenApi;

/// <summary>Builds the OpenAPI 3.1 document of a model version: every entity's record schema and routes.</summary>
public static class OpenApiDocumentBuilder
{
    public static string Build(CompiledModel model)
    {
        var schemas = new JsonObject
        {
            ["Problem"] = Parse("""
                {"type":"object","properties":{"type":{"type":"string"},"title":{"type":"string"},"status":{"type":"integer"},
                 "detail":{"type":"string"},"code":{"type":"string"},"errors":{"type":"array","items":{"type":"object",
                 "properties":{"path":{"type":"string"},"code":{"type":"string"},"message":{"type":"string"}}}}}}
                """),
        };
        var paths = new JsonObject
        {
            ["/api/auth/login"] = Parse("""
                {"post":{"tags":["auth"],"summary":"Log in and get a bearer token","security":[],
                 "requestBody":{"required":true,"content":{"application/json":{"schema":{"type":"object","required":["username","password"],
                   "properties":{"username":{"type":"string"},"password":{"type":"string"}}}}}},
                 "responses":{"200":{"description":"A token","content":{"application/json":{"schema":{"type":"object",
                   "properties":{"token":{"type":"string"},"expiresAt":{"type":"string","format":"date-time"}}}}}},
                   "401":{"$ref":"#/components/responses/Problem"}}}}
                """),
            ["/api/metadata"] = Parse("""
                {"get":{"tags":["metadata"],"summary":"The published metadata document","responses":{"200":{"description":"The document"}}},
                 "put":{"tags":["metadata"],"summary":"Validate, migrate and publish a new document","parameters":[{"name":"If-Match","in":"header","schema":{"type":"string"}}],
                  "requestBody":{"required":true,"content":{"application/json":{"schema":{"type":"object"}}}},
                  "responses":{"200":{"description":"Published"},"400":{"$ref":"#/components/responses/Problem"},"409":{"$ref":"#/components/responses/Problem"},"412":{"$ref":"#/components/responses/Problem"}}}}
                """),
        };
        foreach (var entity in model.Entities.Values.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var label = entity.Definition.Label?.Get(model.Model.Settings.DefaultLanguage) ?? entity.Name;
            schemas[entity.Name] = RecordSchema(entity);
            schemas[entity.Name + "_create"] = Parse(entity.CreateSchema.ToJson());
            schemas[entity.Name + "_patch"] = Parse(entity.PatchSchema.ToJson());
            paths[$"/api/records/{entity.Name}"] = new JsonObject
            {
                ["get"] = Operation(entity.Name, $"List {label} records", ListParameters(), Response("200", $"A page of {entity.Name} records", new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "array", ["items"] = Ref(entity.Name) }, ["count"] = new JsonObject { ["type"] = "integer" } },
                })),
                ["post"] = Operation(entity.Name, $"Create a {label} record", [], Response("201", "The created record", Ref(entity.Name)), Body(entity.Name + "_create")),
            };
            paths[$"/api/records/{entity.Name}/{{id}}"] = new JsonObject
            {
                ["parameters"] = new JsonArray(Parse("""{"name":"id","in":"path","required":true,"schema":{"type":"string","format":"uuid"}}""")),
                ["get"] = Operation(entity.Name, $"Read a {label} record", [Parse("""{"name":"$expand","in":"query","schema":{"type":"string"}}""")], Response("200", "The record", Ref(entity.Name))),
                ["patch"] = Operation(entity.Name, $"Change a {label} record", [IfMatch()], Response("200", "The changed record", Ref(entity.Name)), Body(entity.Name + "_patch")),
                ["delete"] = Operation(entity.Name, $"Delete a {label} record (restorable)", [IfMatch()], new JsonObject { ["204"] = new JsonObject { ["description"] = "Deleted" } }),
            };
        }
        var document = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject { ["title"] = "NoCodeCrm API", ["version"] = $"metadata-{model.Version}" },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = Parse("""{"bearer":{"type":"http","scheme":"bearer","bearerFormat":"JWT"}}"""),
                ["responses"] = Parse("""{"Problem":{"description":"Problem details","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}"""),
            },
        };
        return document.ToJsonString();
    }

    private static JsonObject RecordSchema(CompiledEntity entity)
    {
        var properties = new JsonObject
        {
            ["id"] = Parse("""{"type":"string","format":"uuid","readOnly":true}"""),
            ["version"] = Parse("""{"type":"integer","readOnly":true}"""),
            ["created_at"] = Parse("""{"type":"string","format":"date-time","readOnly":true}"""),
            ["created_by"] = Parse("""{"type":["string","null"],"format":"uuid","readOnly":true}"""),
            ["updated_at"] = Parse("""{"type":"string","format":"date-time","readOnly":true}"""),
            ["updated_by"] = Parse("""{"type":["string","null"],"format":"uuid","readOnly":true}"""),
            ["owner"] = Parse("""{"type":["string","null"],"format":"uuid"}"""),
            ["owning_team"] = Parse("""{"type":["string","null"],"format":"uuid","readOnly":true}"""),
            ["owning_department"] = Parse("""{"type":["string","null"],"format":"uuid","readOnly":true}"""),
        };
        foreach (var field in entity.Fields)
        {
            var schema = Parse(field.Handler.BuildSchema(field.Definition with { Required = false }, "en").ToJson());
            schema.Remove("$schema");
            if (!field.IsWritable) schema["readOnly"] = true;
            properties[field.Name] = schema;
        }
        return new JsonObject { ["type"] = "object", ["properties"] = properties };
    }

    private static JsonObject Operation(string tag, string summary, JsonNode[] parameters, JsonObject responses, JsonObject? body = null)
    {
        responses["400"] = Ref("Problem", "responses");
        responses["401"] = Ref("Problem", "responses");
        responses["404"] = Ref("Problem", "responses");
        var operation = new JsonObject { ["tags"] = new JsonArray(tag), ["summary"] = summary, ["parameters"] = new JsonArray(parameters), ["responses"] = responses };
        if (body is not null) operation["requestBody"] = body;
        return operation;
    }

    private static JsonObject Response(string status, string description, JsonNode schema) => new()
    {
        [status] = new JsonObject { ["description"] = description, ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } } },
    };

    private static JsonObject Body(string schema) => new()
    {
        ["required"] = true,
        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(schema) } },
    };

    private static readonly string[] ListParameterNames = ["$filter", "$orderby", "$top", "$skip", "$select", "$count", "$expand", "$search"];

    private static JsonNode[] ListParameters() =>
        [.. ListParameterNames
            .Select(p => (JsonNode)new JsonObject { ["name"] = p, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } })];

    private static JsonObject IfMatch() => Parse("""{"name":"If-Match","in":"header","schema":{"type":"string"}}""");

    private static JsonObject Ref(string name, string kind = "schemas") => new() { ["$ref"] = $"#/components/{kind}/{name}" };

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

}
