namespace NoCodeCrm.Engine.Workflows;

/// <summary>A record waiting in an approval step that the reader's role may decide: what it is, where it waits and since when.</summary>
public sealed record PendingApproval
{
    public string Entity { get; init; } = "";
    public Guid RecordId { get; init; }
    /// <summary>The record's primary field as text (its name, subject, number), when the reader may see it.</summary>
    public string? Title { get; init; }
    public string Workflow { get; init; } = "";
    public string Step { get; init; } = "";
    /// <summary>The role the step's approval needs.</summary>
    public string Role { get; init; } = "";
    public DateTime WaitingSince { get; init; }
    public DateTime? StepDueAt { get; init; }
    public string? SlaState { get; init; }
    public Guid Owner { get; init; }
}
