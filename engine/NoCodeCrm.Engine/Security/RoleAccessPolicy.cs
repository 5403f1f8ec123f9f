using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata.Security;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Security;

/// <summary>
/// Permissions from the model's roles: an operation with no scope in any of the principal's roles is refused; otherwise
/// the union of their scopes becomes a row predicate on the record (its owner, its owning team, its owning department within
/// the user's department subtree, plus records shared with the user or their team), so every read and write path sees only
/// the rows it covers.
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
        // Team and department are stamped on each record from its owner (OwningUnits), so each scope is a plain indexed
        // predicate on the row itself. The user's own records carry the user's team and department, so "owner = me" is only
        // needed when neither applies; and the share test only when something of the entity is shared with them. Without
        // an OR, PostgreSQL can walk an (owning_team, field) index in the order a list asks for.
        var me = addParameter(principal.UserId);
        var terms = new List<string>();
        var team = scopes.Contains(AccessScope.Team) && principal.Teams.Count > 0;
        var department = scopes.Contains(AccessScope.Department) && principal.Departments.Count > 0;
        if (!team && !department) terms.Add($"{owner} = {me}");
        if (team) terms.Add(OneOf($"t0.{Sql.Quote(SystemColumns.OwningTeam)}", principal.Teams, addParameter));
        if (department) terms.Add(OneOf($"t0.{Sql.Quote(SystemColumns.OwningDepartment)}", principal.Departments, addParameter));
        if ((operation is RecordOperation.Read or RecordOperation.Update) && principal.SharedEntities?.Contains(entity.Name) != false)
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

    /// <summary>
    /// <c>column = value</c> for a single value, which lets PostgreSQL 15 read an <c>(column, sort field)</c> index in order;
    /// <c>= ANY(array)</c> for several.
    /// </summary>
    internal static string OneOf(string column, IReadOnlyList<Guid> values, Func<object?, string> addParameter) =>
        values.Count == 1 ? $"{column} = {addParameter(values[0])}" : $"{column} = ANY({addParameter(values.ToArray())})";
}
