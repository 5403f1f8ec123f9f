namespace NoCodeCrm.Engine.Security.Directory;

/// <summary>A user as the directory shows it; the password hash never leaves the store.</summary>
public sealed record UserAccount
{
    public Guid Id { get; init; }
    public string Username { get; init; } = "";
    public string? DisplayName { get; init; }
    public string? Email { get; init; }
    public string[] Roles { get; init; } = [];
    public Guid? TeamId { get; init; }
    public string? Team { get; init; }
    public Guid? DepartmentId { get; init; }
    public string? Department { get; init; }
    public bool Active { get; init; }
    public DateTime? LockedUntil { get; init; }
    public DateTime? LastLoginAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int Version { get; init; }
}
