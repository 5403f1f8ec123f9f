using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Publishing;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>The metadata document, its versions, preview, packages and the granular designer routes under <c>/api/metadata</c>.</summary>
public static class MetadataApi
{
    public static IEndpointRouteBuilder MapMetadataApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/metadata").RequireAuthorization();

        group.MapGet("", (HttpContext http, ModelRegistry registry) =>
        {
            var model = registry.Current.Model;
            http.Response.Headers.ETag = HttpBody.ETag(model.Version);
            return Results.Text(ModelJson.Serialize(model), "application/json; charset=utf-8");
        });

        group.MapPut("", async (HttpContext http, MetadataPublisher publisher, CancellationToken ct) =>
        {
            var document = await HttpBody.ReadTextAsync(http.Request, ct);
            var result = await publisher.PublishAsync(new PublishRequest(document, Author(http), http.Request.Query["comment"], HttpBody.IfMatch(http.Request)), ct);
            http.Response.Headers.ETag = HttpBody.ETag(result.Version);
            return TypedResults.Ok(result);
        });

        group.MapPost("/preview", async (HttpContext http, MetadataPublisher publisher, CancellationToken ct) =>
        {
            var document = await HttpBody.ReadTextAsync(http.Request, ct);
            return TypedResults.Ok(await publisher.PreviewAsync(new PublishRequest(document, Author(http), null, HttpBody.IfMatch(http.Request)), ct));
        });

