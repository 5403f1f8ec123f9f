namespace NoCodeCrm.Engine.Metadata.Workflows;

/// <summary>A templated message a workflow sends: to the customer (the record's address), the assignee, the owner or the previous assignee.</summary>
public sealed record NotifyDefinition
{
    public required string Template { get; init; }
    /// <summary>customer, assignee, owner or previousAssignee.</summary>
    public string To { get; init; } = "assignee";
    /// <summary>SLA notifications: warning or breach (default breach). Step notifications: overdue, for when the step outlives its due time (default: on entry).</summary>
    public string? On { get; init; }
}
