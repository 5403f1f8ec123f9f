using System.Text.Json;
using NoCodeCrm.Engine.Compliance;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>
/// Data-subject rights, administrators only: <c>GET /api/compliance/persons/{id}/export</c>, <c>POST …/erase</c>
/// <c>{legalBasis, reason?}</c>, <c>POST …/restrict</c> <c>{restricted, reason}</c>,
/// and <c>GET /api/compliance/processing-record</c> built from the model's annotations.
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
        group.MapGet("/processing-record", (HttpContext http, ProcessingRecordBuilder builder) =>
            TypedResults.Content(builder.Build(http.ToCrmPrincipal()).ToJsonString(), "application/json"));
        return app;
    }
}
