using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using NoCodeCrm.Engine.Security.Directory;
using NoCodeCrm.Runtime.Problems;

namespace NoCodeCrm.Runtime.Auth;

/// <summary>Authenticates integrations by <c>X-Api-Key: nck_…</c> (or <c>Authorization: ApiKey nck_…</c>).</summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string KeyClaim = "apikey";
    public const string RoleClaim = "apikey_role";

    /// <summary>The API key a request carries, or null.</summary>
    public static string? KeyOf(HttpRequest request)
    {
        if (request.Headers[HeaderName].ToString() is { Length: > 0 } header) return header.Trim();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase) ? authorization[(SchemeName.Length + 1)..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (KeyOf(Request) is not { } key) return AuthenticateResult.NoResult();
        if (await keys.AuthenticateAsync(key, Context.RequestAborted) is not { } found)
            return AuthenticateResult.Fail("The API key is unknown, revoked or expired.");
        var identity = new ClaimsIdentity([
            new Claim("sub", found.UserId.ToString()),
            new Claim(KeyClaim, found.KeyId.ToString()),
            new Claim(RoleClaim, found.Role),
        ], SchemeName, "name", "role");
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        CrmProblemWriter.WriteAsync(Context, new Problem(401, "Unauthorized", "The API key is unknown, revoked or expired.", "invalidApiKey", [], null), Context.RequestAborted);
}
