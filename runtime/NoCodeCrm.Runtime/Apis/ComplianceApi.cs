using System.Text.Json;
using System.Text.Json.Nodes;
using NoCodeCrm.Engine.Compliance;
using NoCodeCrm.Engine.Compliance.Retention;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>
/// Data-subject rights, administrators only: <c>GET /api/compliance/persons/{id}/export</c>, <c>POST …/erase</c>
/// <c>{legalBasis, reason?}</c>, <c>POST …/restrict</c> <c>{restricted, reason}</c>,
/// <c>GET /api/compliance/processing-record</c> built from the model's annotations, and retention: <c>POST /api/compliance/retention/run</c>
/// <c>{policy?}</c> runs the policies now, <c>GET /api/compliance/retention/runs?policy=&amp;$top=</c> lists the runs.
/// </summary>
public static class ComplianceApi
{
    public static IEndpointRouteBuilder MapComplianceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/compliance").RequireAuthorization();

        group.MapGet("/persons/{id:guid}/export", async (Guid id, HttpContext http, PersonExporter exporter, CancellationToken ct) =>
        {
            var document = await exporter.ExportAsync(http.ToCrmPrincipal(), id, ct);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"person-{id}.json\"";
            return TypedResults.Content(document.ToJsonString(), "application/json");
        });

        group.MapPost("/persons/{id:guid}/erase", async (Guid id, HttpContext http, PersonEraser eraser, CancellationToken ct) =>
        {
            var request = ErasureRequest.Read(await HttpBody.ReadJsonAsync(http.Request, ct));
            return TypedResults.Content((await eraser.EraseAsync(http.ToCrmPrincipal(), id, request, ct)).ToJsonString(), "application/json");
        });

        group.MapPost("/persons/{id:guid}/restrict", async (Guid id, HttpContext http, ProcessingRestrictions restrictions, CancellationToken ct) =>
        {
            var body = await HttpBody.ReadJsonAsync(http.Request, ct);
            if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("restricted", out var flag) || flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                throw CrmException.Invalid("The restriction request is not valid.", [new CrmError("$.restricted", "required", "Send restricted: true or false.")]);
            var reason = body.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            var result = await restrictions.SetAsync(http.ToCrmPrincipal(), id, flag.GetBoolean(), reason, ct);
            return TypedResults.Content(result.ToJsonString(), "application/json");
        });
        group.MapPost("/retention/run", async (HttpContext http, RetentionRunner runner, CancellationToken ct) =>
        {
            var principal = http.ToCrmPrincipal();
            ComplianceAccess.Demand(principal);
            var text = await HttpBody.ReadTextAsync(http.Request, ct);
            string? policy = null;
            if (!string.IsNullOrWhiteSpace(text))
            {
                using var body = JsonDocument.Parse(text);
                if (body.RootElement.ValueKind != JsonValueKind.Object)
                    throw CrmException.Invalid("The retention run request is not valid.", [new CrmError("$", "type", "Send nothing, or an object with an optional policy.")]);
                if (body.RootElement.TryGetProperty("policy", out var p) && p.ValueKind != JsonValueKind.Null)
                    policy = p.ValueKind == JsonValueKind.String ? p.GetString() : throw CrmException.Invalid("The retention run request is not valid.",
                        [new CrmError("$.policy", "type", "The policy is named by a string.")]);
            }
            var runs = await runner.RunAsync(principal, policy, ct);
            return TypedResults.Content(new JsonObject { ["value"] = runs }.ToJsonString(), "application/json");
        });
        group.MapGet("/retention/runs", async (HttpContext http, RetentionRunner runner, CancellationToken ct) =>
        {
            var runs = await runner.ListAsync(http.ToCrmPrincipal(), QueryParameters.Text(http.Request, "policy"), QueryParameters.Top(http.Request, 50, 500), ct);
            return TypedResults.Content(new JsonObject { ["value"] = runs }.ToJsonString(), "application/json");
        });
        group.MapGet("/processing-record", (HttpContext http, ProcessingRecordBuilder builder) =>
            TypedResults.Content(builder.Build(http.ToCrmPrincipal()).ToJsonString(), "application/json"));
        return app;
    }
}
