using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Query;

namespace NoCodeCrm.Runtime.Problems;

/// <summary>Turns every engine failure into RFC 7807 problem details with the stable code and every field error.</summary>
public sealed class CrmProblemWriter(ILogger<CrmProblemWriter> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            CrmException crm => FromCrm(crm),
            QuerySyntaxException syntax => new Problem(400, "Invalid query", syntax.Message, "invalidQuery",
                [new CrmError(syntax.Parameter, "invalidQuery", syntax.Message)], null),
            BadHttpRequestException bad => new Problem(bad.StatusCode, "Bad request", bad.Message, "badRequest", [], null),
            JsonException json => new Problem(400, "Invalid JSON", json.Message, "invalidJson",
                [new CrmError(json.Path ?? "$", "invalidJson", "The body is not valid JSON" + (json.LineNumber is { } l ? $" (line {l + 1}, position {json.BytePositionInLine + 1})." : "."))], null),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new Problem(500, "Internal error", "Something went wrong on the server; it has been logged.", "internalError", [], null);
        }
        await WriteAsync(httpContext, problem, cancellationToken);
        return true;
    }

    public static Task WriteAsync(HttpContext context, Problem problem, CancellationToken ct)
    {
        context.Response.StatusCode = problem.Status;
        context.Response.ContentType = "application/problem+json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            type = $"https://nocodecrm.dev/problems/{problem.Code}",
            title = problem.Title,
            status = problem.Status,
            detail = problem.Detail,
            code = problem.Code,
            errors = problem.Errors.Select(e => new { path = e.Path, code = e.Code, message = e.Message, line = e.Line, column = e.Column }),
            details = problem.Details,
            traceId = context.TraceIdentifier,
        }, ApiJson.Options, ct);
    }

    private static Problem FromCrm(CrmException ex)
    {
        var (status, title) = ex.Kind switch
        {
            CrmErrorKind.BadRequest => (400, "Bad request"),
            CrmErrorKind.Validation => (422, "Validation failed"),
            CrmErrorKind.NotFound => (404, "Not found"),
            CrmErrorKind.Conflict => (409, "Conflict"),
            CrmErrorKind.PreconditionFailed => (412, "Precondition failed"),
            CrmErrorKind.Busy => (503, "Busy"),
            CrmErrorKind.Unauthorized => (401, "Unauthorized"),
            CrmErrorKind.Forbidden => (403, "Forbidden"),
            _ => (500, "Error"),
        };
        return new Problem(status, title, ex.Message, ex.Code, ex.Errors, ex.Details);
    }
}
