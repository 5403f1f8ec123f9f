using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;

namespace NoCodeCrm.Engine.Security;

/// <summary>Until roles exist, the administrator may do everything and nobody else may do anything.</summary>
public sealed class AdministratorOnlyAccessPolicy : IRecordAccessPolicy
{
    public void Authorize(CrmPrincipal principal, CompiledEntity entity, RecordOperation operation)
    {
        if (!principal.IsAdministrator)
            throw new CrmException(CrmErrorKind.Forbidden, "forbidden", $"You may not {operation.ToString().ToLowerInvariant()} {entity.Name} records.");
    }

    public string? RowFilter(CrmPrincipal principal, CompiledEntity entity, RecordOperation operation, Func<object?, string> addParameter) =>
        principal.IsAdministrator ? null : "false";
}
