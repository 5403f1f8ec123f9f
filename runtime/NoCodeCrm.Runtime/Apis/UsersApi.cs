using NoCodeCrm.Engine.Security.Directory;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>Users: <c>POST/GET /api/users</c>, <c>GET/PATCH /api/users/{id}</c> (administrators; a user may read themselves).</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").RequireAuthorization();

        group.MapPost("", async (HttpContext http, UserStore users, CancellationToken ct) =>
        {
            var user = await users.CreateAsync(http.ToCrmPrincipal(), await HttpBody.ReadJsonAsync(http.Request, ct), ct);
            http.Response.Headers.ETag = HttpBody.ETag(user.Version);
            return TypedResults.Created($"/api/users/{user.Id}", user);
        });

        group.MapGet("", async (HttpContext http, UserStore users, CancellationToken ct) =>
            TypedResults.Ok(new
            {
                value = await users.ListAsync(http.ToCrmPrincipal(), QueryParameters.Text(http.Request, "search"),
                    QueryParameters.Top(http.Request, 100, UserStore.MaxTop), QueryParameters.Skip(http.Request), ct),
            }));

        group.MapGet("/{id:guid}", async (Guid id, HttpContext http, UserStore users, CancellationToken ct) =>
        {
            var user = await users.GetAsync(http.ToCrmPrincipal(), id, ct);
            http.Response.Headers.ETag = HttpBody.ETag(user.Version);
            return TypedResults.Ok(user);
        });

        group.MapPatch("/{id:guid}", async (Guid id, HttpContext http, UserStore users, CancellationToken ct) =>
        {
            var user = await users.UpdateAsync(http.ToCrmPrincipal(), id, await HttpBody.ReadJsonAsync(http.Request, ct), HttpBody.IfMatch(http.Request), ct);
            http.Response.Headers.ETag = HttpBody.ETag(user.Version);
            return TypedResults.Ok(user);
        });
        return app;
    }
}
