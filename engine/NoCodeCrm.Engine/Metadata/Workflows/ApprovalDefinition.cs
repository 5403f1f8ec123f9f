namespace NoCodeCrm.Engine.Metadata.Workflows;

/// <summary>A step the record leaves only by approval: approve follows the step's transitions, reject goes back.</summary>
public sealed record ApprovalDefinition
{
    /// <summary>The role whose users may approve or reject.</summary>
    public required string Role { get; init; }
    /// <summary>The step a rejection returns to; by default the step the record came from.</summary>
    public string? OnReject { get; init; }
}
