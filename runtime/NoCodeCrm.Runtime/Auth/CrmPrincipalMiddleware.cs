using NoCodeCrm.Engine.Security.Directory;
using NoCodeCrm.Runtime.Problems;

namespace NoCodeCrm.Runtime.Auth;

/// <summary>
/// After authentication, loads the request's principal from the directory (roles, team, departments as they are now).
/// A token whose user is gone, inactive or whose security stamp changed gets 401, and a cookie-authenticated unsafe
/// request without <see cref="SessionCookie.CsrfHeader"/> gets 403.
/// </summary>
public sealed class CrmPrincipalMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, PrincipalLoader loader)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var language = RequestLanguage.Of(context);
            var principal = Guid.TryParse(user.FindFirst("sub")?.Value, out var userId)
                ? user.FindFirst(ApiKeyAuthenticationHandler.KeyClaim) is { } key
                    ? await loader.LoadForApiKeyAsync(Guid.Parse(key.Value), userId, user.FindFirst(ApiKeyAuthenticationHandler.RoleClaim)!.Value, language, context.RequestAborted)
                    : Guid.TryParse(user.FindFirst(TokenService.StampClaim)?.Value, out var stamp)
                        ? await loader.LoadAsync(userId, stamp, language, context.RequestAborted)
                        : null
                : null;
            if (principal is null)
            {
                if (context.Items.ContainsKey(SessionCookie.UsedKey)) SessionCookie.Clear(context);
                await CrmProblemWriter.WriteAsync(context, new Problem(401, "Unauthorized",
                    "The session has ended (the password changed or the user was deactivated); log in again.", "sessionEnded", [], null), context.RequestAborted);
                return;
            }
            if (context.Items.ContainsKey(SessionCookie.UsedKey) && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && !HttpMethods.IsOptions(context.Request.Method) && string.IsNullOrEmpty(context.Request.Headers[SessionCookie.CsrfHeader]))
            {
                await CrmProblemWriter.WriteAsync(context, new Problem(403, "Forbidden",
                    $"A change made with the session cookie must carry the {SessionCookie.CsrfHeader} header.", "csrf", [], null), context.RequestAborted);
                return;
            }
            context.Items[PrincipalExtensions.ItemKey] = principal;
        }
        await next(context);
    }
}
