using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Compliance;

/// <summary>Data-subject rights, retention and the record of processing are administrators' work: they see and change everything about a person.</summary>
public static class ComplianceAccess
{
    public static void Demand(CrmPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!principal.IsAdministrator)
            throw new CrmException(CrmErrorKind.Forbidden, "forbidden", "Only administrators may use the compliance functions.");
    }
}
