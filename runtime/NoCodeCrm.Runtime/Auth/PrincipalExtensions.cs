using System.Security.Claims;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Runtime.Auth;

/// <summary>Turns the authenticated HTTP user into the engine's principal.</summary>
public static class PrincipalExtensions
{
    public static CrmPrincipal ToCrmPrincipal(this HttpContext context)
    {
        var user = context.User;
        var id = Guid.TryParse(user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier), out var g) ? g : Guid.Empty;
        var preferred = context.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault()?.Value.Value;
        var language = preferred is { Length: >= 2 } && char.IsAsciiLetter(preferred[0]) && char.IsAsciiLetter(preferred[1])
            ? preferred[..2].ToLowerInvariant()
            : "en";
        return new CrmPrincipal(id, user.FindFirstValue("name") ?? "", user.FindFirstValue("role") == "administrator" || user.IsInRole("administrator"), language);
    }
}
