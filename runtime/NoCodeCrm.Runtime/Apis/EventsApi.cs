using NoCodeCrm.Engine.Events;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>Inbound events on records' timelines: <c>POST /api/events</c> (fires automation) and <c>GET /api/events</c>.</summary>
public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/events").RequireAuthorization();

        group.MapPost("", async (HttpContext http, InboundEventService events, CancellationToken ct) =>
        {
            var body = await HttpBody.ReadJsonAsync(http.Request, ct);
            var stored = await events.RecordAsync(http.ToCrmPrincipal(), InboundEventReader.Read(body, "api"), ct);
            return TypedResults.Created((string?)null, stored);
        });

        group.MapGet("", async (HttpContext http, InboundEventService events, CancellationToken ct) =>
        {
            var query = new EventQuery(
                QueryParameters.Text(http.Request, "entity"),
                QueryParameters.Id(http.Request, "recordId"),
                QueryParameters.Text(http.Request, "type"),
                QueryParameters.Top(http.Request, 50, EventQuery.MaxTop));
            return TypedResults.Ok(new { value = await events.ListAsync(http.ToCrmPrincipal(), query, ct) });
        });
        return app;
    }
}
