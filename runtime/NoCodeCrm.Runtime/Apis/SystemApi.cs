using Npgsql;
using NoCodeCrm.Engine.Compiled;

namespace NoCodeCrm.Runtime.Apis;

/// <summary><c>/health</c> and <c>/openapi.json</c>.</summary>
public static class SystemApi
{
    public static IEndpointRouteBuilder MapSystemApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (NpgsqlDataSource dataSource, ModelRegistry registry, CancellationToken ct) =>
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(ct);
                return Results.Ok(new { status = "healthy", metadataVersion = registry.Current.Version });
            }
            catch (NpgsqlException ex)
            {
                return Results.Json(new { status = "unhealthy", error = ex.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).AllowAnonymous();

        app.MapGet("/openapi.json", (HttpContext http, ModelRegistry registry) =>
        {
            var model = registry.Current;
            http.Response.Headers.ETag = $"\"{model.Version}\"";
            return Results.Text(model.OpenApiJson, "application/json; charset=utf-8");
        }).AllowAnonymous();
        return app;
    }
}
