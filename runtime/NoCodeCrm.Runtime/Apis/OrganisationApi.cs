using NoCodeCrm.Engine.Security.Directory;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>Teams and departments: <c>POST/GET /api/teams</c>, <c>PATCH /api/teams/{id}</c>, the same under <c>/api/departments</c>.</summary>
public static class OrganisationApi
{
    public static IEndpointRouteBuilder MapOrganisationApi(this IEndpointRouteBuilder app)
    {
        var teams = app.MapGroup("/api/teams").RequireAuthorization();
        teams.MapPost("", async (HttpContext http, OrganisationStore store, CancellationToken ct) =>
        {
            var team = await store.CreateTeamAsync(http.ToCrmPrincipal(), await HttpBody.ReadJsonAsync(http.Request, ct), ct);
            return TypedResults.Created($"/api/teams/{team.Id}", team);
        });
        teams.MapGet("", async (HttpContext http, OrganisationStore store, CancellationToken ct) =>
            TypedResults.Ok(new { value = await store.ListTeamsAsync(http.ToCrmPrincipal(), ct) }));
        teams.MapPatch("/{id:guid}", async (Guid id, HttpContext http, OrganisationStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.UpdateTeamAsync(http.ToCrmPrincipal(), id, await HttpBody.ReadJsonAsync(http.Request, ct), ct)));

        var departments = app.MapGroup("/api/departments").RequireAuthorization();
        departments.MapPost("", async (HttpContext http, OrganisationStore store, CancellationToken ct) =>
        {
            var department = await store.CreateDepartmentAsync(http.ToCrmPrincipal(), await HttpBody.ReadJsonAsync(http.Request, ct), ct);
            return TypedResults.Created($"/api/departments/{department.Id}", department);
        });
        departments.MapGet("", async (HttpContext http, OrganisationStore store, CancellationToken ct) =>
            TypedResults.Ok(new { value = await store.ListDepartmentsAsync(http.ToCrmPrincipal(), ct) }));
        departments.MapPatch("/{id:guid}", async (Guid id, HttpContext http, OrganisationStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.UpdateDepartmentAsync(http.ToCrmPrincipal(), id, await HttpBody.ReadJsonAsync(http.Request, ct), ct)));
        return app;
    }
}
