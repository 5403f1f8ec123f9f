using System.Text.Json;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Rules.Scripting;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>Designer helpers for rules under <c>/api/rules</c>: checking a script's syntax while it is typed.</summary>
public static class RulesApi
{
    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rules").RequireAuthorization();

        // {"script": "..."} → {"valid": bool, "problems": [{line, column, message}]}; never runs the script.
        group.MapPost("/check-script", async (HttpRequest request, CancellationToken ct) =>
        {
            var body = await HttpBody.ReadJsonAsync(request, ct);
            if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("script", out var script) || script.ValueKind != JsonValueKind.String)
                throw new CrmException(CrmErrorKind.BadRequest, "invalidBody", "Send {\"script\": \"...\"}.", [new CrmError("$.script", "required", "Expected the script as a string.")]);
            var problems = ScriptCheck.Check(script.GetString()!);
            return TypedResults.Ok(new { valid = problems.Count == 0, problems });
        });
        return app;
    }
}
