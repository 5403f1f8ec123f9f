namespace NoCodeCrm.Engine.Workflows;

/// <summary>
/// One thing that happened in a record's workflow: start, move, approve, reject, slaWarning, slaBreach or escalate; who did it, from and to
/// which step, when, how long the record had been in the step it left, who it was assigned to, and the comment.
/// </summary>
public sealed record WorkflowTrailEntry
{
    public string Action { get; init; } = "";
    public string? FromStep { get; init; }
    public string? ToStep { get; init; }
    public Guid? Actor { get; init; }
    public string? ActorName { get; init; }
    public DateTime At { get; init; }
    public long? SpentSeconds { get; init; }
    public Guid? Assignee { get; init; }
    public string? Comment { get; init; }
}
