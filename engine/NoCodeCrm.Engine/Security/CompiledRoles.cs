using System.Runtime.CompilerServices;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata.Security;

namespace NoCodeCrm.Engine.Security;

/// <summary>
/// The roles of one model version, resolved once: per role, entity and operation the scope (an entity's own entry first,
/// then the role's <c>"*"</c> entry, else none), and per role the sensitive fields it may read or update.
/// </summary>
public sealed class CompiledRoles
{
    private static readonly ConditionalWeakTable<CompiledModel, CompiledRoles> Cache = new();
    private readonly Dictionary<string, RoleDefinition> _roles;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Roles, CompiledEntity Entity, FieldAccess Access), IReadOnlySet<string>> _sensitive = new();

    private CompiledRoles(CompiledModel model) =>
        _roles = model.Model.Roles.GroupBy(r => r.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public static CompiledRoles For(CompiledModel model) => Cache.GetValue(model, m => new CompiledRoles(m));

    /// <summary>The distinct scopes the principal's roles give for the operation; administrators get <see cref="AccessScope.All"/>.</summary>
    public IReadOnlySet<AccessScope> Scopes(CrmPrincipal principal, string entity, RecordOperation operation)
    {
        if (principal.IsAdministrator) return new HashSet<AccessScope> { AccessScope.All };
        var scopes = new HashSet<AccessScope>();
        foreach (var name in principal.Roles)
        {
            if (!_roles.TryGetValue(name, out var role)) continue;
            var scope = Of(role, entity, operation);
            if (scope != AccessScope.None) scopes.Add(scope);
        }
        return scopes;
    }

    /// <summary>What the principal may do with a sensitive field (the most any of their roles gives).</summary>
    public FieldAccess Field(CrmPrincipal principal, string entity, string field)
    {
        if (principal.IsAdministrator) return FieldAccess.Update;
        var best = FieldAccess.None;
        foreach (var name in principal.Roles)
            if (_roles.TryGetValue(name, out var role) && role.Fields.TryGetValue(entity, out var fields) && fields.TryGetValue(field, out var access) && access > best)
                best = access;
        return best;
    }

    /// <summary>Whether any of the principal's roles grants the capability; administrators have every one.</summary>
    public bool Has(CrmPrincipal principal, RoleCapability capability)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.IsAdministrator) return true;
        foreach (var name in principal.Roles)
            if (_roles.TryGetValue(name, out var role) && role.Capabilities.Contains(capability)) return true;
        return false;
    }

    /// <summary>
    /// The entity's sensitive fields at exactly this access for the principal's roles (e.g. the hidden ones for
    /// <see cref="FieldAccess.None"/>), worked out once per role set and entity for this model version.
    /// </summary>
    public IReadOnlySet<string> SensitiveFields(CrmPrincipal principal, CompiledEntity entity, FieldAccess access)
    {
        if (principal.IsAdministrator) return NoFields;
        return _sensitive.GetOrAdd((string.Join('\n', principal.Roles), entity, access), key =>
            entity.Fields.Where(f => f.Definition.Sensitive && Field(principal, entity.Name, f.Name) == key.Access).Select(f => f.Name)
                .ToHashSet(StringComparer.Ordinal));
    }

    private static readonly IReadOnlySet<string> NoFields = new HashSet<string>();

    private static AccessScope Of(RoleDefinition role, string entity, RecordOperation operation) =>
        (role.Entities.TryGetValue(entity, out var own) ? Pick(own, operation) : null)
        ?? (role.Entities.TryGetValue(RoleValidator.AllEntities, out var all) ? Pick(all, operation) : null)
        ?? AccessScope.None;

    private static AccessScope? Pick(EntityPermissions permissions, RecordOperation operation) => operation switch
    {
        RecordOperation.Create => permissions.Create,
        RecordOperation.Read => permissions.Read,
        RecordOperation.Update => permissions.Update,
        RecordOperation.Delete => permissions.Delete,
        RecordOperation.Assign => permissions.Assign,
        RecordOperation.Share => permissions.Share,
        RecordOperation.Export => permissions.Export,
        _ => null,
    };
}
