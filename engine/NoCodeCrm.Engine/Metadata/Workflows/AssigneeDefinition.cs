namespace NoCodeCrm.Engine.Metadata.Workflows;

/// <summary>Who a step assigns the record to (its owner); which property applies depends on <see cref="Type"/>.</summary>
public sealed record AssigneeDefinition
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public required AssigneeType Type { get; init; }
    /// <summary>user: the user's id.</summary>
    public Guid? User { get; init; }
    /// <summary>team and teamRoundRobin: the team's name.</summary>
    public string? Team { get; init; }
    /// <summary>role: the role's name.</summary>
    public string? Role { get; init; }
}
