using System.Text.Json;

namespace NoCodeCrm.Engine.Metadata.Automation;

/// <summary>When a rule fires; which properties apply depends on <see cref="Type"/>.</summary>
public sealed record TriggerDefinition
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public required TriggerType Type { get; init; }
    /// <summary>The entity whose records fire the rule (required for every type but a plain schedule).</summary>
    public string? Entity { get; init; }
    /// <summary>fieldChanged: the field that changed; dateRelative: the date or datetime field the moment is relative to.</summary>
    public string? Field { get; init; }
    /// <summary>fieldChanged: fire only when the old value equals this.</summary>
    public JsonElement? From { get; init; }
    /// <summary>fieldChanged: fire only when the new value equals this.</summary>
    public JsonElement? To { get; init; }
    /// <summary>event: the inbound event type, e.g. <c>email.opened</c>.</summary>
    public string? EventType { get; init; }
    /// <summary>schedule: a Quartz cron expression (seconds first), e.g. <c>0 0 9 ? * MON-FRI</c>.</summary>
    public string? Cron { get; init; }
    /// <summary>schedule and dateRelative: the IANA time zone the cron or the time of day is read in (default UTC).</summary>
    public string? TimeZone { get; init; }
    /// <summary>dateRelative: days after (positive) or before (negative) the date.</summary>
    public int OffsetDays { get; init; }
    /// <summary>dateRelative: the time of day (<c>HH:mm</c>) at which a date field's occurrence falls due; default 00:00.</summary>
    public string? At { get; init; }
    /// <summary>stageEntered and stageLeft: the pipeline whose stage is watched.</summary>
    public string? Pipeline { get; init; }
    /// <summary>stageEntered and stageLeft: the stage entered or left.</summary>
    public string? Stage { get; init; }
    /// <summary>dateRelative: fire every year on the date's month and day (birthdays, anniversaries).</summary>
    public bool Yearly { get; init; }
}
