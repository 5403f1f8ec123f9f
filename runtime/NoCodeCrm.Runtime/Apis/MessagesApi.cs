using NoCodeCrm.Engine.Messaging;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>Sent (and refused) messages for records' timelines: <c>GET /api/messages</c> and <c>GET /api/messages/{id}</c>.</summary>
public static class MessagesApi
{
    private static readonly string[] Statuses = ["queued", "sent", "failed", "blocked"];

    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/messages").RequireAuthorization();

        group.MapGet("", async (HttpContext http, MessageStore messages, CancellationToken ct) =>
        {
            var query = new MessageQuery(
                QueryParameters.Text(http.Request, "entity"),
                QueryParameters.Id(http.Request, "recordId"),
                QueryParameters.OneOf(http.Request, "channel", [.. MessageChannels.All]),
                QueryParameters.OneOf(http.Request, "status", Statuses),
                QueryParameters.Top(http.Request, 50, MessageQuery.MaxTop));
            return TypedResults.Ok(new { value = await messages.ListAsync(http.ToCrmPrincipal(), query, ct) });
        });

        group.MapGet("/{id:guid}", async (Guid id, HttpContext http, MessageStore messages, CancellationToken ct) =>
            TypedResults.Ok(await messages.GetAsync(http.ToCrmPrincipal(), id, ct)));
        return app;
    }
}
