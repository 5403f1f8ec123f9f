using System.Text.Json;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Templates;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Security;
using NoCodeCrm.Engine.Templates;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>
/// Template previews under <c>/api/templates</c>: a published template, or an unsaved one from the designer, rendered
/// against a real record. Body: <c>{"recordId": "…", "language": "tr"}</c> (plus <c>"template": {…}</c> for an unsaved one);
/// answer: <c>{subject, text, html, channel, language}</c> (parts the channel lacks are left out). Anyone who may read the
/// record: it and its lookups are read with the user's rights, so a preview shows nothing the user could not read anyway.
/// </summary>
public static class TemplatesApi
{
    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/templates").RequireAuthorization();

        group.MapPost("/{name}/preview", async (string name, HttpContext http, ModelRegistry registry, RecordService records,
            NpgsqlDataSource dataSource, TemplateService templates, IRecordAccessPolicy access, CancellationToken ct) =>
        {
            var principal = http.ToCrmPrincipal();
            var body = await HttpBody.ReadJsonAsync(http.Request, ct);
            var model = registry.Current;
            var template = model.Model.FindTemplate(name) ?? throw CrmException.NotFound($"There is no template named '{Shorten(name)}'.");
            var data = await LoadAsync(body, template, principal, model, records, dataSource, access, ct);
            return TypedResults.Ok(templates.Render(model, template.Name, data, Language(body), ct));
        });

        group.MapPost("/preview", async (HttpContext http, ModelRegistry registry, RecordService records,
            NpgsqlDataSource dataSource, TemplateService templates, IRecordAccessPolicy access, CancellationToken ct) =>
        {
            var principal = http.ToCrmPrincipal();
            var body = await HttpBody.ReadJsonAsync(http.Request, ct);
            var model = registry.Current;
            var template = ReadTemplate(body);
            var data = await LoadAsync(body, template, principal, model, records, dataSource, access, ct);
            return TypedResults.Ok(templates.RenderDraft(model, template, data, Language(body), "$.template", ct));
        });

        return app;
    }

    /// <summary>The record the template is about (with its lookups), or no record when the body names none.</summary>
    private static async Task<TemplateData> LoadAsync(JsonElement body, TemplateDefinition template, CrmPrincipal principal, CompiledModel model,
        RecordService records, NpgsqlDataSource dataSource, IRecordAccessPolicy access, CancellationToken ct)
    {
        var recordId = RecordId(body);
        if (recordId is null) return TemplateData.Empty(principal);
        if (template.Entity is null)
            throw Invalid("$.recordId", "noEntity", $"The template '{template.Name}' is not about an entity's records; leave recordId out.");
        var record = await records.GetAsync(principal, template.Entity, recordId.Value, ct);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await TemplateDataLoader.LoadAsync(connection, model, record, principal, ct, access: access);
    }

    private static Guid? RecordId(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("recordId", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id)
            ? id
            : throw Invalid("$.recordId", "invalidRecordId", "recordId must be a record's id (a UUID string).");
    }

    private static string? Language(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("language", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: >= 2 and <= 3 } language
            ? language
            : throw Invalid("$.language", "invalidLanguage", "language must be a language code such as \"tr\" or \"en\".");
    }

    private static TemplateDefinition ReadTemplate(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("template", out var value) || value.ValueKind != JsonValueKind.Object)
            throw Invalid("$.template", "required", "Give the template to preview as \"template\": {\"name\", \"channel\", \"subject\", \"html\", \"text\"…}.");
        try
        {
            return value.Deserialize<TemplateDefinition>(ModelJson.Options)
                ?? throw Invalid("$.template", "required", "The template is null.");
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$.template" : "$.template" + ex.Path[1..];
            throw Invalid(path, "invalidTemplate", ex.Message);
        }
    }

    private static CrmException Invalid(string path, string code, string message) =>
        CrmException.Invalid(message, [new CrmError(path, code, message)]);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
