namespace NoCodeCrm.Engine.Security.Directory;

/// <summary>An API key as listed: never its secret, which is shown once at creation.</summary>
public sealed record ApiKeyInfo
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public Guid UserId { get; init; }
    public string? User { get; init; }
    public string Role { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime? ExpiresAt { get; init; }
    public DateTime? RevokedAt { get; init; }
    public DateTime? LastUsedAt { get; init; }
    /// <summary>Only in the answer to the creation: the key to send as <c>X-Api-Key</c>.</summary>
    public string? Key { get; init; }
}