        group.MapGet("/versions", async (NpgsqlDataSource dataSource, MetadataStore store, CancellationToken ct) =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            var rows = await store.ListAsync(connection, ct);
            return TypedResults.Ok(rows.Select(r => new { r.Version, r.Author, PublishedAt = DateTime.SpecifyKind(r.PublishedAt, DateTimeKind.Utc), r.Comment, r.RestoredFrom }));
        });

        group.MapGet("/versions/{version:int}", async (int version, NpgsqlDataSource dataSource, MetadataStore store, CancellationToken ct) =>
            Results.Text((await LoadAsync(dataSource, store, version, ct)).Document, "application/json; charset=utf-8"));

        group.MapGet("/versions/{from:int}/diff/{to:int}", async (int from, int to, NpgsqlDataSource dataSource, MetadataStore store, CancellationToken ct) =>
        {
            var a = await LoadAsync(dataSource, store, from, ct);
            var b = await LoadAsync(dataSource, store, to, ct);
            return TypedResults.Ok(new { from, to, changes = MetadataDiff.Compute(Parse(a.Document), Parse(b.Document)) });
        });

        group.MapPost("/versions/{version:int}/restore", async (int version, HttpContext http, NpgsqlDataSource dataSource, MetadataStore store,
            MetadataPublisher publisher, CancellationToken ct) =>
        {
            var old = await LoadAsync(dataSource, store, version, ct);
            var result = await publisher.PublishAsync(new PublishRequest(old.Document, Author(http), $"Restored version {version}",
                HttpBody.IfMatch(http.Request), version), ct);
            return TypedResults.Ok(result);
        });

        group.MapGet("/export", (HttpContext http, ModelRegistry registry) =>
        {
            var entities = http.Request.Query["entities"].ToString();
            var package = MetadataPackage.Export(registry.Current.Model,
                string.IsNullOrWhiteSpace(entities) ? null : entities.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            return Results.Text(package.ToJsonString(), "application/json; charset=utf-8");
        });

        group.MapPost("/import", async (HttpContext http, ModelRegistry registry, MetadataPublisher publisher, CancellationToken ct) =>
        {
            var package = await HttpBody.ReadJsonAsync(http.Request, ct);
            var current = registry.Current.Model;
            var document = MetadataPackage.Merge(current, package).ToJsonString();
            var request = new PublishRequest(document, Author(http), "Imported package", HttpBody.IfMatch(http.Request) ?? current.Version);
            return http.Request.Query["dryRun"] == "true"
                ? TypedResults.Ok(await publisher.PreviewAsync(request, ct))
                : TypedResults.Ok(await publisher.PublishAsync(request, ct));
        });

        MapGranular(group);
        return app;
    }

    /// <summary>Designer routes that edit one part of the document and publish it, based on the version the caller saw.</summary>
    private static void MapGranular(RouteGroupBuilder group)
    {
        group.MapGet("/entities", (ModelRegistry registry) =>
            Results.Text(JsonSerializer.Serialize(registry.Current.Model.Entities.Where(e => !e.Retired), ModelJson.Options), "application/json; charset=utf-8"));

        group.MapGet("/entities/{entity}", (string entity, ModelRegistry registry) =>
            registry.Current.Model.FindEntity(entity) is { } found
                ? Results.Text(JsonSerializer.Serialize(found, ModelJson.Options), "application/json; charset=utf-8")
                : throw CrmException.NotFound($"There is no entity named '{entity}'."));

        group.MapPost("/entities", async (HttpContext http, ModelRegistry registry, MetadataPublisher publisher, CancellationToken ct) =>
        {
            var body = await HttpBody.ReadJsonAsync(http.Request, ct);
            return await EditAsync(http, registry, publisher, $"Added entity", doc => Array(doc, "entities").Add(JsonNode.Parse(body.GetRawText())), ct);
        });

        group.MapPut("/entities/{entity}", async (string entity, HttpContext http, ModelRegistry registry, MetadataPublisher publisher, CancellationToken ct) =>
        {
            var body = await HttpBody.ReadJsonAsync(http.Request, ct);
            return await EditAsync(http, registry, publisher, $"Changed entity {entity}", doc => Replace(Array(doc, "entities"), entity, JsonNode.Parse(body.GetRawText())), ct);
        });

        group.MapDelete("/entities/{entity}", (string entity, HttpContext http, ModelRegistry registry, MetadataPublisher publisher, CancellationToken ct) =>
            EditAsync(http, registry, publisher, $"Retired entity {entity}", doc => Remove(Array(doc, "entities"), entity), ct));

        group.MapPost("/entities/{entity}/fields", async (string entity, HttpContext http, ModelRegistry registry, MetadataPublisher publisher, CancellationToken ct) =>
        {
            var body = await HttpBody.ReadJsonAsync(http.Request, ct);
            return await EditAsync(http, registry, publisher, $"Added a field to {entity}", doc => Fields(doc, entity).Add(JsonNode.Parse(body.GetRawText())), ct);
        });

        group.MapPut("/entities/{entity}/fields/{field}", async (string entity, string field, HttpContext http, ModelRegistry registry, MetadataPublisher publisher, CancellationToken ct) =>
        {
            var body = await HttpBody.ReadJsonAsync(http.Request, ct);
            return await EditAsync(http, registry, publisher, $"Changed {entity}.{field}", doc => Replace(Fields(doc, entity), field, JsonNode.Parse(body.GetRawText())), ct);
        });

        group.MapDelete("/entities/{entity}/fields/{field}", (string entity, string field, HttpContext http, ModelRegistry registry, MetadataPublisher publisher, CancellationToken ct) =>
            EditAsync(http, registry, publisher, $"Retired {entity}.{field}", doc => Remove(Fields(doc, entity), field), ct));

        group.MapPost("/entities/{entity}/fields/{field}/purge", async (string entity, string field, HttpContext http, MetadataPublisher publisher, CancellationToken ct) =>
            TypedResults.Ok(await publisher.PurgeFieldAsync(entity, field, Author(http), HttpBody.IfMatch(http.Request), ct)));
    }

    private static async Task<IResult> EditAsync(HttpContext http, ModelRegistry registry, MetadataPublisher publisher, string comment,
        Action<JsonObject> edit, CancellationToken ct)
    {
        var current = registry.Current.Model;
        var document = JsonNode.Parse(ModelJson.Serialize(current with { Entities = [.. current.Entities.Where(e => !e.Retired).Select(e => e with { Fields = [.. e.Fields.Where(f => !f.Retired)] })] }))!.AsObject();
        edit(document);
        var result = await publisher.PublishAsync(new PublishRequest(document.ToJsonString(), Author(http), comment, HttpBody.IfMatch(http.Request) ?? current.Version), ct);
        http.Response.Headers.ETag = HttpBody.ETag(result.Version);
        return TypedResults.Ok(result);
    }

    private static JsonArray Array(JsonObject document, string name)
    {
        if (document[name] is JsonArray array) return array;
        array = [];
        document[name] = array;
        return array;
    }

    private static JsonArray Fields(JsonObject document, string entity)
    {
        var node = Find(Array(document, "entities"), entity) ?? throw CrmException.NotFound($"There is no entity named '{entity}'.");
        return Array(node.AsObject(), "fields");
    }

    private static JsonNode? Find(JsonArray array, string name) =>
        array.FirstOrDefault(n => n?["name"]?.GetValue<string>() == name);

    private static void Replace(JsonArray array, string name, JsonNode? replacement)
    {
        var existing = Find(array, name) ?? throw CrmException.NotFound($"There is no '{name}' to change.");
        if (replacement is JsonObject obj && obj["name"] is null) obj["name"] = name;
        array[array.IndexOf(existing)] = replacement;
    }

    private static void Remove(JsonArray array, string name) =>
        array.Remove(Find(array, name) ?? throw CrmException.NotFound($"There is no '{name}' to retire."));

    private static async Task<MetadataVersionRow> LoadAsync(NpgsqlDataSource dataSource, MetadataStore store, int version, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await store.GetAsync(connection, version, ct) ?? throw CrmException.NotFound($"There is no metadata version {version}.");
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static string Author(HttpContext http) => http.ToCrmPrincipal().UserName;
}
