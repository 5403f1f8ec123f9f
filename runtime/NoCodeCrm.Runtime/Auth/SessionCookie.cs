namespace NoCodeCrm.Runtime.Auth;

/// <summary>
/// The SPA's session: the same signed token as the bearer one, in an HttpOnly, SameSite=Strict cookie, so page scripts
/// never hold it. Unsafe requests authenticated by the cookie must also carry <c>X-Requested-With</c>, which a cross-site
/// form cannot send.
/// </summary>
public static class SessionCookie
{
    public const string Name = "crm_session";
    public const string CsrfHeader = "X-Requested-With";
    internal const string UsedKey = "nocodecrm.cookieAuth";

    public static void Set(HttpContext context, string token, DateTime expiresAt) =>
        context.Response.Cookies.Append(Name, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            Expires = expiresAt,
        });

    public static void Clear(HttpContext context) =>
        context.Response.Cookies.Delete(Name, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Path = "/" });
}
