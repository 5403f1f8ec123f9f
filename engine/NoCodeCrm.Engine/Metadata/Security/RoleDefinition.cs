using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Metadata.Security;

/// <summary>
/// A role as metadata: per entity (or <c>"*"</c> for every entity) a scope per operation, and per sensitive field what the
/// role may do with it. A user's rights are the union of their roles; the role named <c>administrator</c> may do everything.
/// </summary>
public sealed record RoleDefinition
{
    public string Name { get; init; } = "";
    public LocalizedText? Label { get; init; }
    public LocalizedText? Description { get; init; }
    public ImmutableDictionary<string, EntityPermissions> Entities { get; init; } = ImmutableDictionary<string, EntityPermissions>.Empty;
    /// <summary>Entity → sensitive field → access; a sensitive field a role does not name is hidden from it.</summary>
    public ImmutableDictionary<string, ImmutableDictionary<string, FieldAccess>> Fields { get; init; } =
        ImmutableDictionary<string, ImmutableDictionary<string, FieldAccess>>.Empty;
    /// <summary>Rights beyond records, e.g. <c>auditRead</c> for an auditor.</summary>
    public ImmutableArray<RoleCapability> Capabilities { get; init; } = [];
}
