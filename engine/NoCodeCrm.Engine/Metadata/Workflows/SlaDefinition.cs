using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Metadata.Workflows;

/// <summary>A workflow's service targets, the warning threshold and who a breach escalates to, level by level.</summary>
public sealed record SlaDefinition
{
    /// <summary>ISO-8601 duration until the record must leave its first step.</summary>
    public string? FirstResponse { get; init; }
    /// <summary>ISO-8601 duration until the record must reach a final step.</summary>
    public string? Resolution { get; init; }
    /// <summary>A business-hours calendar of <c>calendars</c>; without one, durations run around the clock.</summary>
    public string? Calendar { get; init; }
    /// <summary>The fraction of a target's time after which the record is at risk (e.g. 0.8).</summary>
    public decimal? WarningAt { get; init; }
    /// <summary>Who each breach assigns the record to, in order: teamLead, departmentManager.</summary>
    public ImmutableArray<string> Escalation { get; init; } = [];
    /// <summary>Messages sent on a warning or a breach.</summary>
    public ImmutableArray<NotifyDefinition> Notify { get; init; } = [];
}
