using System.Globalization;
using NoCodeCrm.Engine.Audit;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata.Security;
using NoCodeCrm.Engine.Security;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>
/// The audit history, read-only: <c>GET /api/audit?entity=&amp;id=&amp;user=&amp;from=&amp;to=&amp;$top=&amp;$skip=&amp;$count=</c>,
/// newest first. Administrators and roles with the <c>auditRead</c> capability. There is deliberately no route that changes or deletes audit rows.
/// </summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async (HttpContext http, AuditStore audit, ModelRegistry registry, CancellationToken ct) =>
        {
            if (!CompiledRoles.For(registry.Current).Has(http.ToCrmPrincipal(), RoleCapability.AuditRead))
                throw new CrmException(CrmErrorKind.Forbidden, "forbidden", "Only administrators and roles with the auditRead capability may read the audit history.");
            var request = http.Request;
            var from = QueryParameters.Time(request, "from");
            var to = QueryParameters.Time(request, "to");
            if (from > to)
                throw new CrmException(CrmErrorKind.BadRequest, "invalidParameter", "The query parameter 'to' is not valid.",
                    [new CrmError("to", "invalidParameter", "'to' must not be before 'from'.")]);
            var query = new AuditQuery(QueryParameters.Text(request, "entity"), QueryParameters.Id(request, "id"), QueryParameters.Text(request, "user"),
                from, to, QueryParameters.Top(request, 50, AuditStore.MaxTop), QueryParameters.Skip(request));
            var count = QueryParameters.Flag(request, "$count");
            var rows = await audit.ListAsync(query, ct);
            var total = count ? $",\"count\":{(await audit.CountAsync(query, ct)).ToString(CultureInfo.InvariantCulture)}" : "";
            return TypedResults.Content($"{{\"value\":[{string.Join(",", rows)}]{total}}}", "application/json");
        }).RequireAuthorization();
        return app;
    }
}
