using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Runtime.Auth;

/// <summary>The engine's principal for a request, as <see cref="CrmPrincipalMiddleware"/> loaded it from the directory.</summary>
public static class PrincipalExtensions
{
    internal const string ItemKey = "nocodecrm.principal";

    public static CrmPrincipal ToCrmPrincipal(this HttpContext context) =>
        context.Items[ItemKey] as CrmPrincipal ?? new CrmPrincipal(Guid.Empty, "", false, RequestLanguage.Of(context));
}
