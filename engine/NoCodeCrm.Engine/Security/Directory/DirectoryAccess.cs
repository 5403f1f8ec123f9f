using NoCodeCrm.Engine.Errors;

namespace NoCodeCrm.Engine.Security.Directory;

/// <summary>Who may manage the directory: administrators only.</summary>
internal static class DirectoryAccess
{
    public static void RequireAdministrator(CrmPrincipal principal)
    {
        if (!principal.IsAdministrator)
            throw new CrmException(CrmErrorKind.Forbidden, "forbidden", "Only administrators manage users, teams, departments and API keys.");
    }
}
