using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary><c>POST /api/auth/login</c>.</summary>
public static class AuthApi
{
    public sealed record LoginRequest(string? Username, string? Password);
    public sealed record LoginResponse(string Token, DateTime ExpiresAt);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/login", (LoginRequest request, TokenService tokens) =>
        {
            var result = tokens.Login(request.Username, request.Password)
                ?? throw new CrmException(CrmErrorKind.Unauthorized, "invalidCredentials", "The user name or password is wrong.");
            return TypedResults.Ok(new LoginResponse(result.Token, result.ExpiresAt));
        }).AllowAnonymous();
        return app;
    }
}
