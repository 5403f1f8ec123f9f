using System.Globalization;
using System.Text.Json;
using NoCodeCrm.Engine.Automation.Runs;
using NoCodeCrm.Engine.Automation.Testing;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>
/// The automation run log (<c>GET /api/automation/runs?rule=&amp;recordId=&amp;entity=&amp;status=&amp;$top=&amp;$skip=</c>,
/// <c>GET …/runs/{id}</c> with inputs), replay of a failed run from its failed action (<c>POST …/runs/{id}/replay</c>) and
/// test mode (<c>POST /api/automation/test</c>: which rules would fire on a record and what they would do, without side effects).
/// Administrators only until roles arrive.
/// </summary>
public static class AutomationApi
{
    public static IEndpointRouteBuilder MapAutomationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/automation").RequireAuthorization();

        group.MapGet("/runs", async (HttpContext http, AutomationRunStore runs, CancellationToken ct) =>
        {
            Administrator(http);
            var request = http.Request;
            var query = new AutomationRunQuery(QueryParameters.Text(request, "rule"), QueryParameters.Id(request, "recordId"),
                QueryParameters.Text(request, "entity"), QueryParameters.Text(request, "status"), QueryParameters.Top(request, 50, 500), QueryParameters.Skip(request));
            var (values, count) = await runs.ListAsync(query, ct);
            return Json($"{{\"value\":[{string.Join(",", values)}],\"count\":{count.ToString(CultureInfo.InvariantCulture)}}}");
        });

        group.MapGet("/runs/{id:guid}", async (Guid id, HttpContext http, AutomationRunStore runs, CancellationToken ct) =>
        {
            Administrator(http);
            return Json(await runs.GetAsync(id, ct));
        });

        group.MapPost("/runs/{id:guid}/replay", async (Guid id, HttpContext http, AutomationRunStore runs, CancellationToken ct) =>
        {
            Administrator(http);
            return Json(await runs.ReplayAsync(id, ct));
        });

        group.MapPost("/test", async (HttpContext http, AutomationSimulator simulator, CancellationToken ct) =>
        {
            Administrator(http);
            var body = await HttpBody.ReadJsonAsync(http.Request, ct);
            AutomationTestRequest request;
            try
            {
                request = body.Deserialize<AutomationTestRequest>(ModelJson.Options)
                    ?? throw new JsonException("The body is null.");
            }
            catch (JsonException ex)
            {
                throw new CrmException(CrmErrorKind.BadRequest, "invalidBody", "The test request is not valid.",
                    [new CrmError(ex.Path ?? "$", "invalidValue", ex.Message)]);
            }
            return TypedResults.Ok(await simulator.SimulateAsync(request, ct));
        });
        return app;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Json(string json) => TypedResults.Content(json, "application/json");

    private static void Administrator(HttpContext http)
    {
        if (!http.ToCrmPrincipal().IsAdministrator)
            throw new CrmException(CrmErrorKind.Forbidden, "forbidden", "Only administrators may read and replay automation runs.");
    }
}
