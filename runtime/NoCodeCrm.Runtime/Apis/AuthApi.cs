using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Security.Directory;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>
/// <c>POST /api/auth/login</c> (bearer token), <c>POST|DELETE /api/auth/session</c> (the SPA's cookie),
/// <c>GET /api/auth/me</c> and <c>POST /api/auth/password</c> (change one's own password).
/// </summary>
public static class AuthApi
{
    public sealed record LoginRequest(string? Username, string? Password);
    public sealed record LoginResponse(string Token, DateTime ExpiresAt);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/login", async (LoginRequest request, LoginService logins, TokenService tokens, CancellationToken ct) =>
        {
            var (token, expiresAt) = tokens.CreateToken(await LoginAsync(logins, request, ct));
            return TypedResults.Ok(new LoginResponse(token, expiresAt));
        }).AllowAnonymous();

        app.MapPost("/api/auth/session", async (LoginRequest request, HttpContext http, LoginService logins, TokenService tokens, CancellationToken ct) =>
        {
            var user = await LoginAsync(logins, request, ct);
            var (token, expiresAt) = tokens.CreateToken(user);
            SessionCookie.Set(http, token, expiresAt);
            return TypedResults.Ok(new { expiresAt, user = new { id = user.UserId, username = user.UserName } });
        }).AllowAnonymous();

        app.MapDelete("/api/auth/session", (HttpContext http) =>
        {
            SessionCookie.Clear(http);
            return TypedResults.NoContent();
        }).AllowAnonymous();

        app.MapGet("/api/auth/me", (HttpContext http) =>
        {
            var principal = http.ToCrmPrincipal();
            return TypedResults.Ok(new
            {
                id = principal.UserId, username = principal.UserName, roles = principal.Roles, administrator = principal.IsAdministrator,
                teams = principal.Teams, departments = principal.Departments, language = principal.Language, apiKey = principal.ApiKeyId,
            });
        }).RequireAuthorization();

        app.MapPost("/api/auth/password", async (HttpContext http, UserStore users, CancellationToken ct) =>
        {
            await users.ChangeOwnPasswordAsync(http.ToCrmPrincipal(), await HttpBody.ReadJsonAsync(http.Request, ct), ct);
            return TypedResults.NoContent();
        }).RequireAuthorization();
        return app;
    }

    private static async Task<LoginResult> LoginAsync(LoginService logins, LoginRequest request, CancellationToken ct)
    {
        var result = await logins.LoginAsync(request.Username, request.Password, ct);
        if (result.Succeeded) return result;
        if (result.LockedOut)
            throw new CrmException(CrmErrorKind.Unauthorized, "accountLocked",
                $"Too many failed logins: the account is locked until {result.LockedUntil:yyyy-MM-dd HH:mm:ss} UTC.");
        throw new CrmException(CrmErrorKind.Unauthorized, "invalidCredentials", "The user name or password is wrong.");
    }
}
