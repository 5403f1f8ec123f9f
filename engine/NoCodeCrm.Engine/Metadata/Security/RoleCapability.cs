namespace NoCodeCrm.Engine.Metadata.Security;

/// <summary>A right beyond records that a role can grant; administrators have every one.</summary>
public enum RoleCapability
{
    /// <summary>Reading the audit history (<c>GET /api/audit</c>), all of it: who changed what, old and new values included.</summary>
    AuditRead,
}
