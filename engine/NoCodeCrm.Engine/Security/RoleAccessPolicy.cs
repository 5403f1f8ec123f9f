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
        // Each part is one "= ANY(array)" whose array PostgreSQL works out once per query (an InitPlan), so the owner index
        // and the primary key serve it; "IN (subquery)" or a correlated EXISTS per row would make the planner scan the table.
        var colleagues = new List<string>();
        if (scopes.Contains(AccessScope.Team) && principal.Teams.Count > 0)
            colleagues.Add($"m.\"team_id\" = ANY({addParameter(principal.Teams.ToArray())})");
        if (scopes.Contains(AccessScope.Department) && principal.Departments.Count > 0)
            colleagues.Add($"m.\"department_id\" = ANY({addParameter(principal.Departments.ToArray())})");
        var me = addParameter(principal.UserId);
        var terms = new List<string>
        {
            colleagues.Count == 0
                ? $"{owner} = {me}"
                : $"{owner} = ANY(ARRAY(SELECT m.\"id\" FROM {users} m WHERE {string.Join(" OR ", colleagues)}) || {me}::uuid)",
        };
        if (operation is RecordOperation.Read or RecordOperation.Update)
        {
            // A share opens one record to a user or team beyond their scopes: to read, or with "update" also to change.
            var shares = Sql.Qualified(registry.Names.SystemSchema, "record_share");
            var teams = principal.Teams.Count > 0 ? $" OR sh.\"team_id\" = ANY({addParameter(principal.Teams.ToArray())})" : "";
            var update = operation == RecordOperation.Update ? " AND sh.\"access\" = 'update'" : "";
            terms.Add($"t0.\"id\" = ANY(ARRAY(SELECT sh.\"record_id\" FROM {shares} sh WHERE sh.\"entity\" = {addParameter(entity.Name)}{update}"
                + $" AND (sh.\"user_id\" = {me}{teams})))");
        }
        return terms.Count == 1 ? terms[0] : "(" + string.Join(" OR ", terms) + ")";
    }
}
