using NoCodeCrm.Engine.Views;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>
/// Users' own list views: <c>GET /api/saved-views/{entity}</c> (mine, then shared with me), <c>POST /api/saved-views/{entity}</c>
/// <c>{name, sharing, filter, orderBy, search, conditions}</c>, <c>PUT|DELETE /api/saved-views/{entity}/{id}</c>.
/// </summary>
public static class SavedViewsApi
{
    public static IEndpointRouteBuilder MapSavedViewsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/saved-views/{entity}").RequireAuthorization();
        group.MapGet("", async (string entity, HttpContext http, SavedViewService views, CancellationToken ct) =>
            TypedResults.Ok(new { value = await views.ListAsync(http.ToCrmPrincipal(), entity, ct) }));
        group.MapPost("", async (string entity, HttpContext http, SavedViewService views, CancellationToken ct) =>
        {
            var view = await views.CreateAsync(http.ToCrmPrincipal(), entity, await HttpBody.ReadJsonAsync(http.Request, ct), ct);
            return TypedResults.Created($"/api/saved-views/{view.Entity}/{view.Id}", view);
        });
        group.MapPut("/{id:guid}", async (string entity, Guid id, HttpContext http, SavedViewService views, CancellationToken ct) =>
            TypedResults.Ok(await views.UpdateAsync(http.ToCrmPrincipal(), entity, id, await HttpBody.ReadJsonAsync(http.Request, ct), ct)));
        group.MapDelete("/{id:guid}", async (string entity, Guid id, HttpContext http, SavedViewService views, CancellationToken ct) =>
        {
            await views.DeleteAsync(http.ToCrmPrincipal(), entity, id, ct);
            return TypedResults.NoContent();
        });
        return app;
    }
}
