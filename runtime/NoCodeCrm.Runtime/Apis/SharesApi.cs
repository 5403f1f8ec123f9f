using NoCodeCrm.Engine.Security.Sharing;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>Record sharing: <c>GET|POST /api/records/{e}/{id}/shares</c> <c>{user|team, access}</c>, <c>DELETE …/shares/{shareId}</c>.</summary>
public static class SharesApi
{
    public static IEndpointRouteBuilder MapSharesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/records/{entity}/{id:guid}/shares").RequireAuthorization();
        group.MapGet("", async (string entity, Guid id, HttpContext http, RecordShareService shares, CancellationToken ct) =>
            TypedResults.Ok(new { value = await shares.ListAsync(http.ToCrmPrincipal(), entity, id, ct) }));
        group.MapPost("", async (string entity, Guid id, HttpContext http, RecordShareService shares, CancellationToken ct) =>
        {
            var share = await shares.ShareAsync(http.ToCrmPrincipal(), entity, id, await HttpBody.ReadJsonAsync(http.Request, ct), ct);
            return TypedResults.Created($"/api/records/{entity}/{id}/shares/{share.Id}", share);
        });
        group.MapDelete("/{shareId:guid}", async (string entity, Guid id, Guid shareId, HttpContext http, RecordShareService shares, CancellationToken ct) =>
        {
            await shares.UnshareAsync(http.ToCrmPrincipal(), entity, id, shareId, ct);
            return TypedResults.NoContent();
        });
        return app;
    }
}
