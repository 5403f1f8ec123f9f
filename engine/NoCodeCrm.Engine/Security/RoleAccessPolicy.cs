using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata.Security;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Security;

/// <summary>
/// Permissions from the model's roles: an operation with no scope in any of the principal's roles is refused; otherwise
/// the union of their scopes becomes a row predicate on the record's owner (own, the owner's current team or department
/// subtree, plus records shared with the user or their team), so every read and write path sees only the rows it covers.
/// </summary>
public sealed class RoleAccessPolicy(ModelRegistry registry) : IRecordAccessPolicy
{
    public void Authorize(CrmPrincipal principal, CompiledEntity entity, RecordOperation operation)
    {
        if (CompiledRoles.For(registry.Current).Scopes(principal, entity.Name, operation).Count == 0)
            throw new CrmException(CrmErrorKind.Forbidden, "forbidden", $"You may not {operation.ToString().ToLowerInvariant()} {entity.Name} records.");
    }

    public IReadOnlySet<string> HiddenFields(CrmPrincipal principal, CompiledEntity entity) =>
        CompiledRoles.For(registry.Current).SensitiveFields(principal, entity, FieldAccess.None);

    public IReadOnlySet<string> ReadOnlyFields(CrmPrincipal principal, CompiledEntity entity) =>
        CompiledRoles.For(registry.Current).SensitiveFields(principal, entity, FieldAccess.Read);

    public string? RowFilter(CrmPrincipal principal, CompiledEntity entity, RecordOperation operation, Func<object?, string> addParameter)
    {
        var scopes = CompiledRoles.For(registry.Current).Scopes(principal, entity.Name, operation);
        if (scopes.Contains(AccessScope.All)) return null;
        if (scopes.Count == 0) return "false";
        var owner = "t0." + Sql.Quote(SystemColumns.Owner);
        var users = Sql.Qualified(registry.Names.SystemSchema, "app_user");
        var terms = new List<string> { $"{owner} = {addParameter(principal.UserId)}" };
        if (scopes.Contains(AccessScope.Team) && principal.Teams.Count > 0)
            terms.Add($"{owner} IN (SELECT m.\"id\" FROM {users} m WHERE m.\"team_id\" = ANY({addParameter(principal.Teams.ToArray())}))");
        if (scopes.Contains(AccessScope.Department) && principal.Departments.Count > 0)
            terms.Add($"{owner} IN (SELECT m.\"id\" FROM {users} m WHERE m.\"department_id\" = ANY({addParameter(principal.Departments.ToArray())}))");
        if (operation is RecordOperation.Read or RecordOperation.Update)
        {
            // A share opens one record to a user or team beyond their scopes: to read, or with "update" also to change.
            var shares = Sql.Qualified(registry.Names.SystemSchema, "record_share");
            var teams = principal.Teams.Count > 0 ? $" OR sh.\"team_id\" = ANY({addParameter(principal.Teams.ToArray())})" : "";
            var update = operation == RecordOperation.Update ? " AND sh.\"access\" = 'update'" : "";
            terms.Add($"EXISTS (SELECT 1 FROM {shares} sh WHERE sh.\"entity\" = {addParameter(entity.Name)} AND sh.\"record_id\" = t0.\"id\"{update}"
                + $" AND (sh.\"user_id\" = {addParameter(principal.UserId)}{teams}))");
        }
        return terms.Count == 1 ? terms[0] : "(" + string.Join(" OR ", terms) + ")";
    }
}
