using NoCodeCrm.Engine.Security.Directory;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>API keys: <c>POST/GET /api/api-keys</c> (the key is shown once, at creation), <c>DELETE /api/api-keys/{id}</c> revokes.</summary>
public static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/api-keys").RequireAuthorization();
        group.MapPost("", async (HttpContext http, ApiKeyStore keys, CancellationToken ct) =>
        {
            var key = await keys.CreateAsync(http.ToCrmPrincipal(), await HttpBody.ReadJsonAsync(http.Request, ct), ct);
            return TypedResults.Created($"/api/api-keys/{key.Id}", key);
        });
        group.MapGet("", async (HttpContext http, ApiKeyStore keys, CancellationToken ct) =>
            TypedResults.Ok(new { value = await keys.ListAsync(http.ToCrmPrincipal(), ct) }));
        group.MapDelete("/{id:guid}", async (Guid id, HttpContext http, ApiKeyStore keys, CancellationToken ct) =>
        {
            await keys.RevokeAsync(http.ToCrmPrincipal(), id, ct);
            return TypedResults.NoContent();
        });
        return app;
    }
}
