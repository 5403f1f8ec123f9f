using System.Text.Json;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Workflows;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>
/// Approval decisions (<c>POST /api/workflows/{entity}/{id}/approve</c> and <c>…/reject</c> with <c>{comment}</c>; only the step's approval
/// role) and the record's trail (<c>GET …/trail</c>: state, SLA deadlines and every step taken); <c>GET /api/workflows/approvals</c> lists the
/// records waiting for the caller's approval.
/// </summary>
public static class WorkflowsApi
{
    public static IEndpointRouteBuilder MapWorkflowsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/workflows/approvals", async (HttpContext http, WorkflowService workflows, CancellationToken ct) =>
            TypedResults.Json(new { value = await workflows.PendingApprovalsAsync(http.ToCrmPrincipal(), ct) }, ApiJson.Options)).RequireAuthorization();

        var group = app.MapGroup("/api/workflows/{entity}/{id:guid}").RequireAuthorization();

        group.MapPost("/approve", (string entity, Guid id, HttpContext http, WorkflowService workflows, CancellationToken ct) =>
            DecideAsync(entity, id, approve: true, http, workflows, ct));
        group.MapPost("/reject", (string entity, Guid id, HttpContext http, WorkflowService workflows, CancellationToken ct) =>
            DecideAsync(entity, id, approve: false, http, workflows, ct));

        group.MapGet("/trail", async (string entity, Guid id, HttpContext http, WorkflowService workflows, CancellationToken ct) =>
            TypedResults.Json(await workflows.TrailAsync(http.ToCrmPrincipal(), entity, id, ct), ApiJson.Options));
        return app;
    }

    private static async Task DecideAsync(string entity, Guid id, bool approve, HttpContext http, WorkflowService workflows, CancellationToken ct)
    {
        string? comment = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var body = await HttpBody.ReadJsonAsync(http.Request, ct);
            if (body.ValueKind != JsonValueKind.Object)
                throw new CrmException(CrmErrorKind.BadRequest, "invalidBody", "The body must be a JSON object like {\"comment\": \"…\"}.");
            if (body.TryGetProperty("comment", out var c))
            {
                if (c.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                    throw CrmException.Invalid("The comment must be text.", [new CrmError("$.comment", "invalidValue", "Expected a string.")]);
                comment = c.GetString();
            }
        }
        var record = await workflows.DecideAsync(http.ToCrmPrincipal(), entity, id, approve, comment, ct);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.Headers.ETag = HttpBody.ETag(record.Version);
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.Body.WriteAsync(RecordJsonWriter.ToUtf8(record), ct);
    }
}
