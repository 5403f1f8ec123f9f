namespace NoCodeCrm.Engine.Security.Sharing;

/// <summary>One share of a record: with a user or a team, to read or also to update.</summary>
public sealed record RecordShare
{
    public Guid Id { get; init; }
    public string Entity { get; init; } = "";
    public Guid RecordId { get; init; }
    public Guid? UserId { get; init; }
    public string? User { get; init; }
    public Guid? TeamId { get; init; }
    public string? Team { get; init; }
    public string Access { get; init; } = "read";
    public Guid SharedBy { get; init; }
    public DateTime CreatedAt { get; init; }
}
